package timbreflow.trainer.report;

import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Element-wise differences between two feature spectrograms of the same shape.
 *
 * @param meanAbs mean |a − b|
 * @param maxAbs max |a − b|
 * @param rms root mean square of {@code a − b}: the report's distance between spectrograms
 */
public record FeatureErrors(double meanAbs, double maxAbs, double rms) {

  /** The differences of {@code a} and {@code b} (NaN counts as an infinite difference). */
  public static FeatureErrors between(float[] a, float[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected two non-empty feature arrays of one length, found "
              + a.length
              + " and "
              + b.length);
    }
    double sum = 0;
    double squares = 0;
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      double abs = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.abs(d);
      sum += abs;
      squares += abs * abs;
      max = Math.max(max, abs);
    }
    return new FeatureErrors(sum / a.length, max, Math.sqrt(squares / a.length));
  }

  /** RMS distance between two spectrograms. */
  public static double rms(float[] a, float[] b) {
    return between(a, b).rms();
  }
}
