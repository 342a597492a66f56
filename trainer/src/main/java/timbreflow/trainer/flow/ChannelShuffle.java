package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * A fixed, seeded permutation of the channels: {@code z[:, c, :] = x[:, perm[c], :]}, log-det 0.
 *
 * <p>The permutation is the parameter {@code permutation} (int64 {@code [C]}, not trained), so it
 * is saved and loaded with the model; a loaded model never recomputes it from the seed. It is made
 * by a Fisher–Yates shuffle driven by {@code java.util.Random(seed)}: start from the identity and
 * for i = C−1 down to 1 swap entries i and {@code nextInt(i + 1)}. The inverse is the inverse
 * permutation: {@code x[:, perm[c], :] = z[:, c, :]}, i.e. {@code x = z[:, argsort(perm), :]}.
 */
public final class ChannelShuffle extends AbstractBlock implements InvertibleBlock {

  private static final byte VERSION = 1;

  private final int channels;
  private final long[] seeded;
  private final Parameter permutation;

  /**
   * A shuffle of {@code channels} channels drawn from {@code seed}.
   *
   * @param channels C
   * @param seed seed of the permutation
   */
  public ChannelShuffle(int channels, long seed) {
    super(VERSION);
    this.channels = channels;
    seeded = permutation(channels, seed);
    permutation = addParameter(Inits.fixedIndex("permutation", seeded));
  }

  /**
   * The permutation drawn from this shuffle's seed, known before initialisation (a loaded model's
   * stored permutation is {@link #permutation(ParameterStore, NDArray)}).
   */
  long[] seededPermutation() {
    return seeded.clone();
  }

  /** The permutation drawn from {@code seed}, as documented on the class. */
  public static long[] permutation(int channels, long seed) {
    long[] perm = new long[channels];
    for (int i = 0; i < channels; i++) {
      perm[i] = i;
    }
    Random random = new Random(seed);
    for (int i = channels - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long swap = perm[i];
      perm[i] = perm[j];
      perm[j] = swap;
    }
    return perm;
  }

  /** The stored permutation, int64 {@code [C]}. */
  public NDArray permutation(ParameterStore store, NDArray like) {
    return store.getValue(permutation, like.getDevice(), false);
  }

  @Override
  public FlowOutput forward(ParameterStore store, NDArray x, boolean training) {
    NDArray z = x.get(new NDIndex(":, {}", permutation(store, x)));
    return new FlowOutput(z, x.getManager().zeros(new Shape(x.getShape().get(0))));
  }

  @Override
  public NDArray inverse(ParameterStore store, NDArray z) {
    return z.get(new NDIndex(":, {}", Scope.local(permutation(store, z).argSort(), z)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    FlowOutput out = forward(store, inputs.singletonOrThrow(), training);
    return new NDList(out.z(), out.logDet());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0], new Shape(inputShapes[0].get(0))};
  }

  /** C. */
  public int channels() {
    return channels;
  }
}
