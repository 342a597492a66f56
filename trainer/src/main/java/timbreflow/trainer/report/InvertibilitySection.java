package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.trainer.data.ProgressListener;

/**
 * Section 1: max and mean |decode(encode(x)) − x| over every note of the split, batched, each note
 * under its own condition.
 */
final class InvertibilitySection {

  private InvertibilitySection() {}

  static InvertibilityResult run(
      LatentCodec codec, ReportNotes notes, int batch, ProgressListener progress) {
    long start = System.nanoTime();
    double max = 0;
    double sum = 0;
    long values = 0;
    String worst = "";
    for (int from = 0; from < notes.size(); from += batch) {
      int n = Math.min(batch, notes.size() - from);
      List<Features> x = new ArrayList<>(n);
      List<Condition> conditions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        x.add(notes.features(from + i));
        conditions.add(codec.condition(notes.note(from + i)));
      }
      List<Latent> z = codec.encode(x, conditions).stream().map(EncodedNote::latent).toList();
      List<Features> back = codec.decode(z);
      for (int i = 0; i < n; i++) {
        float[] a = x.get(i).values();
        float[] b = back.get(i).values();
        double noteMax = 0;
        for (int j = 0; j < a.length; j++) {
          double e = Math.abs((double) b[j] - a[j]);
          if (Double.isNaN(e)) {
            e = Double.POSITIVE_INFINITY;
          }
          sum += e;
          noteMax = Math.max(noteMax, e);
        }
        values += a.length;
        if (worst.isEmpty() || noteMax > max) {
          max = noteMax;
          worst = notes.note(from + i).noteStr();
        }
      }
      progress.progressed(from + n, notes.size());
    }
    return new InvertibilityResult(
        notes.size(),
        max,
        sum / values,
        worst,
        InvertibilityResult.TARGET,
        max <= InvertibilityResult.TARGET,
        (System.nanoTime() - start) / 1e9);
  }
}
