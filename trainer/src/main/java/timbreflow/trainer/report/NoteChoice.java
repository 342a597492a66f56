package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Deterministic choices of notes from a split. */
final class NoteChoice {

  private NoteChoice() {}

  /** Note indices by family index, in split order. */
  static Map<Integer, List<Integer>> byFamily(ReportNotes notes) {
    Map<Integer, List<Integer>> out = new TreeMap<>();
    for (int i = 0; i < notes.size(); i++) {
      out.computeIfAbsent(notes.note(i).family().index(), f -> new ArrayList<>()).add(i);
    }
    return out;
  }

  /**
   * {@code n} indices spread evenly over {@code from} (all of them when it has fewer): the split's
   * order is instrument, pitch, velocity, so this spans instruments and pitches.
   */
  static List<Integer> spread(List<Integer> from, int n) {
    if (from.size() <= n) {
      return List.copyOf(from);
    }
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(from.get((int) (((long) (2 * i + 1) * from.size()) / (2L * n))));
    }
    return out;
  }
}
