package timbreflow.trainer.report;

import java.util.List;
import java.util.Locale;

/** The bundle sections of {@code evaluation.md}: prose, tables, embedded figures, audio links. */
final class ReportMarkdown {

  /** Noisy reconstructions worse than this (SC, dB) count as "sensitive to the latent". */
  private static final double SENSITIVE_DB = 3;

  private final MarkdownText md = new MarkdownText();

  private ReportMarkdown() {}

  /** The intro lines (a bullet list) describing what was evaluated and how. */
  static String intro(BundleReport r) {
    ReportConfig c = r.config();
    SampleGrid g = r.sampling().grid();
    ReportMarkdown m = new ReportMarkdown();
    m.md.line(
        "- bundle: `%s` (format %d, checkpoint step %d, commit `%s`), run with ONNX Runtime on CPU"
            + " through the runtime's `NoteModel`, the server's code",
        r.bundle(), r.formatVersion(), r.checkpointStep(), r.gitCommit());
    m.md.line("- notes: `%s`, %d notes", r.split(), r.notes());
    m.md.line(
        "- sampling grid: MIDI %d–%d every %d semitones (%d pitches) × %d families ×"
            + " temperatures %s × seeds %s = %d samples, Griffin-Lim %d iterations each",
        g.pitches().get(0),
        g.pitches().get(g.pitches().size() - 1),
        g.pitchStep(),
        g.pitches().size(),
        g.families().size(),
        temperatures(g.temperatures()),
        String.join(", ", g.seeds().stream().map(String::valueOf).toList()),
        r.sampling().samples().size(),
        c.sampleIterations());
    m.md.line(
        "- other settings: Griffin-Lim %d iterations, momentum %s; %d notes per family"
            + " reconstructed; latent noise σ = %s; seed %d; %d threads",
        c.iterations(),
        num(c.momentum()),
        c.notesPerFamily(),
        num(c.noiseSigma()),
        c.seed(),
        c.threads());
    m.md.line(
        "- wall time: %s (invertibility %s, reconstruction %s, sampling %s, interpolation %s)",
        duration(r.seconds()),
        duration(r.invertibility().seconds()),
        duration(r.reconstruction().seconds()),
        duration(r.sampling().seconds()),
        duration(r.interpolation().seconds()));
    return m.md.toString();
  }

  /** The headline section: issue 14's targets against the strict judges. */
  static String headline(BundleReport r) {
    return SamplingMarkdown.headline(r.headline(), r.sampling());
  }

  /** The sections after the headline, with their figures. */
  static String sections(BundleReport r) {
    ReportMarkdown m = new ReportMarkdown();
    m.invertibility(r.invertibility(), r.config());
    m.reconstruction(r.reconstruction());
    return m.md + SamplingMarkdown.sections(r.sampling()) + interpolationSection(r.interpolation());
  }

  private static String interpolationSection(InterpolationResult r) {
    ReportMarkdown m = new ReportMarkdown();
    m.interpolation(r);
    return m.md.toString();
  }

  private void invertibility(InvertibilityResult r, ReportConfig c) {
    md.heading("Invertibility under ONNX Runtime");
    md.line(
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
    md.blank();
  }

  private void reconstruction(ReconstructionResult r) {
    md.heading("Reconstruction");
    md.line(
        "Notes of each family (up to %d, spread over its instruments and pitches) are encoded,"
            + " decoded and rendered to audio with Griffin-Lim (%d iterations, momentum %s). Spectral"
            + " convergence SC = 20·log10(‖S − |STFT(y)|‖_F / ‖S‖_F) compares the audio's STFT"
            + " magnitude with the input's S (lower is better). Since decode(encode(x)) equals x"
            + " to within the invertibility error, SC measures Griffin-Lim's phase retrieval.",
        r.notesPerFamily(), r.iterations(), num(r.momentum()));
    md.blank();
    md.line(
        "Robustness, as the seed checked it: Gaussian noise of σ = %s (seeded) is added to every"
            + " latent value before decoding (the latents themselves have an RMS of %.3f, so σ is"
            + " %s of it); the table gives the decoded features' difference from the noise-free"
            + " decode (feature units: 1 = 120 dB) and the SC of the noisy decode's rendering"
            + " against the same input.",
        num(r.noiseSigma()), r.latentRms(), pct(r.noiseSigma() / r.latentRms()));
    md.blank();
    md.line(
        "| family | notes | SC dB | worst SC dB | noisy SC dB | noise: mean abs | max abs | RMS |");
    md.line("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (FamilyReconstruction f : r.families()) {
      reconstructionRow(f.family(), f);
    }
    reconstructionRow("**all**", r.all());
    md.blank();
    FamilyReconstruction all = r.all();
    md.line(
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
    md.blank();
    md.line(
        "The strict pitch judge (the headline judge of the sampling section) finds the labelled"
            + " pitch within ±%s cents in %s of these original notes, %s of their reconstructions"
            + " and %s of the noisy reconstructions.",
        num(r.centsWindow()),
        pct(r.originalPitch()),
        pct(r.reconstructionPitch()),
        pct(r.noisyPitch()));
    md.blank();
    md.figures(r.figures());
    md.audio(r.audio());
  }

  private void reconstructionRow(String name, FamilyReconstruction f) {
    md.line(
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

  private void interpolation(InterpolationResult r) {
    md.heading("Interpolation");
    md.line(
        "The seed's central observation, measured: for test notes of two families at the same"
            + " pitch, the latent midpoint decode(½z_a + ½z_b) is compared with the linear mix of"
            + " the two feature spectrograms ½x_a + ½x_b and with each note, as RMS distances over"
            + " the feature spectrogram (feature units: 1 = 120 dB). The linear mix itself lies at"
            + " half the A↔B distance from each note. \"Closer to mix\" is the distance to the"
            + " nearer note divided by the distance to the mix.");
    md.blank();
    md.line(
        "| pair | MIDI | note A | note B | midpoint↔mix | midpoint↔A | midpoint↔B | A↔B |"
            + " closer to mix |");
    md.line("|---|---:|---|---|---:|---:|---:|---:|---:|");
    for (InterpolationPair p : r.pairs()) {
      InterpolationDistances d = p.distances();
      md.line(
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
    md.blank();
    if (!r.skipped().isEmpty()) {
      md.line(
          "Not formed (a family missing or no shared pitch): %s.", String.join(", ", r.skipped()));
      md.blank();
    }
    md.line("**%s**", r.conclusion());
    md.blank();
    md.figures(r.figures());
    md.audio(r.audio());
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

  static String temperatures(List<Double> ts) {
    return String.join(", ", ts.stream().map(ReportMarkdown::num).toList());
  }
}
