package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * Scores whole notes: bits per dimension with deterministic dequantisation (bin centres) and the
 * round-trip error of the inverse. Runs outside any gradient collector, one note at a time; the
 * parameters are attached to each note's scratch manager for the duration, so every intermediate
 * (including those computed from parameters alone) is freed with it.
 */
public final class Evaluator {

  private Evaluator() {}

  /**
   * Scores of one note.
   *
   * @param bitsPerDim the note's bits per dimension
   * @param maxAbsError max |inverse(forward(x)) − x| over the note's values
   * @param sumAbsError Σ |inverse(forward(x)) − x| over the note's values
   * @param values how many values the note has
   */
  public record NoteScore(double bitsPerDim, double maxAbsError, double sumAbsError, long values) {}

  /** The mean bits/dim of {@code notes} (each note weighted by its size). */
  public static double meanBitsPerDim(
      ConditionalFlow flow,
      ParameterStore store,
      List<TrainingNote> notes,
      NDManager manager,
      Device device) {
    double weighted = 0;
    long values = 0;
    for (TrainingNote note : notes) {
      try (NDManager scratch = manager.newSubManager()) {
        scratch.tempAttachAll(Trainer.parameterArrays(flow));
        CropSampler.Batch batch = CropSampler.wholeNote(note, scratch, device);
        long n = note.features().values().length;
        weighted += bitsPerDim(flow, store, batch) * n;
        values += n;
      }
    }
    return weighted / values;
  }

  /**
   * Bits/dim and invertibility of one whole note.
   *
   * @param invertibility whether to also run the inverse
   */
  public static NoteScore score(
      ConditionalFlow flow,
      ParameterStore store,
      TrainingNote note,
      NDManager manager,
      Device device,
      boolean invertibility) {
    try (NDManager scratch = manager.newSubManager()) {
      scratch.tempAttachAll(Trainer.parameterArrays(flow));
      CropSampler.Batch batch = CropSampler.wholeNote(note, scratch, device);
      double bpd = bitsPerDim(flow, store, batch);
      double max = Double.NaN;
      double sum = Double.NaN;
      if (invertibility) {
        NDArray z = flow.forward(store, batch.x(), batch.pitch(), batch.family(), false).z();
        NDArray error = flow.inverse(store, z, batch.pitch(), batch.family()).sub(batch.x()).abs();
        max = error.max().getFloat();
        sum = error.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).sum().getDouble();
      }
      return new NoteScore(bpd, max, sum, note.features().values().length);
    }
  }

  private static double bitsPerDim(
      ConditionalFlow flow, ParameterStore store, CropSampler.Batch batch) {
    NDArray bpd = BitsPerDim.of(flow, store, batch.x(), batch.pitch(), batch.family(), 0, false);
    return bpd.getFloat(0);
  }
}
