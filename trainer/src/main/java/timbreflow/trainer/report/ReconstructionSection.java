package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.GriffinLim;
import timbreflow.runtime.dsp.GriffinLimResult;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.NoteExample;

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

  /** What is known of one rendered note. */
  private record Rendered(
      int index,
      NoteExample note,
      float[] inputAudio,
      Features input,
      Features decoded,
      Features noisy,
      FeatureErrors noise,
      GriffinLimResult clean,
      GriffinLimResult fromNoise,
      double cleanDb,
      double noisyDb) {}

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
    LogMagnitude logMagnitude = AudioRenderer.logMagnitude();
    List<Features> inputs = new ArrayList<>();
    List<float[]> waves = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    for (int i : chosen) {
      float[] wave = notes.audio(i).samples();
      waves.add(wave);
      inputs.add(logMagnitude.features(wave));
      conditions.add(codec.condition(notes.note(i)));
    }
    List<Latent> z = codec.encode(inputs, conditions).stream().map(EncodedNote::latent).toList();
    List<Latent> noisyZ = new ArrayList<>();
    for (int i = 0; i < z.size(); i++) {
      noisyZ.add(
          z.get(i).withNoise(config.noiseSigma(), config.seed() * 1_000_003L + chosen.get(i)));
    }
    double squares = 0;
    long count = 0;
    for (Latent latent : z) {
      for (float v : latent.values()) {
        squares += (double) v * v;
      }
      count += latent.values().length;
    }
    double latentRms = Math.sqrt(squares / count);
    double[] references = inputs.stream().mapToDouble(Features::reference).toArray();
    List<Features> decoded = codec.decode(z, references);
    List<Features> noisy = codec.decode(noisyZ, references);
    List<Features> toRender = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      toRender.add(decoded.get(i));
      toRender.add(noisy.get(i));
    }
    List<GriffinLimResult> audio;
    try (SectionProgress.Tracker bar = progress.start("reconstruction", "renders")) {
      audio =
          renderer.render(
              toRender, config.iterations(), config.momentum(), config.seed(), false, bar);
    }
    Stft stft = new Stft(AudioRenderer.stft());
    List<Rendered> rendered = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      var target = logMagnitude.magnitude(inputs.get(i));
      GriffinLimResult clean = audio.get(2 * i);
      GriffinLimResult fromNoise = audio.get(2 * i + 1);
      rendered.add(
          new Rendered(
              chosen.get(i),
              notes.note(chosen.get(i)),
              waves.get(i),
              inputs.get(i),
              toRender.get(2 * i),
              toRender.get(2 * i + 1),
              FeatureErrors.between(noisy.get(i).values(), decoded.get(i).values()),
              clean,
              fromNoise,
              GriffinLim.spectralConvergenceDb(target, stft.magnitude(clean.samples())),
              GriffinLim.spectralConvergenceDb(target, stft.magnitude(fromNoise.samples()))));
    }
    List<FamilyReconstruction> families = new ArrayList<>();
    for (int f : byFamily.keySet()) {
      families.add(
          summary(
              familyName(f),
              rendered.stream().filter(r -> r.note().family().index() == f).toList()));
    }
    List<ReportFile> files = new ArrayList<>();
    List<ReportFile> wavs = writeAudio(rendered, config, out);
    Rendered show =
        rendered.stream()
            .filter(r -> r.note().family().label().equals(SHOWCASE))
            .min(Comparator.comparingInt(r -> Math.abs(r.note().pitch() - SHOWCASE_PITCH)))
            .orElse(rendered.get(0));
    PitchCheck pitchCheck = PitchCheck.strict(config.centsWindow());
    int rate = AudioRenderer.stft().sampleRate();
    int[] right = new int[3];
    for (Rendered r : rendered) {
      int p = r.note().pitch();
      right[0] += pitchCheck.score(r.inputAudio(), rate, p).right() ? 1 : 0;
      right[1] += pitchCheck.score(r.clean().samples(), rate, p).right() ? 1 : 0;
      right[2] += pitchCheck.score(r.fromNoise().samples(), rate, p).right() ? 1 : 0;
    }
    int n = rendered.size();
    files.addAll(figures(show, config, out));
    return new ReconstructionResult(
        config.notesPerFamily(),
        config.iterations(),
        config.momentum(),
        config.noiseSigma(),
        latentRms,
        families,
        summary("all", rendered),
        config.centsWindow(),
        right[0] / (double) n,
        right[1] / (double) n,
        right[2] / (double) n,
        files,
        wavs,
        (System.nanoTime() - start) / 1e9);
  }

  private static FamilyReconstruction summary(String name, List<Rendered> notes) {
    double sc = 0;
    double worst = Double.NEGATIVE_INFINITY;
    double noisySc = 0;
    double meanAbs = 0;
    double maxAbs = 0;
    double squares = 0;
    for (Rendered r : notes) {
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
      List<Rendered> rendered, ReportConfig config, ReportOutput out) {
    List<Integer> firstOfFamily = new ArrayList<>();
    for (int i = 0; i < rendered.size(); i++) {
      if (i == 0 || rendered.get(i).note().family() != rendered.get(i - 1).note().family()) {
        firstOfFamily.add(i);
      }
    }
    List<ReportFile> files = new ArrayList<>();
    for (int i : NoteChoice.spread(firstOfFamily, config.audioExamples())) {
      Rendered r = rendered.get(i);
      String stem = "reconstruction-" + r.note().noteStr().toLowerCase(Locale.ROOT);
      String what = r.note().noteStr() + " (" + r.note().family().label() + ")";
      files.add(
          out.audio(stem + "-original", "original " + what, AudioRenderer.asIs(r.inputAudio())));
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

  private static List<ReportFile> figures(Rendered show, ReportConfig config, ReportOutput out) {
    String what = show.note().noteStr();
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
                    new ReportFigures.Spectrogram("original", show.input()),
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
                        "original", show.inputAudio(), AudioRenderer.stft().sampleRate()),
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
