package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.GriffinLimResult;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.trainer.data.NoteExample;

/**
 * Section 3: {@code z = mean + temperature·exp(log_std)·ε} from the bundle's prior for a grid of
 * (pitch, family), decoded, rendered with Griffin-Lim and judged: YIN's pitch against the request
 * and the family a classifier trained on the split's real notes hears. Pitch accuracy is also
 * grouped by octave of requested pitch, beside YIN on real notes of the split in each octave. The
 * samples of the main temperature are judged once more with their harmonic comb smoothed away
 * ({@link CombControl}).
 */
final class SamplingSection {

  /**
   * Reference power of a sample's features (a sample has no loudness of its own): the peak power of
   * a loud real note, a 0.5-amplitude sine under the 1024-point Hann window (|X| = 128).
   */
  static final double SAMPLE_REFERENCE = 128.0 * 128.0;

  /** Pitch the per-family example is chosen near (middle C). */
  private static final int SHOW_PITCH = 60;

  private SamplingSection() {}

  /** One grid point: the condition and its prior. */
  private record Condition(int family, int pitch) {}

  static SamplingResult run(
      LatentCodec codec,
      ReportNotes notes,
      ReportNotes judgeNotes,
      ReportConfig config,
      List<String> familyNames,
      AudioRenderer renderer,
      ReportOutput out,
      SectionProgress progress) {
    long start = System.nanoTime();
    FamilyJudge judge = judge(judgeNotes, notes, familyNames, config, progress);
    Map<Integer, List<Integer>> grid = grid(notes, config.pitchStep());
    List<Condition> conditions = new ArrayList<>();
    grid.forEach((f, pitches) -> pitches.forEach(p -> conditions.add(new Condition(f, p))));
    int bins = codec.bins();
    int frames = AudioRenderer.stft().noteFrames();
    double main =
        config.temperatures().contains(ReportConfig.MAIN_TEMPERATURE)
            ? ReportConfig.MAIN_TEMPERATURE
            : config.temperatures().get(0);
    PitchCheck pitchCheck = new PitchCheck(config.centsWindow());
    List<SampleScore> scores = new ArrayList<>();
    Map<Integer, float[]> shown = new TreeMap<>();
    Map<Integer, Integer> shownPitch = new TreeMap<>();
    int total = conditions.size() * (config.temperatures().size() + 1);
    int controlRight = 0;
    int controlled = 0;
    try (SectionProgress.Tracker bar = progress.start("sampling", "samples")) {
      for (int from = 0; from < conditions.size(); from += config.batch()) {
        List<Condition> chunk =
            conditions.subList(from, Math.min(conditions.size(), from + config.batch()));
        List<float[]> latents = new ArrayList<>();
        List<Condition> of = new ArrayList<>();
        List<Double> temperatureOf = new ArrayList<>();
        for (Condition c : chunk) {
          PriorParams prior = codec.prior(c.pitch(), c.family(), frames);
          float[] eps = new float[bins * frames];
          Random random = new Random(config.seed() * 1_000_003L + c.family() * 1000L + c.pitch());
          for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) random.nextGaussian();
          }
          for (double t : config.temperatures()) {
            float[] z = new float[eps.length];
            for (int i = 0; i < z.length; i++) {
              z[i] = (float) (prior.mean()[i] + t * Math.exp(prior.logStd()[i]) * eps[i]);
            }
            latents.add(z);
            of.add(c);
            temperatureOf.add(t);
          }
        }
        List<float[]> decoded = codec.decode(latents, frames);
        List<Features> features = new ArrayList<>();
        for (float[] x : decoded) {
          features.add(new Features(x, bins, frames, SAMPLE_REFERENCE));
        }
        List<GriffinLimResult> audio = renderSamples(renderer, features, config, from);
        List<Features> combless = new ArrayList<>();
        List<Integer> comblessPitch = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
          Condition c = of.get(i);
          double t = temperatureOf.get(i);
          PitchCheck.Score s =
              pitchCheck.score(
                  audio.get(i).samples(), AudioRenderer.stft().sampleRate(), c.pitch());
          int judged = judge.predict(NoteDescriptor.of(decoded.get(i), bins, frames));
          scores.add(
              new SampleScore(
                  familyNames.get(c.family()),
                  c.pitch(),
                  t,
                  s.estimatedHz(),
                  s.centsOff(),
                  s.right(),
                  s.periodic(),
                  s.aperiodicity(),
                  familyNames.get(judged)));
          if (t == main) {
            int width = CombRemoval.width(c.pitch(), AudioRenderer.stft());
            combless.add(
                new Features(
                    CombRemoval.smoothed(decoded.get(i), bins, frames, width),
                    bins,
                    frames,
                    SAMPLE_REFERENCE));
            comblessPitch.add(c.pitch());
            Integer best = shownPitch.get(c.family());
            if (best == null || Math.abs(c.pitch() - SHOW_PITCH) < Math.abs(best - SHOW_PITCH)) {
              shownPitch.put(c.family(), c.pitch());
              shown.put(c.family(), decoded.get(i));
            }
          }
          bar.progressed(scores.size() + controlled, total);
        }
        List<GriffinLimResult> controlAudio = renderSamples(renderer, combless, config, from);
        for (int i = 0; i < controlAudio.size(); i++) {
          controlRight +=
              pitchCheck
                      .score(
                          controlAudio.get(i).samples(),
                          AudioRenderer.stft().sampleRate(),
                          comblessPitch.get(i))
                      .right()
                  ? 1
                  : 0;
          bar.progressed(scores.size() + ++controlled, total);
        }
      }
    }
    List<SamplingSummary> perTemperature = new ArrayList<>();
    for (double t : config.temperatures()) {
      perTemperature.add(
          SamplingSummary.of(
              String.format(Locale.ROOT, "%.2f", t),
              scores.stream().filter(s -> s.temperature() == t).toList()));
    }
    List<SamplingSummary> perFamily = new ArrayList<>();
    for (int f : grid.keySet()) {
      String name = familyNames.get(f);
      perFamily.add(
          SamplingSummary.of(
              name,
              scores.stream()
                  .filter(s -> s.temperature() == main && s.family().equals(name))
                  .toList()));
    }
    List<OctaveAccuracy> octaves =
        PitchByOctave.group(
            scores,
            config.temperatures(),
            PitchByOctave.real(
                notes,
                scores.stream().map(s -> PitchByOctave.lowestPitch(s.pitch())).distinct().toList(),
                pitchCheck,
                progress));
    List<ReportFile> figures = new ArrayList<>();
    List<ReportFile> wavs = new ArrayList<>();
    showcase(shown, shownPitch, familyNames, main, config, renderer, out, figures, wavs);
    Map<String, List<Integer>> gridByName = new LinkedHashMap<>();
    grid.forEach((f, p) -> gridByName.put(familyNames.get(f), p));
    return new SamplingResult(
        gridByName,
        config.pitchStep(),
        config.sampleIterations(),
        config.centsWindow(),
        judge.result(),
        perTemperature,
        main,
        perFamily,
        octaves,
        OctaveConclusion.describe(scores, octaves, main, config.centsWindow()),
        new CombControl(main, controlled, controlRight),
        scores,
        figures,
        wavs,
        (System.nanoTime() - start) / 1e9);
  }

  /** Griffin-Lim at the sampling settings, seeded by the chunk's first condition. */
  private static List<GriffinLimResult> renderSamples(
      AudioRenderer renderer, List<Features> features, ReportConfig config, int from) {
    return renderer.render(
        features, config.sampleIterations(), config.momentum(), config.seed() + from, (d, t) -> {});
  }

  /**
   * The grid: per family, every {@code step}-th semitone from the family's lowest pitch in the
   * split to its highest, where the family has notes at that pitch.
   */
  static Map<Integer, List<Integer>> grid(ReportNotes notes, int step) {
    Map<Integer, TreeSet<Integer>> pitches = new TreeMap<>();
    for (NoteExample n : notes.notes()) {
      pitches.computeIfAbsent(n.family().index(), f -> new TreeSet<>()).add(n.pitch());
    }
    Map<Integer, List<Integer>> grid = new TreeMap<>();
    pitches.forEach(
        (f, set) -> {
          List<Integer> g = new ArrayList<>();
          for (int p = set.first(); p <= set.last(); p += step) {
            if (set.contains(p)) {
              g.add(p);
            }
          }
          grid.put(f, g);
        });
    return grid;
  }

  private static FamilyJudge judge(
      ReportNotes judgeNotes,
      ReportNotes notes,
      List<String> familyNames,
      ReportConfig config,
      SectionProgress progress) {
    try (SectionProgress.Tracker bar = progress.start("family classifier", "fits")) {
      List<Integer> picked = new ArrayList<>();
      for (int i = 0; i < judgeNotes.size(); i++) {
        picked.add(i);
      }
      picked = NoteChoice.spread(picked, config.judgeNotes());
      String name = judgeNotes.splitDir().getFileName().toString();
      FamilyJudge.Labelled train =
          labelled(
              judgeNotes,
              picked,
              picked.size() == judgeNotes.size()
                  ? "the " + name + " split"
                  : "the " + name + " split (notes spread evenly over it)");
      FamilyJudge.Labelled check;
      if (judgeNotes == notes) {
        check = train;
      } else {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
          all.add(i);
        }
        check = labelled(notes, all, "the " + notes.splitDir().getFileName() + " split");
      }
      return FamilyJudge.fit(train, check, familyNames, config.threads(), bar);
    }
  }

  private static FamilyJudge.Labelled labelled(
      ReportNotes notes, List<Integer> which, String description) {
    int n = which.size();
    double[][] x = new double[n][];
    int[] y = new int[n];
    String[] instrument = new String[n];
    for (int i = 0; i < n; i++) {
      Features f = notes.features(which.get(i));
      x[i] = NoteDescriptor.of(f.values(), f.bins(), f.frames());
      y[i] = notes.note(which.get(i)).family().index();
      instrument[i] = notes.note(which.get(i)).instrumentStr();
    }
    return new FamilyJudge.Labelled(x, y, instrument, description);
  }

  private static void showcase(
      Map<Integer, float[]> shown,
      Map<Integer, Integer> shownPitch,
      List<String> familyNames,
      double temperature,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out,
      List<ReportFile> figures,
      List<ReportFile> wavs) {
    int bins = AudioRenderer.stft().bins();
    int frames = AudioRenderer.stft().noteFrames();
    List<ReportFigures.Spectrogram> panels = new ArrayList<>();
    List<Features> features = new ArrayList<>();
    for (Map.Entry<Integer, float[]> e : shown.entrySet()) {
      Features f = new Features(e.getValue(), bins, frames, SAMPLE_REFERENCE);
      features.add(f);
      panels.add(
          new ReportFigures.Spectrogram(
              familyNames.get(e.getKey()) + ", MIDI " + shownPitch.get(e.getKey()), f));
    }
    if (panels.isEmpty()) {
      return;
    }
    String t = String.format(Locale.ROOT, "%.2f", temperature);
    figures.add(
        out.figure(
            "samples-per-family",
            "Decoded samples from the prior, one per family near MIDI "
                + SHOW_PITCH
                + ", temperature "
                + t,
            ReportFigures.spectrograms("Samples at temperature " + t, panels, 4, 1)));
    List<GriffinLimResult> audio =
        renderer.render(
            features, config.iterations(), config.momentum(), config.seed(), (d, n) -> {});
    int i = 0;
    for (Map.Entry<Integer, float[]> e : shown.entrySet()) {
      String family = familyNames.get(e.getKey());
      int pitch = shownPitch.get(e.getKey());
      wavs.add(
          out.audio(
              String.format(Locale.ROOT, "sample-%s-%03d-t%s", family, pitch, t.replace(".", "")),
              String.format(
                  Locale.ROOT,
                  "sample: %s, MIDI %d, temperature %s (Griffin-Lim %d iterations, peak-normalised)",
                  family,
                  pitch,
                  t,
                  config.iterations()),
              AudioRenderer.normalised(audio.get(i++).samples(), 0.5)));
    }
  }
}
