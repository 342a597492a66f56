package timbreflow.trainer.report;

import java.util.Arrays;
import java.util.List;

/**
 * Pitch and family accuracy of a group of samples (one temperature, or one family at one
 * temperature).
 *
 * @param group the temperature or family name
 * @param samples samples in the group
 * @param pitchAccuracy share whose estimated pitch is within the cents window of the request
 * @param periodic share that is periodic by YIN's voicing rule
 * @param medianAperiodicity median of the samples' YIN aperiodicity (NaN when all are silent)
 * @param medianAbsCents median |cents off| over the samples with an estimate (NaN when none)
 * @param familyAccuracy share the classifier judges to be of the requested family
 */
public record SamplingSummary(
    String group,
    int samples,
    double pitchAccuracy,
    double periodic,
    double medianAperiodicity,
    double medianAbsCents,
    double familyAccuracy) {

  /** The summary of {@code scores}. */
  static SamplingSummary of(String group, List<SampleScore> scores) {
    int n = scores.size();
    double[] cents =
        scores.stream()
            .filter(s -> !Double.isNaN(s.centsOff()))
            .mapToDouble(s -> Math.abs(s.centsOff()))
            .toArray();
    double[] aperiodicity =
        scores.stream()
            .mapToDouble(SampleScore::aperiodicity)
            .filter(a -> !Double.isNaN(a))
            .toArray();
    return new SamplingSummary(
        group,
        n,
        share(scores.stream().filter(SampleScore::pitchRight).count(), n),
        share(scores.stream().filter(SampleScore::periodic).count(), n),
        median(aperiodicity),
        median(cents),
        share(scores.stream().filter(SampleScore::familyRight).count(), n));
  }

  /** The median (mean of the middle two when even), NaN when empty. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double share(long count, int n) {
    return n == 0 ? Double.NaN : count / (double) n;
  }
}
