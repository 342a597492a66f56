package timbreflow.trainer.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What a render produced.
 *
 * @param output the dataset folder
 * @param alreadyComplete true when the folder already held this exact dataset and nothing ran
 * @param notesBySplit notes written per split
 * @param dropped notes not written, by reason (e.g. {@code silent}, {@code outside key range})
 * @param renderedNotes notes synthesised in this run (excludes notes resumed from a partial run)
 * @param seconds wall time of this run
 */
public record RenderReport(
    Path output,
    boolean alreadyComplete,
    Map<Split, Integer> notesBySplit,
    Map<String, Integer> dropped,
    int renderedNotes,
    double seconds) {

  /** Notes synthesised per second in this run. */
  public double notesPerSecond() {
    return seconds > 0 ? renderedNotes / seconds : 0;
  }

  /** One line for the console. */
  public String summary() {
    StringBuilder splits = new StringBuilder();
    for (Split s : Split.values()) {
      splits.append(splits.length() == 0 ? "" : ", ").append(s.folder()).append(' ');
      splits.append(notesBySplit.getOrDefault(s, 0));
    }
    if (alreadyComplete) {
      return output + " is already complete (" + splits + " notes), nothing to do";
    }
    return String.format(
        Locale.ROOT,
        "wrote %s notes to %s, dropped %s; rendered %d notes in %.1f s (%.1f notes/s)",
        splits,
        output,
        dropped,
        renderedNotes,
        seconds,
        notesPerSecond());
  }
}
