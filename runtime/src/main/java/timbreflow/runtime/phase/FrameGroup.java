package timbreflow.runtime.phase;

import java.util.Arrays;
import timbreflow.runtime.dsp.Magnitude;

/**
 * Consecutive frames of one note reconstructed together, one frame per lane, with their state.
 *
 * <p>Frame {@code first + g} is lane {@code g}. The signal is read from and overlap-added into
 * {@link SignalRows}: segments of {@code hop} samples split into even and odd samples, so the
 * {@code d}-th quarter of a frame is row {@code d·H + m} of the packed FFT input ({@code H =
 * hop/2}). Everything is allocated up front; an iteration allocates nothing.
 *
 * <p>Segment {@code s} of the signal is {@code ((Q0[s] + Q1[s−1]) + Q2[s−2]) + Q3[s−3]}, {@code
 * Qd[f]} the {@code d}-th quarter of frame {@code f}, always summed in that order: a group sums
 * what falls inside it ({@link #overlap}) and keeps its last frames' quarters that spill into the
 * next group apart ({@link #tail}), so wherever group boundaries fall, hence for any thread count,
 * every sample comes out bit for bit the same.
 */
final class FrameGroup {

  /** Quarters kept per row in {@link #tail}. */
  static final int TAIL = 6;

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
   * This group's frames summed into its own segments {@code first .. first + lanes − 1}:
   * [buffer][parity][m][segment]. Iterations alternate buffers so a neighbour may still read the
   * last one.
   */
  final float[][][][] overlap;

  /**
   * The quarters of the last three frames ({@code L = lanes}) that fall into the next group's first
   * three segments, [buffer][parity][m][6]: {@code Q1[L−1], Q2[L−2], Q3[L−3]} (its segment 0),
   * {@code Q2[L−1], Q3[L−2]} (segment 1), {@code Q3[L−1]} (segment 2); see {@link
   * SignalRows#gather}.
   */
  final float[][][][] tail;

  private final double[] frameError;

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
    this.overlap = new float[2][2][quarter][lanes];
    this.tail = new float[2][2][quarter][TAIL];
    this.shifted = new float[lanes];
    this.frameError = new double[lanes];
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

  /** Lanes of this group, live or not. */
  int lanes() {
    return lanes;
  }

  /**
   * Adds {@code Σ (S − |X|)²} of each live frame, as measured by the last tracked {@link #iterate}
   * (2X scale), to {@code sum} in frame order, so the total does not depend on the grouping.
   */
  double addError(double sum) {
    for (int g = 0; g < live; g++) {
      sum += frameError[g];
    }
    return sum;
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
      kernel.error(re, im, target, live, frameError);
    }
    kernel.project(re, im, target, prevRe, prevIm, beta, lanes);
    synthesise(re, im, buffer);
  }

  private void synthesise(float[][] re, float[][] im, int buffer) {
    kernel.fromSpectrum(re, im, lanes);
    fft.adjointBeforeLast(re, im, lanes);
    fft.lastStage(re, im, windows.synthesisEven, windows.synthesisOdd, lanes);
    overlapAdd(re, overlap[buffer][0], tail[buffer][0]);
    overlapAdd(im, overlap[buffer][1], tail[buffer][1]);
  }

  /**
   * Segment {@code first + g + d} gets quarter {@code d} of frame {@code first + g}, in the order
   * {@code d = 0, 1, 2, 3}; quarters that fall past the group go to {@code tails}.
   */
  private void overlapAdd(float[][] rows, float[][] into, float[][] tails) {
    int last = lanes - 1;
    for (int m = 0; m < quarter; m++) {
      float[] out = into[m];
      float[] q1 = rows[quarter + m];
      float[] q2 = rows[2 * quarter + m];
      float[] q3 = rows[3 * quarter + m];
      System.arraycopy(rows[m], 0, out, 0, lanes);
      addShifted(q1, out, 1);
      addShifted(q2, out, 2);
      addShifted(q3, out, 3);
      float[] t = tails[m];
      t[0] = q1[last];
      t[1] = q2[last - 1];
      t[2] = q3[last - 2];
      t[3] = q2[last];
      t[4] = q3[last - 1];
      t[5] = q3[last];
    }
  }

  /**
   * {@code to[g + shift] += from[g]} within the group ({@code to[g] += 0} below {@code shift}), as
   * a shifted copy then an aligned add: C2 does not vectorise the direct form, but copies with an
   * offset and adds at one index.
   */
  private void addShifted(float[] from, float[] to, int shift) {
    float[] tmp = shifted;
    System.arraycopy(from, 0, tmp, shift, lanes - shift);
    for (int j = 0; j < shift; j++) {
      tmp[j] = 0f;
    }
    addInto(tmp, to, lanes);
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
