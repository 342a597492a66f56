package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether samples sound like the family asked for: the family classifier, fitted on real notes, on
 * real notes of instruments it never heard and on the samples at the headline temperature, and the
 * ratio of the two.
 *
 * @param judge the classifier, its accuracy on real notes and its shuffled-label control
 * @param temperature the samples' temperature
 * @param samples samples whose audio the classifier assigns to the requested family
 * @param ratio {@code samples}' accuracy over the classifier's on real notes
 * @param target issue 14's target for that ratio
 * @param met whether the ratio reaches it
 * @param commonestFamily the family the classifier names most often for the samples
 * @param commonestShare the share of samples it names so, whatever was asked for
 * @param families per family: the classifier on real notes and on samples
 */
public record FamilyIdentityResult(
    JudgeResult judge,
    double temperature,
    Accuracy samples,
    double ratio,
    double target,
    boolean met,
    String commonestFamily,
    double commonestShare,
    List<Family> families) {

  /** Samples must be named at least this share as often as real notes. */
  static final double TARGET_RATIO = 0.7;

  public FamilyIdentityResult {
    families = List.copyOf(families);
  }

  /**
   * One family.
   *
   * @param family the family
   * @param real the classifier's accuracy on real notes of unheard instruments of this family
   * @param samples samples asked for in this family that it names so
   */
  public record Family(String family, double real, Accuracy samples) {}

  /** The figures of {@code scores} at {@code temperature}. */
  static FamilyIdentityResult of(
      JudgeResult judge, List<SampleScore> scores, List<String> names, double temperature) {
    List<SampleScore> at = scores.stream().filter(s -> s.temperature() == temperature).toList();
    Accuracy samples = Accuracy.count(at, SampleScore::familyRight);
    Map<String, Integer> named = new TreeMap<>();
    at.forEach(s -> named.merge(s.judgedFamily(), 1, Integer::sum));
    String commonest =
        named.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse("");
    List<Family> families = new ArrayList<>();
    for (String name : names) {
      families.add(
          new Family(
              name,
              judge.accuracyPerFamily().getOrDefault(name, Double.NaN),
              Accuracy.count(
                  at.stream().filter(s -> s.family().equals(name)).toList(),
                  SampleScore::familyRight)));
    }
    double ratio = samples.accuracy() / judge.accuracy();
    return new FamilyIdentityResult(
        judge,
        temperature,
        samples,
        ratio,
        TARGET_RATIO,
        ratio >= TARGET_RATIO,
        commonest,
        at.isEmpty() ? Double.NaN : named.getOrDefault(commonest, 0) / (double) at.size(),
        families);
  }
}
