package timbreflow.runtime.dsp;

/**
 * The time-domain kernel of one constant-Q bin, applied by direct summation: cheaper than the
 * frequency-domain route for short kernels (the high bins).
 *
 * <p>Kernel: {@code g(u) = w(u)·e^(−iωu) / Σw} for {@code u = −h..h}, with the Hann window {@code
 * w(u) = 0.5 + 0.5·cos(πu / (h + 1))} and {@code ω} the bin's centre in radians per sample.
 */
final class CqtKernel {

  private final int half;
  private final float[] re;
  private final float[] im;

  /**
   * @param half {@code h}: the kernel has {@code 2h + 1} taps
   * @param omega centre frequency in radians per sample
   */
  CqtKernel(int half, double omega) {
    this.half = half;
    int n = 2 * half + 1;
    double[] w = new double[n];
    double sum = 0;
    for (int u = -half; u <= half; u++) {
      w[u + half] = window(u, half);
      sum += w[u + half];
    }
    re = new float[n];
    im = new float[n];
    for (int u = -half; u <= half; u++) {
      re[u + half] = (float) (w[u + half] * Math.cos(omega * u) / sum);
      im[u + half] = (float) (-w[u + half] * Math.sin(omega * u) / sum);
    }
  }

  /** The Hann window the kernels use, {@code 0.5 + 0.5·cos(πu / (h + 1))}. */
  static double window(int u, int half) {
    return 0.5 + 0.5 * Math.cos(Math.PI * u / (half + 1));
  }

  /** Taps in the kernel ({@code 2h + 1}). */
  int length() {
    return re.length;
  }

  /**
   * Writes {@code C[t] = Σ_u x[t·hop + u]·g(u)} (zero outside the signal) for every frame into
   * {@code outRe[offset + t]} and {@code outIm[offset + t]}.
   */
  void apply(float[] x, int frames, int hop, float[] outRe, float[] outIm, int offset) {
    for (int t = 0; t < frames; t++) {
      int centre = t * hop;
      int from = Math.max(-half, -centre);
      int to = Math.min(half, x.length - 1 - centre);
      float sumRe = 0;
      float sumIm = 0;
      for (int u = from; u <= to; u++) {
        float s = x[centre + u];
        sumRe += s * re[u + half];
        sumIm += s * im[u + half];
      }
      outRe[offset + t] = sumRe;
      outIm[offset + t] = sumIm;
    }
  }
}
