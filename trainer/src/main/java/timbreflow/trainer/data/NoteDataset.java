package timbreflow.trainer.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * A DJL dataset over a {@link FeatureCache}: each record is one note's features with its labels.
 *
 * <p>Data: {@code features} float32 {@code [513, T]}. Labels: {@code pitch}, {@code family}, {@code
 * source}, int64 scalars. With {@code cropFrames == 0} a record is the whole note ({@code T = 251},
 * for evaluation); otherwise a crop of {@code T = cropFrames} frames whose start is a pure function
 * of (seed, epoch, index), so the same seed and epoch always give the same crops whatever the
 * sampler order or thread (call {@link #setEpoch} before each epoch).
 */
public final class NoteDataset extends RandomAccessDataset {

  private final FeatureCache cache;
  private final int cropFrames;
  private final long seed;
  private volatile long epoch;

  private NoteDataset(Builder builder) {
    super(builder);
    this.cache = builder.cache;
    this.cropFrames = builder.cropFrames;
    this.seed = builder.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Selects the epoch whose crops {@link #get} returns. */
  public void setEpoch(long epoch) {
    this.epoch = epoch;
  }

  /** The first frame of record {@code index}'s crop in the current epoch (0 for whole notes). */
  public int cropStart(long index) {
    if (cropFrames == 0) {
      return 0;
    }
    long hash = SplitAssigner.mix(seed, (int) epoch, (int) (epoch >>> 32), (int) index);
    return (int) Math.floorMod(hash, (long) cache.frames() - cropFrames + 1);
  }

  @Override
  public Record get(NDManager manager, long index) {
    int i = Math.toIntExact(index);
    int frames = cropFrames == 0 ? cache.frames() : cropFrames;
    float[] x = new float[cache.bins() * frames];
    cache.crop(i, cropStart(index), frames, x, 0);
    NoteExample note = cache.note(i);
    NDList data = new NDList(manager.create(x, new Shape(cache.bins(), frames)));
    NDList labels =
        new NDList(
            manager.create((long) note.pitch()),
            manager.create((long) note.family().index()),
            manager.create((long) note.source().index()));
    return new Record(data, labels);
  }

  @Override
  protected long availableSize() {
    return cache.size();
  }

  @Override
  public void prepare(Progress progress) {
    // the feature cache is built when it is opened; nothing left to prepare
  }

  /** Builds a {@link NoteDataset}: {@code setCache} and {@code setSampling} are required. */
  public static final class Builder extends BaseBuilder<Builder> {
    private FeatureCache cache;
    private int cropFrames;
    private long seed;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder setCache(FeatureCache cache) {
      this.cache = cache;
      return this;
    }

    /** Frames per crop; 0 (the default) yields whole notes. */
    public Builder optCropFrames(int cropFrames) {
      this.cropFrames = cropFrames;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public NoteDataset build() {
      if (cache == null) {
        throw new TrainerException(
            Reason.INVALID_CONFIG, "dataset cache: expected one, found none");
      }
      if (cropFrames < 0 || cropFrames > cache.frames()) {
        throw new TrainerException(
            Reason.INVALID_CONFIG,
            "dataset cropFrames: expected 0 (whole notes) to "
                + cache.frames()
                + ", found "
                + cropFrames);
      }
      return new NoteDataset(this);
    }
  }
}
