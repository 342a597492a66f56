package timbreflow.trainer.report;

import static timbreflow.trainer.report.ReportMarkdown.num;
import static timbreflow.trainer.report.ReportMarkdown.pct;

import java.util.List;
import java.util.Locale;

/**
 * The headline and the sampling sections of {@code evaluation.md}: strict pitch, family identity,
 * sustain, and the lenient pitch diagnostic.
 */
final class SamplingMarkdown {

  private final MarkdownText md = new MarkdownText();

  private SamplingMarkdown() {}

  /** The headline: the first sentence says which targets are missed, a table gives the figures. */
  static String headline(Headline h, SamplingResult s) {
    SamplingMarkdown m = new SamplingMarkdown();
    m.md.heading("Headline");
    m.md.line("**%s**", h.summary());
    m.md.blank();
    String t = t(h.temperature());
    m.md.line("| at temperature %s | samples | real test notes | samples / real | target | |", t);
    m.md.line("|---|---:|---:|---:|---|---|");
    StrictPitchResult.Real real = s.strictPitch().real();
    m.md.line(
        "| strict pitch, MIDI %d–%d | %s | %s | %s | ≥ %s | %s |",
        SampleGrid.LOWEST,
        SampleGrid.HIGHEST,
        cell(h.strictPitch()),
        cell(h.realStrictPitch()),
        ratio(h.pitchRatio()),
        pct(StrictPitchResult.TARGET),
        met(h.pitchTargetMet()));
    m.md.line(
        "| strict pitch, below MIDI %d | %s | %s | %s | ≥ %s | %s |",
        SampleGrid.LOW_REGISTER_BELOW,
        cell(h.strictPitchBelow48()),
        cell(real.below48()),
        ratio(h.strictPitchBelow48().ratioTo(real.below48())),
        pct(StrictPitchResult.LOW_TARGET),
        met(h.lowPitchTargetMet()));
    m.md.line(
        "| strict pitch, MIDI %d and up | %s | %s | %s | | |",
        SampleGrid.LOW_REGISTER_BELOW,
        cell(h.strictPitchFrom48()),
        cell(real.from48()),
        ratio(h.strictPitchFrom48().ratioTo(real.from48())));
    m.md.line(
        "| family identity (classifier fitted on real notes) | %s | %s (unheard instruments) | %s"
            + " | ratio ≥ %s | %s |",
        pct(h.familySamples()),
        pct(h.familyReal()),
        ratio(h.familyRatio()),
        num(FamilyIdentityResult.TARGET_RATIO),
        met(h.familyTargetMet()));
    m.md.line(
        "| sustained families holding within %s dB of real notes at 2 s | %d of %d | | | all | %s"
            + " |",
        num(SustainResult.TOLERANCE_DB),
        h.sustainedWithin(),
        h.sustainedFamilies(),
        met(h.sustainedWithin() == h.sustainedFamilies()));
    m.md.blank();
    m.md.line(
        "Diagnostic only, not a pitch measure: YIN as published (global-minimum fallback) calls"
            + " %s of the same samples right; it also calls white noise with a 3 dB harmonic ripple"
            + " right (see the last sampling section).",
        pct(h.lenientPitch()));
    m.md.blank();
    return m.md.toString();
  }

  /** Strict pitch, family identity, sustain and the lenient diagnostic. */
  static String sections(SamplingResult s) {
    SamplingMarkdown m = new SamplingMarkdown();
    m.strictPitch(s);
    m.familyIdentity(s.familyIdentity());
    m.sustain(s.sustain());
    m.lenient(s.lenientPitch());
    return m.md.toString();
  }

  private void strictPitch(SamplingResult s) {
    md.heading("Sampling: strict pitch");
    howSampled(s);
    md.blank();
    judge(s.strictPitch());
    md.blank();
    byTemperature(s.strictPitch());
    md.blank();
    targets(s.strictPitch(), s.octaveConclusion());
    md.blank();
    octaves(s.strictPitch(), s.grid().temperatures());
    byFamily(s.strictPitch());
    md.blank();
    md.figures(s.figures());
    md.audio(s.audio());
  }

  /** How a sample is drawn, and the grid. */
  private void howSampled(SamplingResult s) {
    SampleGrid g = s.grid();
    md.line(
        "Every sample is drawn, decoded and rendered as the server's `/v1/sample` does it, with"
            + " the runtime's `NoteModel`: z = mean + temperature·exp(log_std)·ε from the prior (ε"
            + " from the request's seed), decoded under its condition, Griffin-Lim (%d iterations,"
            + " momentum %s, initial phase from the same seed), peak-normalised; so a sample here"
            + " is the server's sample for the same pitch, family, temperature, seed and"
            + " iterations. The grid: MIDI %d–%d every %d semitones, all %d families, temperatures"
            + " %s, seeds %s (%d samples).",
        s.sampleIterations(),
        num(s.momentum()),
        g.pitches().get(0),
        g.pitches().get(g.pitches().size() - 1),
        g.pitchStep(),
        g.families().size(),
        ReportMarkdown.temperatures(g.temperatures()),
        String.join(", ", g.seeds().stream().map(String::valueOf).toList()),
        s.samples().size());
  }

  /** The strict judge, and the real notes it is read against. */
  private void judge(StrictPitchResult p) {
    md.line(
        "The judge: %s. The same judge runs on real test notes of the split at their labelled"
            + " pitch (up to %d per octave of MIDI %d–%d, spread over the octave's instruments),"
            + " so the samples' figure has a ceiling to be read against.",
        p.judge(), p.real().perOctave(), SampleGrid.LOWEST, SampleGrid.HIGHEST);
  }

  /** Strict pitch per temperature, beside the real notes. */
  private void byTemperature(StrictPitchResult p) {
    md.line(
        "| temperature | samples right | below MIDI %d | MIDI %d and up | unvoiced |",
        SampleGrid.LOW_REGISTER_BELOW, SampleGrid.LOW_REGISTER_BELOW);
    md.line("|---:|---:|---:|---:|---:|");
    for (StrictPitchResult.Temperature row : p.temperatures()) {
      md.line(
          "| %s | %s | %s | %s | %s |",
          t(row.temperature()),
          cell(row.all()),
          cell(row.below48()),
          cell(row.from48()),
          pct(row.unvoiced()));
    }
    md.line(
        "| real test notes | %s | %s | %s | |",
        cell(p.real().all()), cell(p.real().below48()), cell(p.real().from48()));
  }

  /** The headline temperature against the targets, and what the octaves say. */
  private void targets(StrictPitchResult p, String octaveConclusion) {
    StrictPitchResult.Temperature main = p.headline();
    md.line(
        "At temperature %s the samples score %s of the real notes' figure. Targets (issue 14,"
            + " release 3): at least %s right: **%s** (%s); at least %s below MIDI %d: **%s** (%s).",
        t(p.headlineTemperature()),
        ratio(main.ratioToReal()),
        pct(StrictPitchResult.TARGET),
        met(p.target().allMet()),
        pct(main.all().accuracy()),
        pct(StrictPitchResult.LOW_TARGET),
        SampleGrid.LOW_REGISTER_BELOW,
        met(p.target().below48Met()),
        pct(main.below48().accuracy()));
    md.line(octaveConclusion);
  }

  /** Strict pitch per family at the headline temperature. */
  private void byFamily(StrictPitchResult p) {
    md.line("Per family at temperature %s:", t(p.headlineTemperature()));
    md.blank();
    md.line(
        "| family | samples right | below MIDI %d | MIDI %d and up |",
        SampleGrid.LOW_REGISTER_BELOW, SampleGrid.LOW_REGISTER_BELOW);
    md.line("|---|---:|---:|---:|");
    for (StrictPitchResult.Family f : p.families()) {
      md.line(
          "| %s | %s | %s | %s |", f.family(), cell(f.all()), cell(f.below48()), cell(f.from48()));
    }
  }

  private void octaves(StrictPitchResult p, List<Double> temperatures) {
    md.line(
        "**Strict pitch by octave** of the requested pitch (MIDI 60 = C4): right/samples at each"
            + " temperature (voiced samples in brackets), the same judge on real test notes of the"
            + " octave, and the samples' share over the real notes' at temperature %s.",
        t(p.headlineTemperature()));
    md.blank();
    StringBuilder head = new StringBuilder("| MIDI | octave |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (double t : temperatures) {
      head.append(" t = ").append(t(t)).append(" |");
      rule.append("---:|");
    }
    md.line(head.append(" real test notes | samples / real |").toString());
    md.line(rule.append("---:|---:|").toString());
    for (OctaveAccuracy o : p.octaves()) {
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "| %d–%d | %s |", o.lowestPitch(), o.highestPitch(), o.octave()));
      for (double t : temperatures) {
        OctaveAccuracy.Temperature at = o.at(t);
        row.append(' ')
            .append(
                at == null
                    ? "–"
                    : PitchByOctave.cell(at.pitchRight(), at.samples())
                        + voiced(at.samples() - at.aperiodic(), at.samples()))
            .append(" |");
      }
      OctaveAccuracy.Temperature main = o.at(p.headlineTemperature());
      row.append(' ')
          .append(PitchByOctave.cell(o.realPitchRight(), o.realNotes()))
          .append(voiced(o.realPeriodic(), o.realNotes()))
          .append(" | ")
          .append(
              main == null
                  ? "–"
                  : ratio(
                      Accuracy.of(main.pitchRight(), main.samples())
                          .ratioTo(Accuracy.of(o.realPitchRight(), o.realNotes()))))
          .append(" |");
      md.line(row.toString());
    }
    md.blank();
  }

  private void familyIdentity(FamilyIdentityResult f) {
    JudgeResult j = f.judge();
    md.heading("Family identity");
    md.line(
        "A family classifier fitted on real notes: %s; fitted on %s (%d notes of %d"
            + " instruments). On real notes, measured on %s: **%s** (%s of its own training notes;"
            + " always naming the commonest family would score %s). Control: the same classifier"
            + " fitted on the same notes with their families shuffled scores %s measured the same"
            + " way; it must stay near chance, or the validation leaks.",
        j.method(),
        j.trainedOn(),
        j.trainingNotes(),
        j.trainingInstruments(),
        j.validation(),
        pct(j.accuracy()),
        pct(j.trainingAccuracy()),
        pct(j.majorityShare()),
        pct(j.shuffledLabelAccuracy()));
    md.blank();
    md.line(
        "On the samples at temperature %s, the classifier hearing each sample's rendered audio"
            + " names the requested family in **%s** (%d of %d): **%s** of its accuracy on real"
            + " notes (target ≥ %s: **%s**). It names %s for %s of the samples, whatever was asked"
            + " for.",
        t(f.temperature()),
        pct(f.samples().accuracy()),
        f.samples().right(),
        f.samples().judged(),
        ratio(f.ratio()),
        num(f.target()),
        met(f.met()),
        f.commonestFamily(),
        pct(f.commonestShare()));
    md.blank();
    md.line("| family | real notes of unheard instruments | samples |");
    md.line("|---|---:|---:|");
    for (FamilyIdentityResult.Family row : f.families()) {
      md.line("| %s | %s | %s |", row.family(), pct(row.real()), cell(row.samples()));
    }
    md.blank();
  }

  private void sustain(SustainResult s) {
    md.heading("Sustain");
    md.line(
        "Per family, the median %s; samples at temperature %s beside the real test notes of the"
            + " grid's range. A family is sustained when its real notes' median stays above %s dB;"
            + " target: a sustained family's samples within %s dB of its real notes. %d of %d"
            + " sustained families are.",
        s.measure(),
        t(s.temperature()),
        num(s.sustainedBelowDb()),
        num(s.toleranceDb()),
        s.sustainedWithin(),
        s.sustainedFamilies());
    md.blank();
    md.line(
        "| family | real notes | real dB | samples | samples dB | difference dB | sustained |"
            + " within %s dB |",
        num(s.toleranceDb()));
    md.line("|---|---:|---:|---:|---:|---:|---|---|");
    for (SustainResult.Family f : s.families()) {
      md.line(
          "| %s | %d | %s | %d | %s | %s | %s | %s |",
          f.family(),
          f.realNotes(),
          db(f.realDb()),
          f.samples(),
          db(f.sampleDb()),
          db(f.differenceDb()),
          f.sustained() ? "yes" : "no",
          f.within() ? "yes" : "no");
    }
    md.blank();
  }

  private void lenient(LenientPitchResult r) {
    md.heading("Diagnostic: YIN as published (lenient, not a pitch measure)");
    md.line(
        "Kept to compare with earlier reports, never as the headline: %s. Where no dip falls below"
            + " the threshold the global minimum still names a lag, so aperiodic audio gets a"
            + " pitch: white noise whose log spectrum carries a 3 dB or 6 dB harmonic ripple is"
            + " judged right by it and wrong by the strict judge (the report's calibration test).",
        r.judge());
    md.blank();
    md.line(
        "| temperature | samples | YIN as published | strict | voiced at 0.15 | median"
            + " aperiodicity | median |cents off| |");
    md.line("|---:|---:|---:|---:|---:|---:|---:|");
    for (LenientPitchResult.Temperature row : r.temperatures()) {
      md.line(
          "| %s | %d | %s | %s | %s | %s | %s |",
          t(row.temperature()),
          row.asPublished().judged(),
          pct(row.asPublished().accuracy()),
          pct(row.strict().accuracy()),
          pct(row.voiced()),
          Double.isNaN(row.medianAperiodicity())
              ? "–"
              : String.format(Locale.ROOT, "%.3f", row.medianAperiodicity()),
          Double.isNaN(row.medianAbsCents())
              ? "–"
              : String.format(Locale.ROOT, "%.0f", row.medianAbsCents()));
    }
    md.blank();
    CombControl c = r.combControl();
    if (c.strict().judged() > 0) {
      md.line(
          "Comb control: the %d samples at temperature %s, seed %d, each with its harmonic comb"
              + " smoothed away before Griffin-Lim (log-magnitude averaged along frequency over the"
              + " requested pitch's harmonic spacing), are judged right by YIN as published in"
              + " **%s** and by the strict judge in **%s**: the pitch either judge finds is carried"
              + " by the harmonics, not by the spectral envelope.",
          c.strict().judged(),
          t(c.temperature()),
          c.seed(),
          pct(c.asPublished().accuracy()),
          pct(c.strict().accuracy()));
      md.blank();
    }
  }

  /** {@code "48.4 % (15/31)"}, or a dash when nothing was judged. */
  private static String cell(Accuracy a) {
    return PitchByOctave.cell(a.right(), a.judged());
  }

  private static String voiced(int voiced, int n) {
    return n == 0 ? "" : " [" + voiced + " voiced]";
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String db(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String t(double temperature) {
    return String.format(Locale.ROOT, "%.2f", temperature);
  }
}
