package timbreflow.runtime.dsp;

/** Analysis windows and the window-sum-square envelope of their overlap-add. */
public final class Windows {

  private Windows() {}

  /** Periodic Hann window of {@code n} samples: {@code 0.5 − 0.5·cos(2πj/n)} (scipy/librosa). */
  public static float[] periodicHann(int n) {
    float[] w = new float[n];
    for (int j = 0; j < n; j++) {
      w[j] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * j / n));
    }
    return w;
  }

  /**
   * Reciprocal window-sum-square over the padded signal, zero where the sum is negligible.
   *
   * <p>Index {@code p} is a position in the padded signal ({@code nFft / 2} zeros on each side);
   * the result has {@code nFft + hop·(frames − 1)} entries. Where {@code Σ w²} is below the
   * smallest normal float the reciprocal is zero, as librosa leaves those samples undivided (they
   * are zero anyway).
   */
  public static double[] inverseWindowSumSquare(float[] window, int hop, int frames) {
    int nFft = window.length;
    double[] wss = new double[nFft + hop * (frames - 1)];
    for (int t = 0; t < frames; t++) {
      int start = t * hop;
      for (int j = 0; j < nFft; j++) {
        wss[start + j] += (double) window[j] * window[j];
      }
    }
    for (int p = 0; p < wss.length; p++) {
      wss[p] = wss[p] > Float.MIN_NORMAL ? 1.0 / wss[p] : 0.0;
    }
    return wss;
  }
}
