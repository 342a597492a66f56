package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.note.NoteModel;
import timbreflow.trainer.data.NoteExample;

/**
 * Section 3: a sample for every point of the {@link SampleGrid}, drawn, decoded and rendered as the
 * server's {@code /v1/sample} does ({@link SampleJudge}), and judged: pitch by the strict judge
 * beside the same judge on real test notes, family by a classifier fitted on real notes beside its
 * accuracy on unseen real instruments, the level at 2 s per family beside real notes; and, as a
 * diagnostic, pitch by YIN as published, with the comb control of the headline temperature.
 */
final class SamplingSection {

  /** Pitch the per-family example is chosen near (middle C). */
  private static final int SHOW_PITCH = 60;

  private SamplingSection() {}

  /**
   * What one grid point leaves behind.
   *
   * @param score its verdicts
   * @param shown its decoded features when it is a per-family example, else null
   * @param combless the verdicts on it with its comb smoothed away, when it is a control, else null
   */
  private record Outcome(SampleScore score, Features shown, SampleScore combless) {}

  /**
   * Real notes read once.
   *
   * @param labelled what the family classifier sees of them
   * @param levelDb each note's level at 2 s relative to its loudest frame
   */
  private record RealNotes(FamilyJudge.Labelled labelled, double[] levelDb) {}

  static SamplingResult run(
      LatentCodec codec,
      ReportNotes notes,
      ReportNotes judgeNotes,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out,
      SectionProgress progress) {
    long start = System.nanoTime();
    NoteModel model = codec.model();
    List<String> names = model.families();
    SampleGrid grid = SampleGrid.of(config, names);
    double headline = headlineTemperature(config);
    RealNotes check =
        read(notes, inRange(notes), "the " + notes.splitDir().getFileName() + " split", model);
    FamilyJudge judge = fitJudge(judgeNotes, notes, check, config, model, progress);
    PitchCheck strict = PitchCheck.strict(config.centsWindow());
    PitchCheck published = PitchCheck.asPublished(config.centsWindow());
    SampleJudge sampler =
        new SampleJudge(
            model,
            renderer,
            strict,
            published,
            judge::predict,
            config.sampleIterations(),
            config.momentum());
    List<Outcome> outcomes =
        draw(grid, sampler, headline, showPitch(grid), config.threads(), progress);
    List<SampleScore> scores = outcomes.stream().map(Outcome::score).toList();
    List<OctaveAccuracy> octaves = octaves(scores, grid, notes, strict, progress);
    CombControl comb = combControl(outcomes, headline, grid);
    SampleShowcase showcase =
        SampleShowcase.of(examples(outcomes), grid.seeds().get(0), headline, config, renderer, out);
    return new SamplingResult(
        grid,
        config.sampleIterations(),
        config.momentum(),
        StrictPitchResult.of(strict, scores, grid, headline, octaves),
        OctaveConclusion.describe(scores, octaves, headline, config.centsWindow()),
        FamilyIdentityResult.of(judge.result(), scores, names, headline),
        SustainResult.of(levelsByFamily(check, names), scores, names, headline),
        LenientPitchResult.of(published, scores, grid.temperatures(), comb),
        scores,
        showcase.figures(),
        showcase.audio(),
        (System.nanoTime() - start) / 1e9);
  }

  /** The grid's pitch nearest middle C: the pitch of the per-family examples. */
  private static int showPitch(SampleGrid grid) {
    return grid.pitches().stream()
        .min(Comparator.comparingInt(p -> Math.abs(p - SHOW_PITCH)))
        .orElseThrow();
  }

  /** Strict pitch by octave of the samples, beside real notes of the octaves sampled. */
  private static List<OctaveAccuracy> octaves(
      List<SampleScore> scores,
      SampleGrid grid,
      ReportNotes notes,
      PitchCheck strict,
      SectionProgress progress) {
    List<Integer> sampled =
        scores.stream().map(s -> PitchByOctave.lowestPitch(s.pitch())).distinct().toList();
    return PitchByOctave.group(
        scores, grid.temperatures(), PitchByOctave.real(notes, sampled, strict, progress));
  }

  /** Both pitch judges on the controls: the headline temperature's first seed, comb removed. */
  private static CombControl combControl(List<Outcome> outcomes, double headline, SampleGrid grid) {
    List<SampleScore> controls =
        outcomes.stream().map(Outcome::combless).filter(Objects::nonNull).toList();
    return new CombControl(
        headline,
        grid.seeds().get(0),
        Accuracy.count(controls, SampleScore::pitchRight),
        Accuracy.count(controls, s -> s.asPublished().right()));
  }

  /** The per-family examples among {@code outcomes}, in grid order. */
  private static List<SampleShowcase.Example> examples(List<Outcome> outcomes) {
    return outcomes.stream()
        .filter(o -> o.shown() != null)
        .map(o -> new SampleShowcase.Example(o.score(), o.shown()))
        .toList();
  }

  /** The configured main temperature when it is sampled, else the first one. */
  static double headlineTemperature(ReportConfig config) {
    return config.temperatures().contains(ReportConfig.MAIN_TEMPERATURE)
        ? ReportConfig.MAIN_TEMPERATURE
        : config.temperatures().get(0);
  }

  /**
   * Every request of the grid: prior and decoder on this thread (the bundle's graphs have threads
   * of their own), Griffin-Lim and the judges in the pool. The headline temperature's first seed is
   * also judged with its comb smoothed away.
   */
  private static List<Outcome> draw(
      SampleGrid grid,
      SampleJudge sampler,
      double headline,
      int showPitch,
      int threads,
      SectionProgress progress) {
    List<SampleRequest> requests = grid.requests();
    long firstSeed = grid.seeds().get(0);
    try (SectionProgress.Tracker bar = progress.start("sampling", "samples");
        NotePool pool = new NotePool(threads, "sampling")) {
      return pool.map(
          requests.size(),
          i -> sampler.decode(requests.get(i)),
          (i, decoded) -> {
            SampleRequest r = requests.get(i);
            boolean control = r.temperature() == headline && r.seed() == firstSeed;
            return new Outcome(
                sampler.judge(r, decoded).score(),
                control && r.pitch() == showPitch ? decoded : null,
                control ? sampler.judgeWithoutComb(r, decoded).score() : null);
          },
          bar);
    }
  }

  /** Indices of the notes in the grid's pitch range, in split order. */
  private static List<Integer> inRange(ReportNotes notes) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      if (SampleGrid.inRange(notes.note(i).pitch())) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The family classifier, fitted on up to {@code config.judgeNotes()} notes of {@code judgeNotes}
   * in the grid's range and measured on {@code check} (or leave-one-instrument-out when {@code
   * judgeNotes} is the evaluated split itself).
   */
  private static FamilyJudge fitJudge(
      ReportNotes judgeNotes,
      ReportNotes notes,
      RealNotes check,
      ReportConfig config,
      NoteModel model,
      SectionProgress progress) {
    try (SectionProgress.Tracker bar = progress.start("family classifier", "fits")) {
      List<Integer> range = inRange(judgeNotes);
      List<Integer> picked = NoteChoice.spread(range, config.judgeNotes());
      String name = "the " + judgeNotes.splitDir().getFileName() + " split";
      FamilyJudge.Labelled train =
          judgeNotes == notes && picked.size() == range.size()
              ? check.labelled()
              : read(
                      judgeNotes,
                      picked,
                      picked.size() == range.size()
                          ? name
                          : name + " (notes spread evenly over it)",
                      model)
                  .labelled();
      FamilyJudge.Labelled against = judgeNotes == notes ? train : check.labelled();
      return FamilyJudge.fit(train, against, model.families(), config.threads(), bar);
    }
  }

  private static RealNotes read(
      ReportNotes notes, List<Integer> which, String description, NoteModel model) {
    StftConfig stft = model.stft();
    int n = which.size();
    double[][] x = new double[n][];
    int[] y = new int[n];
    String[] instrument = new String[n];
    double[] level = new double[n];
    for (int i = 0; i < n; i++) {
      Features f = notes.features(which.get(i));
      NoteExample note = notes.note(which.get(i));
      x[i] = NoteDescriptor.of(f, note.pitch(), stft);
      y[i] = note.family().index();
      instrument[i] = note.instrumentStr();
      level[i] = NoteLevel.sustainDb(f, stft);
    }
    String range = " (MIDI " + SampleGrid.LOWEST + "–" + SampleGrid.HIGHEST + ")";
    return new RealNotes(new FamilyJudge.Labelled(x, y, instrument, description + range), level);
  }

  private static Map<String, List<Double>> levelsByFamily(RealNotes real, List<String> names) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    int[] family = real.labelled().family();
    for (int i = 0; i < family.length; i++) {
      out.computeIfAbsent(names.get(family[i]), f -> new ArrayList<>()).add(real.levelDb()[i]);
    }
    return out;
  }
}
