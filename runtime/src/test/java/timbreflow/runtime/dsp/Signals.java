package timbreflow.runtime.dsp;

import java.util.SplittableRandom;

/** Deterministic test signals. */
public final class Signals {

  private Signals() {}

  /** Uniform noise in [-0.5, 0.5). */
  public static float[] noise(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextDouble() - 0.5);
    }
    return x;
  }

  /** A linear chirp from {@code f0} to {@code f1} Hz over {@code n} samples. */
  public static float[] chirp(int n, int sampleRate, double f0, double f1) {
    float[] x = new float[n];
    double seconds = n / (double) sampleRate;
    for (int i = 0; i < n; i++) {
      double t = i / (double) sampleRate;
      x[i] = (float) (0.8 * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * seconds))));
    }
    return x;
  }

  /** A harmonic note: {@code harmonics} partials of {@code f0} Hz, amplitude 1/h, decaying. */
  public static float[] harmonicNote(int n, int sampleRate, double f0, int harmonics) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) sampleRate;
      double s = 0;
      for (int h = 1; h <= harmonics; h++) {
        s += Math.sin(2 * Math.PI * f0 * h * t) / h;
      }
      x[i] = (float) (0.2 * s * Math.exp(-1.5 * t));
    }
    return x;
  }

  /** Largest absolute difference divided by the largest absolute reference value. */
  public static double relativeMaxError(float[] expected, float[] actual) {
    double err = 0;
    double peak = 0;
    for (int i = 0; i < expected.length; i++) {
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
      peak = Math.max(peak, Math.abs(expected[i]));
    }
    return err / peak;
  }
}
