package timbreflow.trainer.report;

import java.util.Arrays;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Multinomial logistic regression (softmax over classes, L2-regularised, standardised inputs),
 * fitted by full-batch Adam from zero weights: a deterministic, simple judge of which family a note
 * sounds like.
 */
final class FamilyClassifier {

  /** L2 penalty on the weights (per standardised input). */
  static final double L2 = 1e-3;

  /** Full-batch optimisation steps. */
  static final int STEPS = 300;

  private static final double LEARNING_RATE = 0.05;

  private final double[] mean;
  private final double[] scale;
  private final double[][] weights;
  private final double[] bias;

  private FamilyClassifier(double[] mean, double[] scale, double[][] weights, double[] bias) {
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * Fits the classifier.
   *
   * @param x {@code [n][d]} inputs
   * @param y class of each input, {@code 0 ≤ y < classes}
   * @param classes number of classes (classes absent from {@code y} are never predicted)
   */
  static FamilyClassifier fit(double[][] x, int[] y, int classes) {
    return fit(x, y, classes, L2, STEPS);
  }

  /** {@link #fit(double[][], int[], int)} with the given L2 penalty and number of steps. */
  static FamilyClassifier fit(double[][] x, int[] y, int classes, double l2, int steps) {
    int n = x.length;
    if (n == 0 || y.length != n) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected as many labels as inputs (at least one), found " + n + " and " + y.length);
    }
    double[] mean = mean(x);
    double[] scale = inverseStd(x, mean);
    double[][] w = adam(standardised(x, mean, scale), y, classes, l2, steps);
    int d = mean.length;
    double[][] weights = new double[classes][d];
    double[] bias = new double[classes];
    for (int c = 0; c < classes; c++) {
      System.arraycopy(w[c], 0, weights[c], 0, d);
      bias[c] = w[c][d];
    }
    return new FamilyClassifier(mean, scale, weights, bias);
  }

  /** Per-input mean of {@code x}, {@code [d]}. */
  private static double[] mean(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    return mean;
  }

  /** Per-input 1 / standard deviation of {@code x}, the deviation at least 1e-6. */
  private static double[] inverseStd(double[][] x, double[] mean) {
    int n = x.length;
    int d = mean.length;
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = 1 / Math.max(Math.sqrt(scale[j]), 1e-6);
    }
    return scale;
  }

  private static double[][] standardised(double[][] x, double[] mean, double[] scale) {
    int n = x.length;
    int d = mean.length;
    double[][] xs = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xs[i][j] = (x[i][j] - mean[j]) * scale[j];
      }
    }
    return xs;
  }

  /**
   * Full-batch Adam from zero on the L2-regularised mean cross-entropy.
   *
   * @return {@code [classes][d + 1]} weights, the bias last in each row
   */
  private static double[][] adam(double[][] xs, int[] y, int classes, double l2, int steps) {
    int d = xs[0].length;
    double[][] w = new double[classes][d + 1];
    double[][] m = new double[classes][d + 1];
    double[][] v = new double[classes][d + 1];
    double[][] grad = new double[classes][d + 1];
    double[] p = new double[classes];
    for (int step = 1; step <= steps; step++) {
      crossEntropyGradient(w, xs, y, grad, p);
      double b1 = 1 - Math.pow(0.9, step);
      double b2 = 1 - Math.pow(0.999, step);
      for (int c = 0; c < classes; c++) {
        for (int j = 0; j <= d; j++) {
          double g = grad[c][j] + (j < d ? l2 * w[c][j] : 0);
          m[c][j] = 0.9 * m[c][j] + 0.1 * g;
          v[c][j] = 0.999 * v[c][j] + 0.001 * g * g;
          w[c][j] -= LEARNING_RATE * (m[c][j] / b1) / (Math.sqrt(v[c][j] / b2) + 1e-8);
        }
      }
    }
    return w;
  }

  /**
   * The gradient of the mean cross-entropy at {@code w} into {@code grad}; {@code p} is scratch of
   * one probability per class.
   */
  private static void crossEntropyGradient(
      double[][] w, double[][] xs, int[] y, double[][] grad, double[] p) {
    int n = xs.length;
    int d = xs[0].length;
    for (double[] g : grad) {
      Arrays.fill(g, 0);
    }
    for (int i = 0; i < n; i++) {
      softmax(w, xs[i], p);
      p[y[i]] -= 1;
      for (int c = 0; c < w.length; c++) {
        double e = p[c] / n;
        double[] g = grad[c];
        double[] row = xs[i];
        for (int j = 0; j < d; j++) {
          g[j] += e * row[j];
        }
        g[d] += e;
      }
    }
  }

  /** The most probable class of {@code x}. */
  int predict(double[] x) {
    int d = mean.length;
    if (x.length != d) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "expected an input of " + d + " values, found " + x.length);
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < weights.length; c++) {
      double s = bias[c];
      for (int j = 0; j < d; j++) {
        s += weights[c][j] * (x[j] - mean[j]) * scale[j];
      }
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  /** Share of {@code x} predicted as {@code y}. */
  double accuracy(double[][] x, int[] y) {
    int right = 0;
    for (int i = 0; i < x.length; i++) {
      if (predict(x[i]) == y[i]) {
        right++;
      }
    }
    return x.length == 0 ? Double.NaN : right / (double) x.length;
  }

  private static void softmax(double[][] w, double[] x, double[] p) {
    int d = x.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double s = w[c][d];
      double[] wc = w[c];
      for (int j = 0; j < d; j++) {
        s += wc[j] * x[j];
      }
      p[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      p[c] = Math.exp(p[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < w.length; c++) {
      p[c] /= sum;
    }
  }
}
