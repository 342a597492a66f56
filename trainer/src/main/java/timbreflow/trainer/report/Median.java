package timbreflow.trainer.report;

import java.util.Arrays;

/** The median of a sample of values. */
final class Median {

  private Median() {}

  /** The median (mean of the middle two when even), NaN when empty. */
  static double of(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
