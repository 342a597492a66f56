package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic, never a headline: YIN as published ({@link PitchCheck.Rule#AS_PUBLISHED}) on the
 * same samples. It calls white noise with a 3 dB harmonic ripple in its spectrum right, so it shows
 * where a comb sits, not that a listener hears a note.
 *
 * @param judge what the judge does
 * @param centsWindow its tolerance in cents
 * @param temperatures one row per temperature
 * @param combControl the samples of the headline temperature and first seed, comb smoothed away
 */
public record LenientPitchResult(
    String judge, double centsWindow, List<Temperature> temperatures, CombControl combControl) {

  public LenientPitchResult {
    temperatures = List.copyOf(temperatures);
  }

  /**
   * The samples of one temperature.
   *
   * @param temperature the prior temperature
   * @param asPublished samples YIN as published finds within the window
   * @param strict the same samples by the strict judge, for comparison
   * @param voiced share with at least half of their loud frames below YIN's 0.15 threshold
   * @param medianAperiodicity median YIN aperiodicity (d′ at the chosen lag)
   * @param medianAbsCents median |cents off| of YIN as published's estimate
   */
  public record Temperature(
      double temperature,
      Accuracy asPublished,
      Accuracy strict,
      double voiced,
      double medianAperiodicity,
      double medianAbsCents) {}

  static LenientPitchResult of(
      PitchCheck judge, List<SampleScore> scores, List<Double> temperatures, CombControl comb) {
    List<Temperature> rows = new ArrayList<>();
    for (double t : temperatures) {
      List<SampleScore> at = scores.stream().filter(s -> s.temperature() == t).toList();
      rows.add(
          new Temperature(
              t,
              Accuracy.count(at, s -> s.asPublished().right()),
              Accuracy.count(at, SampleScore::pitchRight),
              Accuracy.count(at, s -> s.asPublished().voiced()).accuracy(),
              Median.of(
                  at.stream()
                      .mapToDouble(s -> s.asPublished().aperiodicity())
                      .filter(a -> !Double.isNaN(a))
                      .toArray()),
              Median.of(
                  at.stream()
                      .mapToDouble(s -> Math.abs(s.asPublished().centsOff()))
                      .filter(c -> !Double.isNaN(c))
                      .toArray())));
    }
    return new LenientPitchResult(judge.description(), judge.window(), rows, comb);
  }
}
