package timbreflow.runtime.dsp;

import java.util.Arrays;

/**
 * Consecutive frames of one note reconstructed together, one frame per lane, with their state.
 *
 * <p>Frame {@code first + g} is lane {@code g}. The signal is read from and overlap-added into
 * {@link SignalRows}: segments of {@code hop} samples split into even and odd samples, so the
 * {@code d}-th quarter of a frame is row {@code d·H + m} of the packed FFT input ({@code H =
 * hop/2}). Everything is allocated up front; an iteration allocates nothing.
 */
final class FrameGroup {

  private final LaneFft fft;
  private final SpectralKernel kernel;
  private final FrameWindows windows;
  private final int first;
  private final int lanes;
  private final int live;
  private final int quarter;
  private final float[][] target;
  private final float[][] prevRe;
  private final float[][] prevIm;
  private final float[] shifted;

  /**
   * Contributions to segments {@code first .. first + lanes + 2}: [buffer][parity][m][segment];
   * iterations alternate buffers so a neighbour may still read the last one.
   */
  final float[][][][] overlap;

  private double error;

  FrameGroup(
      LaneFft fft,
      SpectralKernel kernel,
      FrameWindows windows,
      Magnitude magnitude,
      float scale,
      int first,
      int lanes) {
    this.fft = fft;
    this.kernel = kernel;
    this.windows = windows;
    this.first = first;
    this.lanes = lanes;
    this.live = Math.max(0, Math.min(lanes, magnitude.frames() - first));
    int points = fft.size();
    int bins = points + 1;
    this.quarter = points / 4;
    this.target = new float[bins][lanes];
    this.prevRe = new float[bins][lanes];
    this.prevIm = new float[bins][lanes];
    this.overlap = new float[2][2][quarter][lanes + 3];
    this.shifted = new float[lanes + 3];
    float[] values = magnitude.values();
    int frames = magnitude.frames();
    for (int k = 0; k < bins; k++) {
      for (int g = 0; g < live; g++) {
        target[k][g] = scale * values[k * frames + first + g];
      }
    }
  }

  /** First frame of this group. */
  int first() {
    return first;
  }

  /** Frames that exist (the last group may have lanes past the note's end). */
  int live() {
    return live;
  }

  /** {@code Σ (S − |X|)²} measured by the last tracked {@link #iterate}, in the 2X scale. */
  double error() {
    return error;
  }

  /** {@code Σ S²} in the 2X scale. */
  double targetEnergy() {
    double sum = 0;
    for (float[] row : target) {
      for (int g = 0; g < live; g++) {
        sum += (double) row[g] * row[g];
      }
    }
    return sum;
  }

  /**
   * Synthesises the initial signal from the target magnitude and phases.
   *
   * @param cos cosine of the initial phase, {@code [bins][frames]}
   * @param sin sine of the initial phase, {@code [bins][frames]}
   */
  void start(float[] cos, float[] sin, int frames, Scratch scratch, int buffer) {
    float[][] re = scratch.re;
    float[][] im = scratch.im;
    // the scratch holds another group's rows: lanes past the note's end must synthesise nothing
    for (int n = 0; n < re.length; n++) {
      Arrays.fill(re[n], 0f);
      Arrays.fill(im[n], 0f);
    }
    int half = fft.size();
    for (int k = 0; k <= half; k++) {
      float[] s = target[k];
      int row = kernel.row(k);
      for (int g = 0; g < live; g++) {
        int i = k * frames + first + g;
        float c = s[g] * cos[i];
        if (k == 0) {
          re[row][g] = c;
        } else if (k == half) {
          im[row][g] = c;
        } else {
          re[row][g] = c;
          im[row][g] = s[g] * sin[i];
        }
      }
    }
    synthesise(re, im, buffer);
  }

  /**
   * One iteration for these frames: analyse the current signal, project, synthesise.
   *
   * @param signal the normalised signal of the previous iteration
   * @param beta {@code momentum / (1 + momentum)}
   * @param track whether to measure the spectral error of the current signal
   * @param scratch the calling worker's FFT rows
   * @param buffer which overlap buffer to write
   */
  void iterate(SignalRows signal, float beta, boolean track, Scratch scratch, int buffer) {
    float[][] re = scratch.re;
    float[][] im = scratch.im;
    for (int m = 0; m < quarter; m++) {
      for (int d = 0; d < 4; d++) {
        System.arraycopy(signal.even[m], first + d, re[d * quarter + m], 0, lanes);
        System.arraycopy(signal.odd[m], first + d, im[d * quarter + m], 0, lanes);
      }
    }
    int firstHalf = fft.firstStage(re, im, windows.analysisEven, windows.analysisOdd, lanes);
    fft.forwardAfterFirst(re, im, lanes, firstHalf);
    kernel.toSpectrum(re, im, lanes);
    if (track) {
      error = kernel.error(re, im, target, live);
    }
    kernel.project(re, im, target, prevRe, prevIm, beta, lanes);
    synthesise(re, im, buffer);
  }

  private void synthesise(float[][] re, float[][] im, int buffer) {
    kernel.fromSpectrum(re, im, lanes);
    fft.adjointBeforeLast(re, im, lanes);
    fft.lastStage(re, im, windows.synthesisEven, windows.synthesisOdd, lanes);
    overlapAdd(re, overlap[buffer][0]);
    overlapAdd(im, overlap[buffer][1]);
  }

  /** Segment {@code first + g + d} gets quarter {@code d} of frame {@code first + g}. */
  private void overlapAdd(float[][] rows, float[][] into) {
    for (int m = 0; m < quarter; m++) {
      float[] out = into[m];
      System.arraycopy(rows[m], 0, out, 0, lanes);
      out[lanes] = 0f;
      out[lanes + 1] = 0f;
      out[lanes + 2] = 0f;
      addShifted(rows[quarter + m], out, 1);
      addShifted(rows[2 * quarter + m], out, 2);
      addShifted(rows[3 * quarter + m], out, 3);
    }
  }

  /**
   * {@code to[g + shift] += from[g]}, as a shifted copy then an aligned add: C2 does not vectorise
   * the direct form, but copies with an offset and adds at one index.
   */
  private void addShifted(float[] from, float[] to, int shift) {
    float[] tmp = shifted;
    System.arraycopy(from, 0, tmp, shift, lanes);
    for (int j = 0; j < shift; j++) {
      tmp[j] = 0f;
    }
    for (int j = lanes + shift; j < lanes + 3; j++) {
      tmp[j] = 0f;
    }
    addInto(tmp, to, lanes + 3);
  }

  private static void addInto(float[] from, float[] to, int n) {
    for (int g = 0; g < n; g++) {
      to[g] += from[g];
    }
  }

  /** One worker's FFT rows {@code [points][lanes]}, reused for each of its groups in turn. */
  static final class Scratch {
    final float[][] re;
    final float[][] im;

    Scratch(int points, int lanes) {
      re = new float[points][lanes];
      im = new float[points][lanes];
    }
  }
}
