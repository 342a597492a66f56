package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.runtime.note.NoteModel;
import timbreflow.trainer.data.NoteExample;

/**
 * {@link NoteModel}'s batched encode and decode over any number of whole notes, {@code batch} of
 * them per ONNX Runtime call; each note keeps its own condition.
 */
final class LatentCodec {

  private final NoteModel model;
  private final int batch;

  LatentCodec(NoteModel model, int batch) {
    this.model = model;
    this.batch = batch;
  }

  NoteModel model() {
    return model;
  }

  /** A real note's condition: its labelled pitch and family. */
  Condition condition(NoteExample note) {
    return model.condition(note.pitch(), note.family().index());
  }

  /** Every note encoded under its condition; all notes have one shape. */
  List<EncodedNote> encode(List<Features> notes, List<Condition> conditions) {
    List<EncodedNote> out = new ArrayList<>(notes.size());
    for (int from = 0; from < notes.size(); from += batch) {
      int to = Math.min(notes.size(), from + batch);
      out.addAll(model.encode(notes.subList(from, to), conditions.subList(from, to)));
    }
    return out;
  }

  /**
   * Every latent decoded under its own condition, latent {@code i} with loudness {@code ref[i]}.
   */
  List<Features> decode(List<Latent> latents, double[] references) {
    List<Features> out = new ArrayList<>(latents.size());
    for (int from = 0; from < latents.size(); from += batch) {
      int to = Math.min(latents.size(), from + batch);
      List<Features> decoded = model.decode(latents.subList(from, to), 1.0);
      for (int i = 0; i < decoded.size(); i++) {
        Features f = decoded.get(i);
        out.add(new Features(f.values(), f.bins(), f.frames(), references[from + i]));
      }
    }
    return out;
  }

  /** Every latent decoded with a loudness reference of 1 (unknown loudness). */
  List<Features> decode(List<Latent> latents) {
    double[] ones = new double[latents.size()];
    Arrays.fill(ones, 1.0);
    return decode(latents, ones);
  }
}
