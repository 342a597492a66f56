package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * A coupling's frequency-local branch: two convolutions along the frequency axis over the
 * conditioner's bins laid out in frequency order, giving a term added to the coupling's {@code
 * (h_s, t)}. The math is on {@link AffineCoupling}; the parameters belong to the coupling.
 */
final class FrequencyBranch {

  private final Parameter gatherIndex;
  private final Parameter outIndex;
  private final Parameter inWeight;
  private final Parameter inBias;
  private final Parameter outWeight;
  private final Parameter outBias;
  private final Shape padding;
  private final int transformed;

  FrequencyBranch(
      Parameter gatherIndex,
      Parameter outIndex,
      Parameter inWeight,
      Parameter inBias,
      Parameter outWeight,
      Parameter outBias,
      int kernel,
      int transformed) {
    this.gatherIndex = gatherIndex;
    this.outIndex = outIndex;
    this.inWeight = inWeight;
    this.inBias = inBias;
    this.outWeight = outWeight;
    this.outBias = outBias;
    this.padding = new Shape((kernel - 1) / 2, 0);
    this.transformed = transformed;
  }

  /**
   * The two index vectors of a coupling whose input channel c holds frequency bin {@code
   * frequencyOfChannel[c]}, for a branch over bins {@code 0 … bins−1}: {@code [0]} for each of
   * those bins the conditioner channel holding it, or {@code conditioner} (the appended zero
   * channel) where the bin is transformed; {@code [1]} for each transformed channel {@code
   * conditioner + j} its bin, or {@code bins} (the appended zero bin) when its bin is not below
   * {@code bins}.
   *
   * @throws IllegalArgumentException unless {@code frequencyOfChannel} is a permutation
   */
  static long[][] indices(long[] frequencyOfChannel, int conditioner, int bins) {
    int channels = frequencyOfChannel.length;
    long[] holder = new long[channels];
    Arrays.fill(holder, -1);
    for (int c = 0; c < channels; c++) {
      long f = frequencyOfChannel[c];
      if (f < 0 || f >= channels || holder[(int) f] != -1) {
        throw new IllegalArgumentException(
            "expected a permutation of 0…" + (channels - 1) + ", found " + f + " at channel " + c);
      }
      holder[(int) f] = c < conditioner ? c : conditioner;
    }
    long[] gather = Arrays.copyOf(holder, bins);
    long[] out = new long[channels - conditioner];
    for (int j = 0; j < out.length; j++) {
      long f = frequencyOfChannel[conditioner + j];
      out[j] = f < bins ? f : bins;
    }
    return new long[][] {gather, out};
  }

  /** {@code frequency(a)}: {@code [B, Ca, T]} → {@code [B, 2Cb, T]}. */
  NDArray apply(ParameterStore store, NDArray a, boolean training) {
    Shape s = a.getShape();
    long batch = s.get(0);
    long frames = s.get(2);
    NDManager scope = a.getManager();
    NDArray padded = a.concat(scope.zeros(new Shape(batch, 1, frames)), 1);
    NDArray m = padded.get(new NDIndex(":, {}", value(store, gatherIndex, a, false)));
    long bins = m.getShape().get(1);
    NDArray g =
        Conv2d.conv2d(
                m.reshape(batch, 1, bins, frames),
                value(store, inWeight, a, training),
                value(store, inBias, a, training),
                new Shape(1, 1),
                padding)
            .singletonOrThrow()
            .tanh();
    NDArray q =
        Conv2d.conv2d(
                g,
                value(store, outWeight, a, training),
                value(store, outBias, a, training),
                new Shape(1, 1),
                padding)
            .singletonOrThrow();
    NDArray withZero = q.concat(scope.zeros(new Shape(batch, 2, 1, frames)), 2);
    NDArray picked = withZero.get(new NDIndex(":, :, {}", value(store, outIndex, a, false)));
    return picked.reshape(batch, 2L * transformed, frames);
  }

  private static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
    return store.getValue(p, like.getDevice(), training);
  }
}
