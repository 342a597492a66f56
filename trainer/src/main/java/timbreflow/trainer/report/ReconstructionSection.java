package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.note.Latent;
import timbreflow.trainer.data.InstrumentFamily;

/**
 * Section 2: decode(encode(x)) rendered with Griffin-Lim against the input magnitude, and the
 * seed's robustness check: decode(z + σ·ε) ({@link Latent#withNoise}) against decode(z) in feature
 * space and as audio. Each note is encoded and decoded under its own condition.
 */
final class ReconstructionSection {

  /** The family whose note the figures show: the seed's example was a glockenspiel. */
  private static final String SHOWCASE = "mallet";

  /** Pitch the showcase note is chosen near: the seed's glockenspiel sounded around C5. */
  private static final int SHOWCASE_PITCH = 72;

  private ReconstructionSection() {}

  /**
   * Share of notes in which the strict judge finds the labelled pitch.
   *
   * @param original in the input audio
   * @param reconstruction in the audio of {@code decode(z)}
   * @param noisy in the audio of {@code decode(z + σ·ε)}
   */
  private record PitchAgreement(double original, double reconstruction, double noisy) {

    static PitchAgreement of(List<ReconstructedNote> rendered, PitchCheck check) {
      int rate = AudioRenderer.stft().sampleRate();
      int original = 0;
      int reconstruction = 0;
      int noisy = 0;
      for (ReconstructedNote r : rendered) {
        int p = r.trip().note().pitch();
        original += check.score(r.trip().audio(), rate, p).right() ? 1 : 0;
        reconstruction += check.score(r.clean().samples(), rate, p).right() ? 1 : 0;
        noisy += check.score(r.fromNoise().samples(), rate, p).right() ? 1 : 0;
      }
      double n = rendered.size();
      return new PitchAgreement(original / n, reconstruction / n, noisy / n);
    }
  }

  static ReconstructionResult run(
      LatentCodec codec,
      ReportNotes notes,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out,
      SectionProgress progress) {
    long start = System.nanoTime();
    Map<Integer, List<Integer>> byFamily = NoteChoice.byFamily(notes);
    List<Integer> chosen = new ArrayList<>();
    for (List<Integer> family : byFamily.values()) {
      chosen.addAll(NoteChoice.spread(family, config.notesPerFamily()));
    }
    List<RoundTrip> trips = RoundTrip.of(chosen, notes, codec, config);
    List<ReconstructedNote> rendered = ReconstructedNote.render(trips, renderer, config, progress);
    List<FamilyReconstruction> families = new ArrayList<>();
    for (int f : byFamily.keySet()) {
      families.add(
          summary(
              familyName(f),
              rendered.stream().filter(r -> r.trip().note().family().index() == f).toList()));
    }
    List<ReportFile> wavs = writeAudio(rendered, config, out);
    PitchAgreement pitch = PitchAgreement.of(rendered, PitchCheck.strict(config.centsWindow()));
    List<ReportFile> files = figures(showcase(rendered), config, out);
    return new ReconstructionResult(
        config.notesPerFamily(),
        config.iterations(),
        config.momentum(),
        config.noiseSigma(),
        RoundTrip.latentRms(trips),
        families,
        summary("all", rendered),
        config.centsWindow(),
        pitch.original(),
        pitch.reconstruction(),
        pitch.noisy(),
        files,
        wavs,
        (System.nanoTime() - start) / 1e9);
  }

  /** The note the figures show: the showcase family's nearest to the showcase pitch. */
  private static ReconstructedNote showcase(List<ReconstructedNote> rendered) {
    return rendered.stream()
        .filter(r -> r.trip().note().family().label().equals(SHOWCASE))
        .min(Comparator.comparingInt(r -> Math.abs(r.trip().note().pitch() - SHOWCASE_PITCH)))
        .orElse(rendered.get(0));
  }

  private static FamilyReconstruction summary(String name, List<ReconstructedNote> notes) {
    double sc = 0;
    double worst = Double.NEGATIVE_INFINITY;
    double noisySc = 0;
    double meanAbs = 0;
    double maxAbs = 0;
    double squares = 0;
    for (ReconstructedNote r : notes) {
      sc += r.cleanDb();
      worst = Math.max(worst, r.cleanDb());
      noisySc += r.noisyDb();
      meanAbs += r.noise().meanAbs();
      maxAbs = Math.max(maxAbs, r.noise().maxAbs());
      squares += r.noise().rms() * r.noise().rms();
    }
    int n = notes.size();
    return new FamilyReconstruction(
        name, n, sc / n, worst, noisySc / n, meanAbs / n, maxAbs, Math.sqrt(squares / n));
  }

  /** Original, reconstruction and noisy reconstruction of a few notes of different families. */
  private static List<ReportFile> writeAudio(
      List<ReconstructedNote> rendered, ReportConfig config, ReportOutput out) {
    List<Integer> firstOfFamily = new ArrayList<>();
    for (int i = 0; i < rendered.size(); i++) {
      if (i == 0
          || rendered.get(i).trip().note().family() != rendered.get(i - 1).trip().note().family()) {
        firstOfFamily.add(i);
      }
    }
    List<ReportFile> files = new ArrayList<>();
    for (int i : NoteChoice.spread(firstOfFamily, config.audioExamples())) {
      ReconstructedNote r = rendered.get(i);
      String stem = "reconstruction-" + r.trip().note().noteStr().toLowerCase(Locale.ROOT);
      String what = r.trip().note().noteStr() + " (" + r.trip().note().family().label() + ")";
      files.add(
          out.audio(stem + "-original", "original " + what, AudioRenderer.asIs(r.trip().audio())));
      files.add(
          out.audio(
              stem + "-decoded",
              String.format(
                  Locale.ROOT,
                  "decode(encode(x)) of %s, Griffin-Lim %d iterations (SC %.1f dB)",
                  what,
                  config.iterations(),
                  r.cleanDb()),
              AudioRenderer.asIs(r.clean().samples())));
      files.add(
          out.audio(
              stem + "-noisy",
              String.format(
                  Locale.ROOT,
                  "decode(z + %.3g·ε) of %s (SC %.1f dB)",
                  config.noiseSigma(),
                  what,
                  r.noisyDb()),
              AudioRenderer.asIs(r.fromNoise().samples())));
    }
    return files;
  }

  private static List<ReportFile> figures(
      ReconstructedNote show, ReportConfig config, ReportOutput out) {
    String what = show.trip().note().noteStr();
    LogMagnitude lm = AudioRenderer.logMagnitude();
    List<ReportFile> files = new ArrayList<>();
    files.add(
        out.figure(
            "reconstruction-spectrograms",
            "Log-magnitude spectrograms of "
                + what
                + ": the input, its Griffin-Lim reconstruction from decode(encode(x)) and from"
                + " decode(z + "
                + config.noiseSigma()
                + "·ε), each the STFT of the rendered audio",
            ReportFigures.spectrograms(
                "Reconstruction of " + what,
                List.of(
                    new ReportFigures.Spectrogram("original", show.trip().input()),
                    new ReportFigures.Spectrogram(
                        "reconstruction", lm.features(show.clean().samples())),
                    new ReportFigures.Spectrogram(
                        "noisy reconstruction (σ = " + config.noiseSigma() + ")",
                        lm.features(show.fromNoise().samples()))),
                3,
                2)));
    files.add(
        out.figure(
            "reconstruction-rainbowgrams",
            "Rainbowgrams (CQT magnitude as brightness, instantaneous frequency as colour) of "
                + what
                + " and of its reconstruction",
            ReportFigures.rainbowgrams(
                "Rainbowgrams of " + what,
                List.of(
                    new ReportFigures.Audio(
                        "original", show.trip().audio(), AudioRenderer.stft().sampleRate()),
                    new ReportFigures.Audio(
                        "reconstruction",
                        show.clean().samples(),
                        AudioRenderer.stft().sampleRate())),
                2)));
    return files;
  }

  static String familyName(int index) {
    return InstrumentFamily.ofIndex(index).map(InstrumentFamily::label).orElse("family" + index);
  }
}
