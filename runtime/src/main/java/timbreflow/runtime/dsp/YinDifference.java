package timbreflow.runtime.dsp;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * YIN's difference function of one analysis frame, through the FFT.
 *
 * <p>{@code d(tau) = sum_{j<W} (x[s+j] - x[s+j+tau])^2 = e(s) + e(s+tau) - 2 r(tau)} with {@code
 * e(i)} the energy of {@code x[i, i+W)} (from prefix sums) and {@code r} the cross-correlation of
 * the frame with its continuation, computed as {@code IFFT(conj(FFT(a)) FFT(b))}. One instance
 * holds its buffers and is not thread-safe.
 */
final class YinDifference {

  private final int window;
  private final int maxLag;
  private final int size;
  private final DoubleFFT_1D fft;
  private final double[] a;
  private final double[] b;
  private final double[] spectrum;
  private int start;
  private double[] energy;

  YinDifference(int window, int maxLag) {
    this.window = window;
    this.maxLag = maxLag;
    this.size = Integer.highestOneBit(window + maxLag) << 1;
    this.fft = new DoubleFFT_1D(size);
    this.a = new double[size];
    this.b = new double[size];
    this.spectrum = new double[size];
  }

  /**
   * Fills {@code d[0..maxLag]} for the frame starting at {@code start}; needs {@code start + window
   * + maxLag <= x.length}.
   *
   * @param energy prefix sums of squares: {@code energy[i] = sum_{j<i} x[j]^2}
   */
  void compute(float[] x, double[] energy, int start, double[] d) {
    Arrays.fill(a, 0);
    Arrays.fill(b, 0);
    for (int j = 0; j < window; j++) {
      a[j] = x[start + j];
    }
    for (int j = 0; j < window + maxLag; j++) {
      b[j] = x[start + j];
    }
    fft.realForward(a);
    fft.realForward(b);
    // packed layout: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]; conj(A) * B
    b[0] *= a[0];
    b[1] *= a[1];
    for (int k = 2; k < size; k += 2) {
      double ar = a[k];
      double ai = a[k + 1];
      double br = b[k];
      double bi = b[k + 1];
      b[k] = ar * br + ai * bi;
      b[k + 1] = ar * bi - ai * br;
    }
    System.arraycopy(b, 0, spectrum, 0, size);
    this.start = start;
    this.energy = energy;
    fft.realInverse(b, true);
    double e0 = energy[start + window] - energy[start];
    for (int tau = 0; tau <= maxLag; tau++) {
      double et = energy[start + tau + window] - energy[start + tau];
      d[tau] = Math.max(0, e0 + et - 2 * b[tau]);
    }
  }

  /**
   * {@code d} at a fractional lag of the frame last {@link #compute computed}: the correlation by
   * band-limited (DFT) interpolation, the shifted window's energy by linear interpolation.
   */
  double at(double tau) {
    int n = size;
    double step = 2 * Math.PI * tau / n;
    double cosStep = Math.cos(step);
    double sinStep = Math.sin(step);
    double c = 1;
    double s = 0;
    double sum = 0;
    for (int k = 1; k < n / 2; k++) {
      double nc = c * cosStep - s * sinStep;
      s = s * cosStep + c * sinStep;
      c = nc;
      sum += spectrum[2 * k] * c - spectrum[2 * k + 1] * s;
    }
    double r = (spectrum[0] + spectrum[1] * Math.cos(Math.PI * tau) + 2 * sum) / n;
    int lo = (int) Math.floor(tau);
    double w = tau - lo;
    double eLo = energy[start + lo + window] - energy[start + lo];
    double eHi = energy[start + lo + 1 + window] - energy[start + lo + 1];
    double e0 = energy[start + window] - energy[start];
    return Math.max(0, e0 + (1 - w) * eLo + w * eHi - 2 * r);
  }
}
