package timbreflow.trainer.report;

import java.util.List;

/**
 * Pitch and family accuracy of a group of samples (one temperature, or one family at one
 * temperature).
 *
 * @param group the temperature or family name
 * @param samples samples in the group
 * @param pitchAccuracy share whose estimated pitch is within the cents window of the request
 * @param voiced share in which YIN found a fundamental at all
 * @param medianAbsCents median |cents off| over the voiced samples (NaN when none is voiced)
 * @param familyAccuracy share the classifier judges to be of the requested family
 */
public record SamplingSummary(
    String group,
    int samples,
    double pitchAccuracy,
    double voiced,
    double medianAbsCents,
    double familyAccuracy) {

  /** The summary of {@code scores}. */
  static SamplingSummary of(String group, List<SampleScore> scores) {
    int n = scores.size();
    double[] cents =
        scores.stream()
            .filter(s -> !Double.isNaN(s.centsOff()))
            .mapToDouble(s -> Math.abs(s.centsOff()))
            .sorted()
            .toArray();
    double median =
        cents.length == 0
            ? Double.NaN
            : cents.length % 2 == 1
                ? cents[cents.length / 2]
                : (cents[cents.length / 2 - 1] + cents[cents.length / 2]) / 2;
    return new SamplingSummary(
        group,
        n,
        share(scores.stream().filter(SampleScore::pitchRight).count(), n),
        share(cents.length, n),
        median,
        share(scores.stream().filter(SampleScore::familyRight).count(), n));
  }

  private static double share(long count, int n) {
    return n == 0 ? Double.NaN : count / (double) n;
  }
}
