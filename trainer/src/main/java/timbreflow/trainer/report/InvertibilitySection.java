package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import timbreflow.trainer.data.NoteExample;
import timbreflow.trainer.data.ProgressListener;

/** Section 1: max and mean |decode(encode(x)) − x| over every note of the split, batched. */
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
      List<float[]> x = new ArrayList<>(n);
      int[] pitch = new int[n];
      int[] family = new int[n];
      int frames = 0;
      for (int i = 0; i < n; i++) {
        var f = notes.features(from + i);
        NoteExample note = notes.note(from + i);
        x.add(f.values());
        pitch[i] = note.pitch();
        family[i] = note.family().index();
        frames = f.frames();
      }
      List<float[]> back = codec.decode(codec.encode(x, frames, pitch, family), frames);
      for (int i = 0; i < n; i++) {
        float[] a = x.get(i);
        float[] b = back.get(i);
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
