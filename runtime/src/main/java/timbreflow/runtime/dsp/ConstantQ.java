package timbreflow.runtime.dsp;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
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
 * <p>Computed in the frequency domain: one FFT of the whole zero-padded signal, then per bin the
 * spectrum times the kernel's exact (closed-form) spectrum, kept to ±{@value #SIDE_LOBES} Hann
 * lobes around the bin (side lobes there are below −80 dB), and one short inverse FFT sampled only
 * at the frame centres. A 4 s note at 16 kHz takes tens of milliseconds.
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

  /** Hann lobes kept either side of a kernel's centre frequency. */
  static final int SIDE_LOBES = 16;

  private final int sampleRate;
  private final int hop;
  private final int binsPerOctave;
  private final double[] frequencies;
  private final int[] halfLengths;

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
    for (int k = 0; k < bins; k++) {
      frequencies[k] = minFrequency * Math.pow(2, k / (double) binsPerOctave);
      halfLengths[k] = Math.max(1, (int) Math.round(q * sampleRate / frequencies[k] / 2));
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
    int size = fftSize(signal.length + 2 * halfLengths[0] + 1);
    double[] spectrum = new double[2 * size];
    for (int i = 0; i < signal.length; i++) {
      spectrum[i] = signal[i];
    }
    new DoubleFFT_1D(size).realForwardFull(spectrum);

    int bins = frequencies.length;
    float[] re = new float[bins * frames];
    float[] im = new float[bins * frames];
    Map<Integer, DoubleFFT_1D> inverses = new HashMap<>();
    for (int k = 0; k < bins; k++) {
      int h = halfLengths[k];
      double centre = frequencies[k] * size / sampleRate;
      double halfBand = Math.min(SIDE_LOBES * size / (2.0 * h + 2), size / 2.0 - 1);
      int first = (int) Math.ceil(centre - halfBand);
      int last = (int) Math.floor(centre + halfBand);
      int decimation = decimation(size, last - first + 1);
      int length = size / decimation;
      double[] band = new double[2 * length];
      double norm = 1.0 / (hannSpectrum(0, h) * size);
      for (int m = first; m <= last; m++) {
        double weight = hannSpectrum(2 * Math.PI * (m - centre) / size, h) * norm;
        int from = 2 * Math.floorMod(m, size);
        int to = 2 * Math.floorMod(m, length);
        band[to] += spectrum[from] * weight;
        band[to + 1] += spectrum[from + 1] * weight;
      }
      inverses.computeIfAbsent(length, DoubleFFT_1D::new).complexInverse(band, false);
      int step = hop / decimation;
      for (int t = 0; t < frames; t++) {
        re[k * frames + t] = (float) band[2 * t * step];
        im[k * frames + t] = (float) band[2 * t * step + 1];
      }
    }
    return new ConstantQSpectrum(re, im, bins, frames, frequencies.clone(), sampleRate, hop);
  }

  /**
   * The smallest {@code hop·2^j} that holds {@code needed} samples, so every divisor of hop divides
   * it.
   */
  private int fftSize(int needed) {
    long size = hop;
    while (size < needed) {
      size *= 2;
    }
    if (size > Integer.MAX_VALUE / 2) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "signal: too long for a constant-Q transform, " + needed + " samples");
    }
    return (int) size;
  }

  /** The largest divisor of hop whose decimated inverse FFT still holds {@code bandWidth} bins. */
  private int decimation(int size, int bandWidth) {
    for (int d = hop; d > 1; d--) {
      if (hop % d == 0 && size / d >= bandWidth) {
        return d;
      }
    }
    return 1;
  }

  /**
   * The DTFT at {@code theta} radians per sample of the Hann window {@code 0.5 +
   * 0.5·cos(πu/(h+1))}, {@code u = −h..h}: real and even, a sum of three Dirichlet kernels.
   */
  static double hannSpectrum(double theta, int h) {
    double a = Math.PI / (h + 1);
    return 0.5 * dirichlet(theta, h)
        + 0.25 * dirichlet(theta - a, h)
        + 0.25 * dirichlet(theta + a, h);
  }

  /** {@code Σ_{u=−h..h} e^(−iθu) = sin((2h+1)θ/2) / sin(θ/2)}. */
  private static double dirichlet(double theta, int h) {
    double s = Math.sin(theta / 2);
    if (Math.abs(s) < 1e-12) {
      return 2 * h + 1; // the limit at every multiple of 2π
    }
    return Math.sin((2 * h + 1) * theta / 2) / s;
  }

  private static void require(boolean ok, String field, String expected, int found) {
    if (!ok) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, field + ": expected " + expected + ", found " + found);
    }
  }
}
