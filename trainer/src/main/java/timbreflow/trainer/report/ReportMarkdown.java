package timbreflow.trainer.report;

import java.util.List;
import java.util.Locale;

/** The bundle sections of {@code evaluation.md}: prose, tables, embedded figures, audio links. */
final class ReportMarkdown {

  /** Noisy reconstructions worse than this (SC, dB) count as "sensitive to the latent". */
  private static final double SENSITIVE_DB = 3;

  private final StringBuilder md = new StringBuilder();

  private ReportMarkdown() {}

  /** The intro lines (a bullet list) describing what was evaluated and how. */
  static String intro(BundleReport r) {
    ReportConfig c = r.config();
    ReportMarkdown m = new ReportMarkdown();
    m.line(
        "- bundle: `%s` (checkpoint step %d, commit `%s`), run with ONNX Runtime on CPU",
        r.bundle(), r.checkpointStep(), r.gitCommit());
    m.line("- notes: `%s`, %d notes", r.split(), r.notes());
    m.line(
        "- settings: Griffin-Lim %d iterations, momentum %s; %d notes per family reconstructed;"
            + " latent noise σ = %s; sampling temperatures %s, every %d semitones, Griffin-Lim %d"
            + " iterations per sample; seed %d; %d threads",
        c.iterations(),
        num(c.momentum()),
        c.notesPerFamily(),
        num(c.noiseSigma()),
        temperatures(c.temperatures()),
        c.pitchStep(),
        c.sampleIterations(),
        c.seed(),
        c.threads());
    m.line(
        "- wall time: %s (invertibility %s, reconstruction %s, sampling %s, interpolation %s)",
        duration(r.seconds()),
        duration(r.invertibility().seconds()),
        duration(r.reconstruction().seconds()),
        duration(r.sampling().seconds()),
        duration(r.interpolation().seconds()));
    return m.md.toString();
  }

  /** Sections 1–4 with their figures. */
  static String sections(BundleReport r) {
    ReportMarkdown m = new ReportMarkdown();
    m.invertibility(r.invertibility(), r.config());
    m.reconstruction(r.reconstruction());
    m.sampling(r.sampling(), r.config(), r.reconstruction().originalPitch());
    m.interpolation(r.interpolation());
    return m.md.toString();
  }

  private void invertibility(InvertibilityResult r, ReportConfig c) {
    heading("Invertibility under ONNX Runtime");
    line(
        "Every note of the split (%d), encoded and decoded by the exported graphs in batches of"
            + " %d: max |decode(encode(x)) − x| = **%.3e**, mean = %.3e (target ≤ %.0e in float32:"
            + " **%s**). Largest error in `%s`.",
        r.notes(),
        c.batch(),
        r.maxAbsError(),
        r.meanAbsError(),
        r.target(),
        r.met() ? "met" : "NOT met",
        r.worstNote());
    blank();
  }

  private void reconstruction(ReconstructionResult r) {
    heading("Reconstruction");
    line(
        "Notes of each family (up to %d, spread over its instruments and pitches) are encoded,"
            + " decoded and rendered to audio with Griffin-Lim (%d iterations, momentum %s). Spectral"
            + " convergence SC = 20·log10(‖S − |STFT(y)|‖_F / ‖S‖_F) compares the audio's STFT"
            + " magnitude with the input's S (lower is better). Since decode(encode(x)) equals x"
            + " to within the invertibility error, SC measures Griffin-Lim's phase retrieval.",
        r.notesPerFamily(), r.iterations(), num(r.momentum()));
    blank();
    line(
        "Robustness, as the seed checked it: Gaussian noise of σ = %s (seeded) is added to every"
            + " latent value before decoding (the latents themselves have an RMS of %.3f, so σ is"
            + " %s of it); the table gives the decoded features' difference from the noise-free"
            + " decode (feature units: 1 = 120 dB) and the SC of the noisy decode's rendering"
            + " against the same input.",
        num(r.noiseSigma()), r.latentRms(), pct(r.noiseSigma() / r.latentRms()));
    blank();
    line(
        "| family | notes | SC dB | worst SC dB | noisy SC dB | noise: mean abs | max abs | RMS |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (FamilyReconstruction f : r.families()) {
      reconstructionRow(f.family(), f);
    }
    reconstructionRow("**all**", r.all());
    blank();
    FamilyReconstruction all = r.all();
    line(
        "With σ = %s the decoded features move by %.2e on average (%.3f dB), at most %.2e"
            + " (%.2f dB); the noisy reconstructions score %.1f dB SC against %.1f dB without"
            + " noise (%s).",
        num(r.noiseSigma()),
        all.noiseMeanAbs(),
        all.noiseMeanAbs() * 120,
        all.noiseMaxAbs(),
        all.noiseMaxAbs() * 120,
        all.noisySpectralConvergenceDb(),
        all.spectralConvergenceDb(),
        all.noisySpectralConvergenceDb() - all.spectralConvergenceDb() < SENSITIVE_DB
            ? "the model is not sensitive to the exact latent, as the seed found"
            : String.format(
                Locale.ROOT,
                "%.1f dB worse: unlike the seed's model, this one is sensitive to the exact latent",
                all.noisySpectralConvergenceDb() - all.spectralConvergenceDb()));
    blank();
    line(
        "YIN (the pitch judge of the sampling section) finds the labelled pitch within ±%s cents"
            + " in %s of these original notes, %s of their reconstructions and %s of the noisy"
            + " reconstructions.",
        num(r.centsWindow()),
        pct(r.originalPitch()),
        pct(r.reconstructionPitch()),
        pct(r.noisyPitch()));
    blank();
    figures(r.figures());
    audio(r.audio());
  }

  private void reconstructionRow(String name, FamilyReconstruction f) {
    line(
        "| %s | %d | %.1f | %.1f | %.1f | %.2e | %.2e | %.2e |",
        name,
        f.notes(),
        f.spectralConvergenceDb(),
        f.worstSpectralConvergenceDb(),
        f.noisySpectralConvergenceDb(),
        f.noiseMeanAbs(),
        f.noiseMaxAbs(),
        f.noiseRms());
  }

  private void sampling(SamplingResult r, ReportConfig c, double realPitch) {
    heading("Sampling");
    int conditions = r.grid().values().stream().mapToInt(List::size).sum();
    line(
        "The grid: for each family, every %d semitones from its lowest to its highest pitch in"
            + " the split, where the family has notes: %d (pitch, family) conditions × %d"
            + " temperatures = %d samples. Each is z = mean + temperature·exp(log_std)·ε from the"
            + " bundle's prior (ε seeded, the same ε at every temperature), decoded, rendered with"
            + " Griffin-Lim (%d iterations) and given to YIN (the runtime's `PitchEstimator`,"
            + " threshold 0.15, loud frames of the first 3 s). The fundamental is YIN's as"
            + " published: each frame takes the first dip of d′ below the threshold, or its global"
            + " minimum when none dips (the paper's step 4), and the note's fundamental is the"
            + " median over frames. A sample's pitch is right when that fundamental is within ±%s"
            + " cents of the requested pitch; on real test notes this check passes %s of the time"
            + " (see Reconstruction). Beside it: the share of samples that are *periodic* by YIN's"
            + " voicing rule (at least half of their loud frames dip below the threshold; a breathy"
            + " or noisy sample is not) and the median *aperiodicity* (d′ at the chosen lag: 0 for"
            + " a strictly periodic signal, about 1 for white noise).",
        r.pitchStep(),
        conditions,
        c.temperatures().size(),
        r.samples().size(),
        r.sampleIterations(),
        num(r.centsWindow()),
        pct(realPitch));
    blank();
    JudgeResult j = r.judge();
    line(
        "Family accuracy is judged by a classifier fitted on real notes: %s; fitted on %s (%d"
            + " notes of %d instruments). Its own accuracy on real notes, measured on %s:"
            + " **%s** (chance %s; %s on its own training notes); per family in the last column"
            + " of the per-family table.",
        j.method(),
        j.trainedOn(),
        j.trainingNotes(),
        j.trainingInstruments(),
        j.validation(),
        pct(j.accuracy()),
        pct(1.0 / r.grid().size()),
        pct(j.trainingAccuracy()));
    blank();
    line(
        "| temperature | samples | pitch within ±%s cents | periodic | median aperiodicity |"
            + " median |cents off| | family accuracy |",
        num(r.centsWindow()));
    line("|---:|---:|---:|---:|---:|---:|---:|");
    for (SamplingSummary s : r.temperatures()) {
      samplingRow(s, null);
    }
    blank();
    SamplingSummary main =
        r.temperatures().stream()
            .filter(s -> s.group().equals(String.format(Locale.ROOT, "%.2f", r.mainTemperature())))
            .findFirst()
            .orElse(r.temperatures().get(0));
    line(
        "Target: at least 80 %% of samples within ±%s cents at temperature %s: **%s** (%s).",
        num(r.centsWindow()),
        main.group(),
        main.pitchAccuracy() >= 0.8 ? "met" : "NOT met",
        pct(main.pitchAccuracy()));
    line(r.octaveConclusion());
    blank();
    CombControl control = r.combControl();
    if (control.samples() > 0) {
      line(
          "Control: the same %d samples at temperature %s, each with its harmonic comb smoothed"
              + " away before Griffin-Lim (log-magnitude averaged along frequency over the"
              + " requested pitch's harmonic spacing), are judged right in **%s** (%d): the pitch"
              + " YIN finds in the samples is carried by their harmonics, not by their spectral"
              + " envelope.",
          control.samples(),
          String.format(Locale.ROOT, "%.2f", control.temperature()),
          pct(control.pitchAccuracy()),
          control.pitchRight());
      blank();
    }
    octaves(r, c.temperatures());
    line("Per family at temperature %s:", main.group());
    blank();
    line(
        "| family | pitches | pitch within ±%s cents | periodic | median aperiodicity |"
            + " median |cents off| | family accuracy | judge on real notes |",
        num(r.centsWindow()));
    line("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (SamplingSummary s : r.families()) {
      samplingRow(s, pct(j.accuracyPerFamily().getOrDefault(s.group(), Double.NaN)));
    }
    blank();
    figures(r.figures());
    audio(r.audio());
  }

  private void octaves(SamplingResult r, List<Double> temperatures) {
    if (r.octaves().isEmpty()) {
      return;
    }
    line(
        "**Pitch accuracy by octave** of the requested pitch (MIDI 60 = C4): the share of samples"
            + " within ±%s cents at each temperature (right/samples; periodic samples in"
            + " brackets), and YIN on real test notes of the split in the same octave (up to %d per"
            + " octave, spread over its instruments; read from the split's audio): the pitch"
            + " judge's own check there, with the real notes' periodic count.",
        num(r.centsWindow()), PitchByOctave.REAL_NOTES_PER_OCTAVE);
    blank();
    StringBuilder head = new StringBuilder("| MIDI | octave |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (double t : temperatures) {
      head.append(String.format(Locale.ROOT, " t = %.2f |", t));
      rule.append("---:|");
    }
    line(head.append(" YIN on real test notes |").toString());
    line(rule.append("---:|").toString());
    for (OctaveAccuracy o : r.octaves()) {
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
                        + periodic(at.samples() - at.aperiodic(), at.samples()))
            .append(" |");
      }
      row.append(' ')
          .append(PitchByOctave.cell(o.realPitchRight(), o.realNotes()))
          .append(periodic(o.realPeriodic(), o.realNotes()))
          .append(" |");
      line(row.toString());
    }
    blank();
  }

  /** {@code " [12 periodic]"}, or nothing when there is nothing to count. */
  private static String periodic(int periodic, int n) {
    return n == 0 ? "" : " [" + periodic + " periodic]";
  }

  private void samplingRow(SamplingSummary s, String judge) {
    line(
        "| %s | %d | %s | %s | %s | %s | %s |%s",
        s.group(),
        s.samples(),
        pct(s.pitchAccuracy()),
        pct(s.periodic()),
        Double.isNaN(s.medianAperiodicity())
            ? "–"
            : String.format(Locale.ROOT, "%.3f", s.medianAperiodicity()),
        Double.isNaN(s.medianAbsCents())
            ? "–"
            : String.format(Locale.ROOT, "%.0f", s.medianAbsCents()),
        pct(s.familyAccuracy()),
        judge == null ? "" : " " + judge + " |");
  }

  private void interpolation(InterpolationResult r) {
    heading("Interpolation");
    line(
        "The seed's central observation, measured: for test notes of two families at the same"
            + " pitch, the latent midpoint decode(½z_a + ½z_b) is compared with the linear mix of"
            + " the two feature spectrograms ½x_a + ½x_b and with each note, as RMS distances over"
            + " the feature spectrogram (feature units: 1 = 120 dB). The linear mix itself lies at"
            + " half the A↔B distance from each note. \"Closer to mix\" is the distance to the"
            + " nearer note divided by the distance to the mix.");
    blank();
    line(
        "| pair | MIDI | note A | note B | midpoint↔mix | midpoint↔A | midpoint↔B | A↔B |"
            + " closer to mix |");
    line("|---|---:|---|---|---:|---:|---:|---:|---:|");
    for (InterpolationPair p : r.pairs()) {
      InterpolationDistances d = p.distances();
      line(
          "| %s ↔ %s | %d | `%s` | `%s` | %.4f | %.4f | %.4f | %.4f | %.1f× |",
          p.familyA(),
          p.familyB(),
          p.pitch(),
          p.noteA(),
          p.noteB(),
          d.midpointToMix(),
          d.midpointToA(),
          d.midpointToB(),
          d.aToB(),
          p.closerToMix());
    }
    blank();
    if (!r.skipped().isEmpty()) {
      line("Not formed (a family missing or no shared pitch): %s.", String.join(", ", r.skipped()));
      blank();
    }
    line("**%s**", r.conclusion());
    blank();
    figures(r.figures());
    audio(r.audio());
  }

  private void figures(List<ReportFile> files) {
    for (ReportFile f : files) {
      line("![%s](%s)", f.caption().replace("]", ")").replace("[", "("), f.path());
      blank();
      line("*%s*", f.caption());
      blank();
    }
  }

  private void audio(List<ReportFile> files) {
    if (files.isEmpty()) {
      return;
    }
    line("Audio:");
    blank();
    for (ReportFile f : files) {
      line(
          "- [%s](%s): %s",
          f.path().substring(f.path().lastIndexOf('/') + 1), f.path(), f.caption());
    }
    blank();
  }

  private void heading(String title) {
    md.append("## ").append(title).append("\n\n");
  }

  private void line(String format, Object... args) {
    md.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
  }

  private void blank() {
    md.append('\n');
  }

  static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
  }

  private static String temperatures(List<Double> ts) {
    return String.join(", ", ts.stream().map(ReportMarkdown::num).toList());
  }
}
