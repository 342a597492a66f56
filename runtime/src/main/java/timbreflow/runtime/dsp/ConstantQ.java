package timbreflow.runtime.dsp;

import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * The constant-Q transform of a mono signal, as NSynth's rainbowgrams use it.
 *
 * <p>Bin {@code k} is centred on {@code f_k = minFrequency·2^(k / binsPerOctave)} Hz; bins go up to
 * the last whose upper half-bin edge lies below Nyquist. Its kernel is a Hann window of {@code N_k
 * ≈ Q·sampleRate / f_k} samples (odd, centred) times {@code e^(−2πi·f_k·u / sampleRate)}, with
 * {@code Q = 1 / (2^(1/binsPerOctave) − 1)} (librosa's {@code filter_scale = 1}), normalised to
 * unit window sum, so a sinusoid of amplitude A at a bin's centre gives {@code |C| = A / 2}. Frame
 * {@code t} is centred on sample {@code t·hop} with zeros outside the signal ({@code 1 + n / hop}
 * frames, as {@link Stft}).
 *
 * <p>Each bin takes the cheaper of two routes: short kernels (high bins) are summed directly in the
 * time domain ({@link CqtKernel}); long ones (low bins) are computed from one FFT of the whole
 * zero-padded signal, times the kernel's closed-form spectrum kept to ±{@value #SIDE_LOBES} Hann
 * lobes (side lobes beyond are below −90 dB), and one short inverse FFT sampled at the frame
 * centres ({@link CqtSpectralFilter}). A 4 s note at 16 kHz takes tens of milliseconds.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ConstantQ {

  /** Samples between frames, as NSynth's rainbowgrams. */
  public static final int DEFAULT_HOP = 256;

  /** C1 in Hz (MIDI 24, A4 = 440 Hz), the lowest bin by default. */
  public static final double C1_HZ = 32.70319566257483;

  /** Bins per octave by default: three per semitone. */
  public static final int DEFAULT_BINS_PER_OCTAVE = 36;

  /** Hann lobes kept either side of a kernel's centre frequency in the frequency domain. */
  static final int SIDE_LOBES = 24;

  /** Kernels up to this many taps are kept for direct summation. */
  static final int MAX_DIRECT_TAPS = 4096;

  private final int sampleRate;
  private final int hop;
  private final int binsPerOctave;
  private final double[] frequencies;
  private final int[] halfLengths;

  /** Time-domain kernels of the bins short enough to sum directly; null for the others. */
  private final CqtKernel[] kernels;

  /** A transform with the defaults: hop 256, lowest bin C1, 36 bins per octave. */
  public ConstantQ(int sampleRate) {
    this(sampleRate, DEFAULT_HOP, C1_HZ, DEFAULT_BINS_PER_OCTAVE);
  }

  /**
   * A transform with the given resolution.
   *
   * @param sampleRate Hz, positive
   * @param hop samples between frames, positive
   * @param minFrequency centre of bin 0 in Hz, positive and below Nyquist
   * @param binsPerOctave bins per octave, positive
   */
  public ConstantQ(int sampleRate, int hop, double minFrequency, int binsPerOctave) {
    require(sampleRate > 0, "sampleRate", "> 0", sampleRate);
    require(hop > 0, "hop", "> 0", hop);
    require(binsPerOctave > 0, "binsPerOctave", "> 0", binsPerOctave);
    double nyquist = sampleRate / 2.0;
    double halfBin = Math.pow(2, 0.5 / binsPerOctave);
    if (!(minFrequency > 0 && minFrequency * halfBin < nyquist)) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "minFrequency: expected a positive frequency whose bin lies below Nyquist ("
              + nyquist
              + " Hz), found "
              + minFrequency);
    }
    this.sampleRate = sampleRate;
    this.hop = hop;
    this.binsPerOctave = binsPerOctave;
    int bins =
        (int) Math.floor(binsPerOctave * Math.log(nyquist / (minFrequency * halfBin)) / Math.log(2))
            + 1;
    double q = 1.0 / (Math.pow(2, 1.0 / binsPerOctave) - 1);
    this.frequencies = new double[bins];
    this.halfLengths = new int[bins];
    this.kernels = new CqtKernel[bins];
    for (int k = 0; k < bins; k++) {
      frequencies[k] = minFrequency * Math.pow(2, k / (double) binsPerOctave);
      halfLengths[k] = Math.max(1, (int) Math.round(q * sampleRate / frequencies[k] / 2));
      if (2 * halfLengths[k] + 1 <= MAX_DIRECT_TAPS) {
        kernels[k] = new CqtKernel(halfLengths[k], 2 * Math.PI * frequencies[k] / sampleRate);
      }
    }
  }

  /** Sample rate in Hz. */
  public int sampleRate() {
    return sampleRate;
  }

  /** Samples between frames. */
  public int hop() {
    return hop;
  }

  /** Bins per octave. */
  public int binsPerOctave() {
    return binsPerOctave;
  }

  /** Number of bins. */
  public int bins() {
    return frequencies.length;
  }

  /** Centre frequency of each bin in Hz, ascending (a copy). */
  public double[] frequencies() {
    return frequencies.clone();
  }

  /** Length in samples of bin {@code k}'s kernel (odd). */
  public int kernelLength(int k) {
    return 2 * halfLengths[k] + 1;
  }

  /**
   * The constant-Q transform of a signal.
   *
   * @param signal samples at {@link #sampleRate()}, at least one
   * @return {@code [bins][frames]} with {@code frames = 1 + signal.length / hop}
   */
  public ConstantQSpectrum transform(float[] signal) {
    if (signal.length == 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "signal: expected at least one sample, found none");
    }
    int frames = 1 + signal.length / hop;
    int size = fftSize(signal.length);
    int bins = frequencies.length;
    float[] re = new float[bins * frames];
    float[] im = new float[bins * frames];
    CqtSpectralFilter spectral = null;
    for (int k = 0; k < bins; k++) {
      if (direct(k, signal.length)) {
        kernels[k].apply(signal, frames, hop, re, im, k * frames);
      } else {
        if (spectral == null) {
          spectral = new CqtSpectralFilter(signal, size, hop);
        }
        spectral.apply(frequencies[k] / sampleRate, halfLengths[k], frames, re, im, k * frames);
      }
    }
    return new ConstantQSpectrum(re, im, bins, frames, frequencies.clone(), sampleRate, hop);
  }

  /**
   * Whether bin {@code k} of a signal of {@code samples} samples is cheaper by direct summation
   * than in the frequency domain (rough operation counts: a multiply-add per tap and frame, against
   * evaluating the kernel's spectrum over its band plus a short inverse FFT).
   */
  boolean direct(int k, int samples) {
    if (kernels[k] == null) {
      return false;
    }
    int frames = 1 + samples / hop;
    int size = fftSize(samples);
    double directCost = 2.0 * frames * kernels[k].length();
    int width = 2 * (int) Math.ceil(CqtSpectralFilter.halfBand(size, halfLengths[k])) + 1;
    int length = CqtSpectralFilter.inverseLength(size, hop, width);
    double spectralCost = 40.0 * width + 5.0 * length * (Math.log(length) / Math.log(2));
    return directCost <= spectralCost;
  }

  /**
   * The smallest {@code hop·2^j} that holds the signal and the longest kernel, so that every
   * divisor of hop divides it.
   */
  private int fftSize(int samples) {
    long needed = (long) samples + 2L * halfLengths[0] + 1;
    long size = hop;
    while (size < needed) {
      size *= 2;
    }
    if (size > Integer.MAX_VALUE / 2) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "signal: expected at most " + (Integer.MAX_VALUE / 4) + " samples, found " + samples);
    }
    return (int) size;
  }

  private static void require(boolean ok, String field, String expected, int found) {
    if (!ok) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, field + ": expected " + expected + ", found " + found);
    }
  }
}
