package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.runtime.phase.GriffinLimResult;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.NoteExample;
import timbreflow.trainer.data.ProgressListener;

/**
 * Section 4: for test notes of two families at one pitch, decode(½z_a + ½z_b) against the linear
 * mix ½x_a + ½x_b and against each note; figures of the seed's kind and an interpolation sweep. The
 * latent points are {@link timbreflow.runtime.note.NoteModel#interpolate}'s (conditions mixed
 * alike), decoded under their mixed conditions.
 */
final class InterpolationSection {

  /** Shared pitches are taken from this range when a pair has any there (the musical middle). */
  private static final int LOW = 36;

  private static final int HIGH = 84;

  /** The figures show the pair nearest this pitch (middle C). */
  private static final int SHOW_PITCH = 60;

  private static final double[] MIDPOINT = {0.5};

  private InterpolationSection() {}

  /** Two notes of two families at one pitch, by index in the split. */
  private record NotePair(String familyA, String familyB, int a, int b) {}

  /**
   * The note pairs of every configured family pair, in configuration order.
   *
   * @param pairs the pairs found
   * @param skipped "a ↔ b" for each family pair with no shared pitch
   */
  private record Choice(List<NotePair> pairs, List<String> skipped) {}

  /** One pair's notes and what the flow made of them. */
  private record Pair(
      String familyA,
      String familyB,
      int pitch,
      int a,
      int b,
      Features xa,
      Features xb,
      Latent za,
      Latent zb,
      float[] midpoint) {}

  /**
   * One Griffin-Lim rendering for the audio examples.
   *
   * @param features what is rendered, {@code [bins][frames]}
   * @param stem the file name without extension
   * @param caption what it is
   */
  private record Render(Features features, String stem, String caption) {}

  static InterpolationResult run(
      LatentCodec codec,
      ReportNotes notes,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out,
      SectionProgress progress) {
    long start = System.nanoTime();
    Choice choice = choose(notes, config);
    List<Pair> pairs = new ArrayList<>();
    List<InterpolationPair> results = new ArrayList<>();
    try (SectionProgress.Tracker bar = progress.start("interpolation", "pairs")) {
      for (int i = 0; i < choice.pairs().size(); i++) {
        Pair p = interpolate(choice.pairs().get(i), notes, codec);
        pairs.add(p);
        results.add(result(p, notes));
        bar.progressed(i + 1, choice.pairs().size());
      }
    }
    List<ReportFile> figures = new ArrayList<>();
    List<ReportFile> audio = new ArrayList<>();
    if (!pairs.isEmpty()) {
      Pair show = showcase(pairs);
      figures.addAll(figures(show, codec, config, out));
      audio.addAll(audio(show, pairs, notes, config, renderer, out));
    }
    return new InterpolationResult(
        results,
        choice.skipped(),
        InterpolationConclusion.median(results),
        InterpolationConclusion.nearerMix(results),
        InterpolationConclusion.describe(results),
        figures,
        audio,
        (System.nanoTime() - start) / 1e9);
  }

  private static Choice choose(ReportNotes notes, ReportConfig config) {
    List<String> skipped = new ArrayList<>();
    List<NotePair> chosen = new ArrayList<>();
    for (List<String> pair : config.pairs()) {
      List<int[]> found = notePairs(notes, pair.get(0), pair.get(1), config.pitchesPerPair());
      if (found.isEmpty()) {
        skipped.add(pair.get(0) + " ↔ " + pair.get(1));
      }
      for (int[] f : found) {
        chosen.add(new NotePair(pair.get(0), pair.get(1), f[0], f[1]));
      }
    }
    return new Choice(chosen, skipped);
  }

  /**
   * Both notes encoded under their own conditions and the latent midpoint decoded under the mixed
   * condition ({@link timbreflow.runtime.note.NoteModel#interpolate}).
   */
  private static Pair interpolate(NotePair pair, ReportNotes notes, LatentCodec codec) {
    Features xa = notes.features(pair.a());
    Features xb = notes.features(pair.b());
    NoteExample na = notes.note(pair.a());
    NoteExample nb = notes.note(pair.b());
    List<Latent> z =
        codec.encode(List.of(xa, xb), List.of(codec.condition(na), codec.condition(nb))).stream()
            .map(EncodedNote::latent)
            .toList();
    Latent mid = codec.model().interpolate(z.get(0), z.get(1), MIDPOINT, 1.0).get(0);
    float[] decoded = codec.decode(List.of(mid)).get(0).values();
    return new Pair(
        pair.familyA(),
        pair.familyB(),
        na.pitch(),
        pair.a(),
        pair.b(),
        xa,
        xb,
        z.get(0),
        z.get(1),
        decoded);
  }

  /** How far the midpoint is from the linear mix and from each note. */
  private static InterpolationPair result(Pair p, ReportNotes notes) {
    InterpolationDistances d =
        InterpolationDistances.of(p.midpoint(), p.xa().values(), p.xb().values());
    return new InterpolationPair(
        p.familyA(),
        p.familyB(),
        p.pitch(),
        notes.note(p.a()).noteStr(),
        notes.note(p.b()).noteStr(),
        d,
        d.closerToMix());
  }

  /**
   * Up to {@code count} (a, b) note index pairs of the two families at shared pitches, spread over
   * the shared pitches (within MIDI 36–84 when any is there), each at the loudest velocity both
   * have, first instrument in name order.
   */
  static List<int[]> notePairs(ReportNotes notes, String familyA, String familyB, int count) {
    var fa = InstrumentFamily.ofLabel(familyA);
    var fb = InstrumentFamily.ofLabel(familyB);
    if (fa.isEmpty() || fb.isEmpty()) {
      return List.of();
    }
    Map<Integer, TreeMap<Integer, Integer>> a = byPitchAndVelocity(notes, fa.get());
    Map<Integer, TreeMap<Integer, Integer>> b = byPitchAndVelocity(notes, fb.get());
    TreeSet<Integer> shared = new TreeSet<>(a.keySet());
    shared.retainAll(b.keySet());
    List<Integer> middle = new ArrayList<>(shared.subSet(LOW, true, HIGH, true));
    List<Integer> pitches =
        NoteChoice.spread(middle.isEmpty() ? List.copyOf(shared) : middle, count);
    List<int[]> out = new ArrayList<>();
    for (int p : pitches) {
      TreeSet<Integer> velocities = new TreeSet<>(a.get(p).keySet());
      velocities.retainAll(b.get(p).keySet());
      int va = velocities.isEmpty() ? a.get(p).lastKey() : velocities.last();
      int vb = velocities.isEmpty() ? b.get(p).lastKey() : velocities.last();
      out.add(new int[] {a.get(p).get(va), b.get(p).get(vb)});
    }
    return out;
  }

  /** Pitch → velocity → first note index (split order: first instrument). */
  private static Map<Integer, TreeMap<Integer, Integer>> byPitchAndVelocity(
      ReportNotes notes, InstrumentFamily family) {
    Map<Integer, TreeMap<Integer, Integer>> out = new TreeMap<>();
    for (int i = 0; i < notes.size(); i++) {
      NoteExample n = notes.note(i);
      if (n.family() == family) {
        out.computeIfAbsent(n.pitch(), p -> new TreeMap<>()).putIfAbsent(n.velocity(), i);
      }
    }
    return out;
  }

  private static List<ReportFile> figures(
      Pair p, LatentCodec codec, ReportConfig config, ReportOutput out) {
    int bins = p.xa().bins();
    int frames = p.xa().frames();
    float[] mix = linearMix(p);
    String title = p.familyA() + " ↔ " + p.familyB() + ", MIDI " + p.pitch();
    List<ReportFile> files = new ArrayList<>();
    files.add(
        out.figure(
            "interpolation-spectra",
            "Time-averaged log-magnitude spectra of "
                + title
                + ": the two source notes, the decoded latent midpoint decode(½z_a + ½z_b) and"
                + " the linear mix ½x_a + ½x_b (the seed's figure)",
            ReportFigures.spectra(
                "Interpolation " + title,
                List.of(
                    new ReportFigures.Line(
                        "A: " + p.familyA(),
                        ReportFigures.timeAverage(p.xa().values(), bins, frames)),
                    new ReportFigures.Line(
                        "B: " + p.familyB(),
                        ReportFigures.timeAverage(p.xb().values(), bins, frames)),
                    new ReportFigures.Line(
                        "latent midpoint", ReportFigures.timeAverage(p.midpoint(), bins, frames)),
                    new ReportFigures.Line(
                        "linear mix", ReportFigures.timeAverage(mix, bins, frames))),
                AudioRenderer.stft().sampleRate())));
    double[] alphas = new double[config.sweepSteps()];
    for (int s = 0; s < alphas.length; s++) {
      alphas[s] = s / (double) (alphas.length - 1);
    }
    List<Features> decoded = codec.decode(codec.model().interpolate(p.za(), p.zb(), alphas, 1.0));
    List<ReportFigures.Spectrogram> panels = new ArrayList<>();
    for (int s = 0; s < decoded.size(); s++) {
      panels.add(
          new ReportFigures.Spectrogram(
              String.format(Locale.ROOT, "α = %.2f", alphas[s]), decoded.get(s)));
    }
    files.add(
        out.figure(
            "interpolation-sweep",
            "Latent interpolation sweep "
                + title
                + ": decode((1 − α)·z_a + α·z_b) for "
                + config.sweepSteps()
                + " values of α",
            ReportFigures.spectrograms("Sweep " + title, panels, config.sweepSteps(), 1)));
    return files;
  }

  /** The seed's baseline ½x_a + ½x_b of a pair. */
  private static float[] linearMix(Pair p) {
    return InterpolationDistances.linearMix(p.xa().values(), p.xb().values());
  }

  /** Of the first family pair's notes, the pair nearest middle C (harmonics far enough apart). */
  private static Pair showcase(List<Pair> pairs) {
    Pair first = pairs.get(0);
    return pairs.stream()
        .filter(p -> p.familyA().equals(first.familyA()) && p.familyB().equals(first.familyB()))
        .min(Comparator.comparingInt(p -> Math.abs(p.pitch() - SHOW_PITCH)))
        .orElse(first);
  }

  /**
   * The showcase pair's notes, linear mix and midpoint, and each family pair's midpoint nearest
   * middle C; all peak-normalised.
   */
  private static List<ReportFile> audio(
      Pair first,
      List<Pair> pairs,
      ReportNotes notes,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out) {
    List<Render> renders = renders(first, pairs);
    List<GriffinLimResult> rendered =
        renderer.render(
            renders.stream().map(Render::features).toList(),
            config.iterations(),
            config.momentum(),
            config.seed(),
            false,
            ProgressListener.NONE);
    List<ReportFile> files = new ArrayList<>();
    files.add(original(stem(first) + "-a", "A: ", first.a(), notes, out));
    files.add(original(stem(first) + "-b", "B: ", first.b(), notes, out));
    for (int i = 0; i < rendered.size(); i++) {
      Render r = renders.get(i);
      files.add(
          out.audio(
              r.stem(),
              r.caption()
                  + " (Griffin-Lim "
                  + config.iterations()
                  + " iterations, peak-normalised)",
              AudioRenderer.normalised(rendered.get(i).samples(), 0.5)));
    }
    return files;
  }

  /** The showcase pair's linear mix, then each family pair's midpoint nearest middle C. */
  private static List<Render> renders(Pair first, List<Pair> pairs) {
    int bins = first.xa().bins();
    int frames = first.xa().frames();
    double ref = Math.sqrt(first.xa().reference() * first.xb().reference());
    String title = first.familyA() + " ↔ " + first.familyB() + ", MIDI " + first.pitch();
    List<Render> renders = new ArrayList<>();
    renders.add(
        new Render(
            new Features(linearMix(first), bins, frames, ref),
            stem(first) + "-linear-mix",
            "linear mix ½x_a + ½x_b of " + title));
    Map<String, Pair> nearest = new LinkedHashMap<>();
    for (Pair p : pairs) {
      nearest.merge(
          p.familyA() + "/" + p.familyB(),
          p,
          (x, y) -> Math.abs(y.pitch() - SHOW_PITCH) < Math.abs(x.pitch() - SHOW_PITCH) ? y : x);
    }
    for (Pair p : nearest.values()) {
      renders.add(
          new Render(
              new Features(
                  p.midpoint(), bins, frames, Math.sqrt(p.xa().reference() * p.xb().reference())),
              stem(p) + "-midpoint",
              "latent midpoint decode(½z_a + ½z_b) of "
                  + p.familyA()
                  + " ↔ "
                  + p.familyB()
                  + ", MIDI "
                  + p.pitch()));
    }
    return renders;
  }

  /** One of the pair's source notes as recorded, peak-normalised. */
  private static ReportFile original(
      String stem, String label, int index, ReportNotes notes, ReportOutput out) {
    return out.audio(
        stem,
        label + notes.note(index).noteStr() + " (original, peak-normalised)",
        AudioRenderer.normalised(notes.audio(index).samples(), 0.5));
  }

  private static String stem(Pair p) {
    return String.format(
        Locale.ROOT, "interpolation-%s-%s-%03d", p.familyA(), p.familyB(), p.pitch());
  }
}
