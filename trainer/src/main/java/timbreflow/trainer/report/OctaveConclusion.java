package timbreflow.trainer.report;

import java.util.List;
import java.util.Locale;

/**
 * Reads the pitch accuracy by octave at one temperature in a few sentences: where the samples
 * outside the cents window lie, whether they are aperiodic by YIN's voicing rule, how the judge
 * does on real notes there, and where the aperiodic (breathy) samples lie. Every claim follows from
 * the numbers.
 */
final class OctaveConclusion {

  /** Share within the window from which an octave counts as fine. */
  static final double GOOD = 0.95;

  private OctaveConclusion() {}

  /**
   * The lowest pitch from which every octave up has at least {@value #GOOD} of its samples at
   * {@code temperature} within the window, or -1 when even the highest octave has less.
   *
   * @param octaves lowest first
   */
  static int goodFrom(List<OctaveAccuracy> octaves, double temperature) {
    int from = -1;
    for (int i = octaves.size() - 1; i >= 0; i--) {
      OctaveAccuracy.Temperature t = octaves.get(i).at(temperature);
      if (t == null || t.samples() == 0) {
        continue;
      }
      if (t.pitchAccuracy() < GOOD) {
        break;
      }
      from = octaves.get(i).lowestPitch();
    }
    return from;
  }

  /**
   * The reading at {@code temperature}.
   *
   * @param scores every sample's score
   * @param octaves {@link PitchByOctave#group} of the same scores, lowest first
   * @param window the cents window
   */
  static String describe(
      List<SampleScore> scores, List<OctaveAccuracy> octaves, double temperature, double window) {
    return (misses(scores, octaves, temperature, window)
            + breathiness(scores, octaves, temperature, window))
        .trim();
  }

  private static String misses(
      List<SampleScore> scores, List<OctaveAccuracy> octaves, double temperature, double window) {
    List<SampleScore> at = scores.stream().filter(s -> s.temperature() == temperature).toList();
    String t = String.format(Locale.ROOT, "%.2f", temperature);
    String w = "±" + ReportMarkdown.num(window) + " cents";
    List<SampleScore> wrong = at.stream().filter(s -> !s.pitchRight()).toList();
    if (at.isEmpty()) {
      return "No sample at temperature " + t + ".";
    }
    if (wrong.isEmpty()) {
      return String.format(
          Locale.ROOT, "All %d samples at temperature %s are within %s.", at.size(), t, w);
    }
    long aperiodic = wrong.stream().filter(s -> !s.periodic()).count();
    int from = goodFrom(octaves, temperature);
    if (from < 0) {
      return String.format(
          Locale.ROOT,
          "At temperature %s not even the highest octave has %s of its samples within %s (aperiodic:"
              + " %d of the %d samples outside the window).",
          t,
          ReportMarkdown.pct(GOOD),
          w,
          aperiodic,
          wrong.size());
    }
    if (from == octaves.get(0).lowestPitch()) {
      return String.format(
          Locale.ROOT,
          "At temperature %s every octave has at least %s of its samples within %s (aperiodic: %d"
              + " of the %d samples outside the window).",
          t,
          ReportMarkdown.pct(GOOD),
          w,
          aperiodic,
          wrong.size());
    }
    return failures(wrong, aperiodic, from, t, w)
        + "; "
        + aboveAndBelow(at, from)
        + realBelow(octaves, from);
  }

  /** Who the {@code wrong} samples are: aperiodic, asked for below {@code from}, or both. */
  private static String failures(
      List<SampleScore> wrong, long aperiodic, int from, String t, String w) {
    long wrongBelow = wrong.stream().filter(s -> s.pitch() < from).count();
    int highestWrong = wrong.stream().mapToInt(SampleScore::pitch).max().orElseThrow();
    if (aperiodic == wrong.size() && wrongBelow == wrong.size()) {
      return String.format(
          Locale.ROOT,
          wrong.size() == 1
              ? "The %d sample outside %s at temperature %s is aperiodic and was asked for"
                  + " below MIDI %d (at MIDI %d)"
              : "All %d samples outside %s at temperature %s are aperiodic and were asked for"
                  + " below MIDI %d (the highest at MIDI %d)",
          wrong.size(),
          w,
          t,
          from,
          highestWrong);
    }
    return String.format(
        Locale.ROOT,
        "Of the %d samples outside %s at temperature %s, %d are aperiodic and %d were asked"
            + " for below MIDI %d",
        wrong.size(),
        w,
        t,
        aperiodic,
        wrongBelow,
        from);
  }

  /** The samples {@code at} one temperature within the window from {@code from} up, and below. */
  private static String aboveAndBelow(List<SampleScore> at, int from) {
    long above = at.stream().filter(s -> s.pitch() >= from).count();
    long aboveRight = at.stream().filter(s -> s.pitch() >= from && s.pitchRight()).count();
    long below = at.size() - above;
    long belowRight = at.stream().filter(s -> s.pitch() < from && s.pitchRight()).count();
    return String.format(
        Locale.ROOT,
        "from MIDI %d (%s) up, every octave has at least %s of its samples within the"
            + " window (%s of %d), below it %s of %d.",
        from,
        "C" + (Math.floorDiv(from, 12) - 1),
        ReportMarkdown.pct(GOOD),
        ReportMarkdown.pct(aboveRight / (double) above),
        above,
        ReportMarkdown.pct(belowRight / (double) below),
        below);
  }

  /**
   * The same judge on real notes below {@code from}: whether the shortfall is the samples' or the
   * judge's; empty when no real note is there.
   */
  private static String realBelow(List<OctaveAccuracy> octaves, int from) {
    int realNotes = 0;
    int realRight = 0;
    for (OctaveAccuracy o : octaves) {
      if (o.lowestPitch() < from) {
        realNotes += o.realNotes();
        realRight += o.realPitchRight();
      }
    }
    if (realNotes == 0) {
      return "";
    }
    double share = realRight / (double) realNotes;
    return String.format(
        Locale.ROOT,
        " On real test notes below MIDI %d the same judge finds the labelled pitch in %s (%d of"
            + " %d)%s",
        from,
        ReportMarkdown.pct(share),
        realRight,
        realNotes,
        share >= GOOD
            ? ": the shortfall there is the samples', not the pitch judge's."
            : ": part of the shortfall there is the pitch judge's.");
  }

  /**
   * Where the samples at {@code temperature} that are aperiodic by YIN's voicing rule lie, and how
   * many of them YIN still finds at the requested pitch; empty when none is.
   */
  private static String breathiness(
      List<SampleScore> scores, List<OctaveAccuracy> octaves, double temperature, double window) {
    List<SampleScore> at = scores.stream().filter(s -> s.temperature() == temperature).toList();
    List<SampleScore> aperiodic = at.stream().filter(s -> !s.periodic()).toList();
    if (aperiodic.isEmpty()) {
      return "";
    }
    long right = aperiodic.stream().filter(SampleScore::pitchRight).count();
    int highest = aperiodic.stream().mapToInt(SampleScore::pitch).max().orElseThrow();
    int realNotes = 0;
    int realPeriodic = 0;
    for (OctaveAccuracy o : octaves) {
      if (o.lowestPitch() <= highest) {
        realNotes += o.realNotes();
        realPeriodic += o.realPeriodic();
      }
    }
    return String.format(
            Locale.ROOT,
            " %d of the %d samples at temperature %s %s aperiodic by YIN's voicing rule (no dip"
                + " below its threshold in over half of %s loud frames), %s MIDI %d%s.",
            aperiodic.size(),
            at.size(),
            String.format(Locale.ROOT, "%.2f", temperature),
            aperiodic.size() == 1 ? "is" : "are",
            aperiodic.size() == 1 ? "its" : "their",
            aperiodic.size() == 1 ? "asked for at" : "all asked for at or below",
            highest,
            right == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; the judge still finds the requested pitch within ±%s cents in %d of them"
                        + " (breathy but pitched)",
                    ReportMarkdown.num(window),
                    right))
        + (realNotes == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " Of the real test notes in the octaves up to MIDI %d, %d of %d are periodic.",
                highest,
                realPeriodic,
                realNotes));
  }
}
