package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The headline pitch figures: the strict judge ({@link PitchCheck.Rule#STRICT}) on every sample of
 * the grid and on real test notes in the same octaves, and the ratio of the two.
 *
 * @param judge what the judge does
 * @param centsWindow its tolerance in cents
 * @param headlineTemperature the temperature of the headline, the per-family table and the ratio
 * @param temperatures one row per temperature
 * @param families one row per family at {@code headlineTemperature}
 * @param octaves per octave of requested pitch: the samples at every temperature and the real notes
 * @param real the same judge on real test notes of the grid's range
 * @param target the targets for the samples at {@code headlineTemperature}
 */
public record StrictPitchResult(
    String judge,
    double centsWindow,
    double headlineTemperature,
    List<Temperature> temperatures,
    List<Family> families,
    List<OctaveAccuracy> octaves,
    Real real,
    Target target) {

  /** Headline target: share of samples right at the headline temperature (goal 0.9). */
  static final double TARGET = 0.8;

  /** Target below MIDI {@value SampleGrid#LOW_REGISTER_BELOW}. */
  static final double LOW_TARGET = 0.6;

  public StrictPitchResult {
    temperatures = List.copyOf(temperatures);
    families = List.copyOf(families);
    octaves = List.copyOf(octaves);
  }

  /**
   * The samples of one temperature.
   *
   * @param temperature the prior temperature
   * @param all every sample
   * @param below48 those asked for below MIDI 48
   * @param from48 those asked for at MIDI 48 and up
   * @param unvoiced share the judge hears as unvoiced (no pitch at all)
   * @param ratioToReal {@code all}'s accuracy over the real notes'
   */
  public record Temperature(
      double temperature,
      Accuracy all,
      Accuracy below48,
      Accuracy from48,
      double unvoiced,
      double ratioToReal) {}

  /**
   * One family's samples at the headline temperature.
   *
   * @param family the family asked for
   * @param all every pitch
   * @param below48 below MIDI 48
   * @param from48 MIDI 48 and up
   */
  public record Family(String family, Accuracy all, Accuracy below48, Accuracy from48) {}

  /**
   * The strict judge on real test notes at their labelled pitch.
   *
   * @param perOctave at most this many notes per octave, spread over its instruments
   * @param all every judged note
   * @param below48 those below MIDI 48
   * @param from48 those at MIDI 48 and up
   */
  public record Real(int perOctave, Accuracy all, Accuracy below48, Accuracy from48) {}

  /**
   * Issue 14's targets for release 3, at the headline temperature.
   *
   * @param all share right over the whole grid
   * @param allMet whether the samples reach it
   * @param below48 share right below MIDI 48
   * @param below48Met whether the samples reach it
   */
  public record Target(double all, boolean allMet, double below48, boolean below48Met) {}

  /** The figures of {@code scores}, grouped into {@code octaves} beforehand. */
  static StrictPitchResult of(
      PitchCheck judge,
      List<SampleScore> scores,
      SampleGrid grid,
      double headline,
      List<OctaveAccuracy> octaves) {
    Real real = real(octaves);
    List<Temperature> temperatures = new ArrayList<>();
    for (double t : grid.temperatures()) {
      List<SampleScore> at = scores.stream().filter(s -> s.temperature() == t).toList();
      Accuracy all = Accuracy.count(at, SampleScore::pitchRight);
      temperatures.add(
          new Temperature(
              t,
              all,
              Accuracy.count(low(at, true), SampleScore::pitchRight),
              Accuracy.count(low(at, false), SampleScore::pitchRight),
              at.isEmpty()
                  ? Double.NaN
                  : at.stream().filter(s -> !s.periodic()).count() / (double) at.size(),
              all.ratioTo(real.all())));
    }
    List<Family> families = new ArrayList<>();
    List<SampleScore> main = scores.stream().filter(s -> s.temperature() == headline).toList();
    for (String family : grid.families()) {
      List<SampleScore> of = main.stream().filter(s -> s.family().equals(family)).toList();
      families.add(
          new Family(
              family,
              Accuracy.count(of, SampleScore::pitchRight),
              Accuracy.count(low(of, true), SampleScore::pitchRight),
              Accuracy.count(low(of, false), SampleScore::pitchRight)));
    }
    Accuracy all = Accuracy.count(main, SampleScore::pitchRight);
    Accuracy below = Accuracy.count(low(main, true), SampleScore::pitchRight);
    return new StrictPitchResult(
        judge.description(),
        judge.window(),
        headline,
        temperatures,
        families,
        octaves,
        real,
        new Target(TARGET, all.accuracy() >= TARGET, LOW_TARGET, below.accuracy() >= LOW_TARGET));
  }

  /** The headline temperature's row. */
  Temperature headline() {
    return temperatures.stream()
        .filter(t -> t.temperature() == headlineTemperature)
        .findFirst()
        .orElseThrow();
  }

  private static List<SampleScore> low(List<SampleScore> scores, boolean low) {
    return scores.stream().filter(s -> SampleGrid.low(s.pitch()) == low).toList();
  }

  private static Real real(List<OctaveAccuracy> octaves) {
    int[] n = new int[2];
    int[] right = new int[2];
    for (OctaveAccuracy o : octaves) {
      int i = SampleGrid.low(o.lowestPitch()) ? 0 : 1;
      n[i] += o.realNotes();
      right[i] += o.realPitchRight();
    }
    return new Real(
        PitchByOctave.REAL_NOTES_PER_OCTAVE,
        Accuracy.of(right[0] + right[1], n[0] + n[1]),
        Accuracy.of(right[0], n[0]),
        Accuracy.of(right[1], n[1]));
  }
}
