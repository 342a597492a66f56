package timbreflow.trainer.data;

import java.nio.file.Path;
import java.util.List;

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
}
