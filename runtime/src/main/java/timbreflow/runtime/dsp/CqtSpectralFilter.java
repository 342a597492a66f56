package timbreflow.runtime.dsp;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Constant-Q bins of one signal computed in the frequency domain: cheaper than direct summation for
 * long kernels (the low bins).
 *
 * <p>The signal is zero-padded to {@code size} samples and transformed once. Bin {@code C[t] =
 * (1/P) Σ_m X[m]·W(θ_m − ω)·e^(2πi·m·t·hop / P)}, where {@code W} is the closed-form spectrum of
 * the kernel's Hann window (real and even, so the kernel's spectrum is {@code W} shifted to the
 * bin's centre {@code ω}), kept to ±{@value ConstantQ#SIDE_LOBES} lobes. Folding that band modulo
 * {@code P / d} and inverting with a short FFT gives the output at every {@code d}-th sample
 * exactly, for any divisor {@code d} of the hop; the largest that holds the band is used.
 *
 * <p>Not thread-safe: one instance per transform call.
 */
final class CqtSpectralFilter {

  private final int size;
  private final int hop;
  private final double[] spectrum;
  private final Map<Integer, DoubleFFT_1D> inverses = new HashMap<>();

  /**
   * @param signal the samples
   * @param size FFT length, a multiple of {@code hop} at least the signal plus the longest kernel
   * @param hop samples between frames
   */
  CqtSpectralFilter(float[] signal, int size, int hop) {
    this.size = size;
    this.hop = hop;
    spectrum = new double[2 * size];
    for (int i = 0; i < signal.length; i++) {
      spectrum[i] = signal[i];
    }
    new DoubleFFT_1D(size).realForwardFull(spectrum);
  }

  /** FFT bins in the kept band of a kernel with half-length {@code half}. */
  static double halfBand(int size, int half) {
    return Math.min(ConstantQ.SIDE_LOBES * size / (2.0 * half + 2), size / 2.0 - 1);
  }

  /** The length of the inverse FFT for a band of {@code width} bins: {@code size / d}. */
  static int inverseLength(int size, int hop, int width) {
    for (int d = hop; d > 1; d--) {
      if (hop % d == 0 && size / d >= width) {
        return size / d;
      }
    }
    return size;
  }

  /**
   * Writes the bin centred on {@code cyclesPerSample} (cycles per sample) with kernel half-length
   * {@code half} for every frame into {@code outRe[offset + t]} and {@code outIm[offset + t]}.
   */
  void apply(
      double cyclesPerSample, int half, int frames, float[] outRe, float[] outIm, int offset) {
    double centre = cyclesPerSample * size;
    double halfBand = halfBand(size, half);
    int first = (int) Math.ceil(centre - halfBand);
    int last = (int) Math.floor(centre + halfBand);
    int length = inverseLength(size, hop, last - first + 1);
    double[] band = new double[2 * length];
    double norm = 1.0 / (hannSpectrum(0, half) * size);
    for (int m = first; m <= last; m++) {
      double weight = hannSpectrum(2 * Math.PI * (m - centre) / size, half) * norm;
      int from = 2 * Math.floorMod(m, size);
      int to = 2 * Math.floorMod(m, length);
      band[to] += spectrum[from] * weight;
      band[to + 1] += spectrum[from + 1] * weight;
    }
    inverses.computeIfAbsent(length, DoubleFFT_1D::new).complexInverse(band, false);
    int step = hop / (size / length);
    for (int t = 0; t < frames; t++) {
      outRe[offset + t] = (float) band[2 * t * step];
      outIm[offset + t] = (float) band[2 * t * step + 1];
    }
  }

  /**
   * The DTFT at {@code theta} radians per sample of {@link CqtKernel#window}, {@code u = −h..h}:
   * real and even, a sum of three Dirichlet kernels.
   */
  static double hannSpectrum(double theta, int half) {
    double a = Math.PI / (half + 1);
    return 0.5 * dirichlet(theta, half)
        + 0.25 * dirichlet(theta - a, half)
        + 0.25 * dirichlet(theta + a, half);
  }

  /** {@code Σ_{u=−h..h} e^(−iθu) = sin((2h+1)θ/2) / sin(θ/2)}. */
  private static double dirichlet(double theta, int half) {
    double s = Math.sin(theta / 2);
    if (Math.abs(s) < 1e-12) {
      return 2 * half + 1; // the limit at every multiple of 2π
    }
    return Math.sin((2 * half + 1) * theta / 2) / s;
  }
}
