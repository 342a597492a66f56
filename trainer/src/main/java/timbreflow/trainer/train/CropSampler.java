package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import timbreflow.trainer.TrainerException;

/**
 * Draws each step's batch of random crops and its dequantisation noise as a pure function of (seed,
 * step), so the seed and the step count are the whole random state of training and a resumed run
 * sees exactly the batches an uninterrupted one would have seen.
 */
public final class CropSampler {

  /** Width of one 8-bit quantisation bin of the [0, 1] features. */
  public static final float BIN = 1f / 256f;

  private final List<TrainingNote> notes;
  private final int batchSize;
  private final int cropFrames;
  private final long seed;
  private final int bins;
  private final boolean sharedStart;
  private final int firstFrames;

  /**
   * @param notes the training notes, each at least {@code cropFrames} long, all with the same bins
   *     (checked as they are drawn)
   * @param batchSize crops per batch
   * @param cropFrames frames per crop
   * @param seed the run's seed
   * @param sharedStart whether all crops of a batch start at the same frame (needed when the prior
   *     depends on the absolute frame: the flow takes one first frame per batch)
   */
  public CropSampler(
      List<TrainingNote> notes, int batchSize, int cropFrames, long seed, boolean sharedStart) {
    if (notes.isEmpty()) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_DATASET, "expected training notes, found none");
    }
    // not copied: the list may decode each note lazily from a memory-mapped feature cache
    this.notes = notes;
    this.batchSize = batchSize;
    this.cropFrames = cropFrames;
    this.seed = seed;
    this.sharedStart = sharedStart;
    TrainingNote first = notes.get(0);
    this.bins = first.features().bins();
    this.firstFrames = first.features().frames();
    check(first);
  }

  private void check(TrainingNote note) {
    if (note.features().bins() != bins) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_DATASET,
          "expected every note to have " + bins + " bins, found " + note.features().bins());
    }
    if (note.features().frames() < cropFrames) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "cropFrames: expected at most a note's "
              + note.features().frames()
              + " frames, found "
              + cropFrames);
    }
  }

  /**
   * The batch of {@code step}: dequantised crops {@code x + u}, u ~ U(0, 1/256), as {@code [B,
   * bins, cropFrames]} float32, with pitch and family {@code [B]} int64.
   */
  public Batch sample(long step, NDManager manager, Device device) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    float[] x = new float[batchSize * bins * cropFrames];
    long[] pitch = new long[batchSize];
    long[] family = new long[batchSize];
    int shared = sharedStart ? random.nextInt(firstFrames - cropFrames + 1) : 0;
    for (int b = 0; b < batchSize; b++) {
      TrainingNote note = notes.get(random.nextInt(notes.size()));
      check(note);
      int frames = note.features().frames();
      int start =
          sharedStart
              ? Math.min(shared, frames - cropFrames)
              : random.nextInt(frames - cropFrames + 1);
      float[] values = note.features().values();
      int base = b * bins * cropFrames;
      for (int k = 0; k < bins; k++) {
        int from = k * frames + start;
        int to = base + k * cropFrames;
        for (int t = 0; t < cropFrames; t++) {
          x[to + t] = values[from + t] + BIN * (float) random.nextDouble();
        }
      }
      pitch[b] = note.pitch();
      family[b] = note.family();
    }
    return new Batch(
        manager.create(x, new Shape(batchSize, bins, cropFrames)).toDevice(device, false),
        manager.create(pitch).toDevice(device, false),
        manager.create(family).toDevice(device, false),
        shared);
  }

  /**
   * A whole note for evaluation, deterministically dequantised to the middle of its bin: {@code [1,
   * bins, frames]} plus {@code [1]} pitch and family.
   */
  public static Batch wholeNote(TrainingNote note, NDManager manager, Device device) {
    return new Batch(
        manager
            .create(
                note.features().values(),
                new Shape(1, note.features().bins(), note.features().frames()))
            .toDevice(device, false),
        manager.create(new long[] {note.pitch()}).toDevice(device, false),
        manager.create(new long[] {note.family()}).toDevice(device, false),
        0);
  }

  /**
   * One batch.
   *
   * @param x features {@code [B, bins, T]} float32, already dequantised
   * @param pitch {@code [B]} int64
   * @param family {@code [B]} int64
   * @param firstFrame the crops' common first frame within their notes (0 when they differ and the
   *     prior does not depend on it)
   */
  public record Batch(NDArray x, NDArray pitch, NDArray family, long firstFrame) {}
}
