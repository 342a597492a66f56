package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the samples' strict pitch verdicts by octave of requested pitch ({@link OctaveAccuracy})
 * and runs the same judge on real notes of the split in the same octaves (and the grid's range), so
 * a shortfall of the samples in an octave can be told apart from a shortfall of the judge there.
 */
final class PitchByOctave {

  /** Real notes judged per octave: enough for a share, cheap (a few ms each). */
  static final int REAL_NOTES_PER_OCTAVE = 40;

  private PitchByOctave() {}

  /** The first MIDI pitch (a C) of the octave holding {@code pitch}. */
  static int lowestPitch(int pitch) {
    return Math.floorDiv(pitch, 12) * 12;
  }

  /** The octave starting at {@code lowestPitch} in note names, MIDI 60 = C4: {@code C4–B4}. */
  static String name(int lowestPitch) {
    int octave = Math.floorDiv(lowestPitch, 12) - 1;
    return "C" + octave + "–B" + octave;
  }

  /**
   * How many real notes the judge checked in one octave, how many it found at their pitch and how
   * many are voiced (periodic by YIN's voicing rule).
   */
  record RealCount(int notes, int right, int periodic) {}

  /**
   * Every octave that holds a sample, lowest first.
   *
   * @param scores every sample's score
   * @param temperatures the temperatures sampled, in the order of each octave's entries
   * @param real the judge on real notes by the octave's lowest pitch; an octave missing from it has
   *     none
   */
  static List<OctaveAccuracy> group(
      List<SampleScore> scores, List<Double> temperatures, Map<Integer, RealCount> real) {
    TreeSet<Integer> octaves = new TreeSet<>();
    scores.forEach(s -> octaves.add(lowestPitch(s.pitch())));
    List<OctaveAccuracy> out = new ArrayList<>();
    for (int low : octaves) {
      List<OctaveAccuracy.Temperature> entries = new ArrayList<>();
      for (double t : temperatures) {
        int n = 0;
        int right = 0;
        int aperiodic = 0;
        for (SampleScore s : scores) {
          if (s.temperature() == t && lowestPitch(s.pitch()) == low) {
            n++;
            right += s.pitchRight() ? 1 : 0;
            aperiodic += s.periodic() ? 0 : 1;
          }
        }
        entries.add(
            new OctaveAccuracy.Temperature(
                t, n, right, aperiodic, n == 0 ? Double.NaN : right / (double) n));
      }
      RealCount r = real.getOrDefault(low, new RealCount(0, 0, 0));
      out.add(
          new OctaveAccuracy(
              low,
              low + 11,
              name(low),
              entries,
              r.notes(),
              r.right(),
              r.periodic(),
              r.notes() == 0 ? Double.NaN : r.right() / (double) r.notes()));
    }
    return out;
  }

  /**
   * {@code check} on up to {@value #REAL_NOTES_PER_OCTAVE} real notes of {@code notes} in each
   * octave of {@code octaves} (by lowest pitch) and in the grid's range (MIDI {@value
   * SampleGrid#LOWEST}–{@value SampleGrid#HIGHEST}), spread evenly over the octave's notes in split
   * order, which is instrument, pitch, velocity: so they span the octave's instruments. The audio
   * is read from the split's WAVs.
   */
  static Map<Integer, RealCount> real(
      ReportNotes notes, Iterable<Integer> octaves, PitchCheck check, SectionProgress progress) {
    Map<Integer, List<Integer>> byOctave = new TreeMap<>();
    for (int i = 0; i < notes.size(); i++) {
      int pitch = notes.note(i).pitch();
      if (SampleGrid.inRange(pitch)) {
        byOctave.computeIfAbsent(lowestPitch(pitch), o -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, List<Integer>> chosen = new TreeMap<>();
    int total = 0;
    for (int low : octaves) {
      List<Integer> picked =
          NoteChoice.spread(byOctave.getOrDefault(low, List.of()), REAL_NOTES_PER_OCTAVE);
      chosen.put(low, picked);
      total += picked.size();
    }
    Map<Integer, RealCount> out = new TreeMap<>();
    int rate = AudioRenderer.stft().sampleRate();
    int done = 0;
    try (SectionProgress.Tracker bar = progress.start("pitch of real notes", "notes")) {
      for (Map.Entry<Integer, List<Integer>> e : chosen.entrySet()) {
        int right = 0;
        int periodic = 0;
        for (int i : e.getValue()) {
          PitchScore score = check.score(notes.audio(i).samples(), rate, notes.note(i).pitch());
          right += score.right() ? 1 : 0;
          periodic += score.voiced() ? 1 : 0;
          bar.progressed(++done, total);
        }
        out.put(e.getKey(), new RealCount(e.getValue().size(), right, periodic));
      }
    }
    return out;
  }

  /** {@code "48.4 % (15/31)"}, or a dash when there is nothing to count. */
  static String cell(int right, int n) {
    return n == 0
        ? "–"
        : String.format(
            Locale.ROOT, "%s (%d/%d)", ReportMarkdown.pct(right / (double) n), right, n);
  }
}
