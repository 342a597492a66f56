package timbreflow.trainer.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The notes of one split that passed validation and filters, in {@code note_str} order.
 *
 * @param splitDir the split folder (holds {@code examples.json} and {@code audio/})
 * @param notes kept notes, sorted by {@code note_str}
 * @param report counts of kept and skipped notes
 * @param fingerprint SHA-256 over the split's {@code examples.json} and the reader's settings
 */
public record NoteSet(
    Path splitDir, List<NoteExample> notes, ReadReport report, String fingerprint) {

  public NoteSet {
    notes = List.copyOf(notes);
  }

  /** The WAV file of a note: {@code <split>/audio/<note_str>.wav}. */
  public Path wav(NoteExample note) {
    return splitDir.resolve("audio").resolve(note.noteStr() + ".wav");
  }

  /** Number of notes. */
  public int size() {
    return notes.size();
  }

  /**
   * Up to {@code count} notes spread over the families, deterministically: families take turns in
   * index order (a family with too few notes drops out of the turns), each family's share is taken
   * at evenly spaced positions of its {@code note_str} order (so it covers the family's instruments
   * and pitches, not just its first instrument), and the result interleaves the families (bass,
   * brass, …, then bass again), so even a short prefix or a small batch mixes them.
   */
  public List<NoteExample> spreadOverFamilies(int count) {
    Map<InstrumentFamily, List<NoteExample>> byFamily = new EnumMap<>(InstrumentFamily.class);
    for (NoteExample note : notes) {
      byFamily.computeIfAbsent(note.family(), f -> new ArrayList<>()).add(note);
    }
    Map<InstrumentFamily, Integer> shares = new EnumMap<>(InstrumentFamily.class);
    int left = Math.min(count, notes.size());
    while (left > 0) {
      for (var family : byFamily.entrySet()) {
        int share = shares.getOrDefault(family.getKey(), 0);
        if (left > 0 && share < family.getValue().size()) {
          shares.put(family.getKey(), share + 1);
          left--;
        }
      }
    }
    List<NoteExample> spread = new ArrayList<>();
    for (int turn = 0; spread.size() < Math.min(count, notes.size()); turn++) {
      for (var family : byFamily.entrySet()) {
        int share = shares.getOrDefault(family.getKey(), 0);
        if (turn < share) {
          // the middle of the turn-th of `share` equal slices of the family's notes
          int size = family.getValue().size();
          spread.add(family.getValue().get((int) ((2L * turn + 1) * size / (2L * share))));
        }
      }
    }
    return spread;
  }
}
