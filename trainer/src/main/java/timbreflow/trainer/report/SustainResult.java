package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether samples hold like real notes of their family: per family, the level at {@value
 * NoteLevel#SUSTAIN_SECONDS} s relative to the note's loudest frame ({@link NoteLevel}), median
 * over the samples at the headline temperature beside the median over real test notes.
 *
 * @param measure how the level is measured, for the report
 * @param temperature the samples' temperature
 * @param sustainedBelowDb a family counts as sustained when its real notes' median level lies above
 *     this
 * @param toleranceDb issue 14's target: a sustained family's samples within this of its real notes
 * @param families one row per family
 * @param sustainedFamilies how many families are sustained
 * @param sustainedWithin how many of those the samples hold within the tolerance
 */
public record SustainResult(
    String measure,
    double temperature,
    double sustainedBelowDb,
    double toleranceDb,
    List<Family> families,
    int sustainedFamilies,
    int sustainedWithin) {

  /** Real notes that hold within this of their peak at 2 s (median) make a sustained family. */
  static final double SUSTAINED_DB = -6;

  /** The tolerance for sustained families. */
  static final double TOLERANCE_DB = 6;

  static final String MEASURE =
      "level at "
          + ReportMarkdown.num(NoteLevel.SUSTAIN_SECONDS)
          + " s relative to the loudest frame, from the frame energies of the log-magnitude"
          + " STFT of the audio (frames within ±"
          + NoteLevel.HALF_SPAN_SECONDS
          + " s averaged): the rendered sample's audio, the real note's own WAV";

  public SustainResult {
    families = List.copyOf(families);
  }

  /**
   * One family.
   *
   * @param family the family
   * @param realNotes real test notes measured
   * @param realDb their median level at 2 s, dB (NaN when none)
   * @param samples samples measured
   * @param sampleDb their median level at 2 s, dB (NaN when none)
   * @param differenceDb {@code sampleDb − realDb}
   * @param sustained whether the real notes hold (median above {@link #SUSTAINED_DB})
   * @param within whether {@code |differenceDb|} is within {@link #TOLERANCE_DB}
   */
  public record Family(
      String family,
      int realNotes,
      double realDb,
      int samples,
      double sampleDb,
      double differenceDb,
      boolean sustained,
      boolean within) {}

  /**
   * @param realDb each family's real test notes' levels, by family name
   */
  static SustainResult of(
      Map<String, List<Double>> realDb,
      List<SampleScore> scores,
      List<String> names,
      double temperature) {
    List<Family> rows = new ArrayList<>();
    int sustained = 0;
    int within = 0;
    for (String name : names) {
      double[] real =
          realDb.getOrDefault(name, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
      double[] sampled =
          scores.stream()
              .filter(s -> s.temperature() == temperature && s.family().equals(name))
              .mapToDouble(SampleScore::levelAt2sDb)
              .toArray();
      double r = Median.of(real);
      double s = Median.of(sampled);
      boolean holds = r > SUSTAINED_DB;
      boolean close = Math.abs(s - r) <= TOLERANCE_DB;
      rows.add(new Family(name, real.length, r, sampled.length, s, s - r, holds, close));
      sustained += holds ? 1 : 0;
      within += holds && close ? 1 : 0;
    }
    return new SustainResult(
        MEASURE, temperature, SUSTAINED_DB, TOLERANCE_DB, rows, sustained, within);
  }
}
