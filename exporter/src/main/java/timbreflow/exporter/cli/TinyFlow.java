package timbreflow.exporter.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.Random;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * A tiny flow with the real contract (513 channels, 128 pitches, 11 families) and every parameter
 * drawn from a seeded {@link Random}, including the layers that start at zero in training, so the
 * graphs it exports exercise every op with non-trivial values.
 *
 * <p>Draws: ActNorm {@code bias ~ −0.5 + N(0, 0.1)}, {@code log_scale ~ 0.5 + N(0, 0.1)};
 * convolution weights and biases {@code U(±1/√fanIn)}, the end convolution's scaled by 0.1;
 * condition projections {@code [2H, E]} {@code U(±1/√E)}; embeddings {@code N(0, 1)}; prior weight
 * {@code N(0, 0.05)}, bias, frame offsets and envelope {@code N(0, 0.1)}.
 */
public final class TinyFlow {

  private TinyFlow() {}

  /** The configuration: 2 steps, 8 hidden channels, 2 layers, kernel 3, ActNorm. */
  public static FlowConfig config() {
    return FlowConfig.builder()
        .optChannels(513)
        .optSteps(2)
        .optHiddenChannels(8)
        .optLayers(2)
        .optKernelSize(3)
        .optShuffleSeed(20_240_613L)
        .optScaleOffset(2.0)
        .optActNorm(true)
        .optPitches(128)
        .optFamilies(11)
        .optPitchEmbedding(8)
        .optFamilyEmbedding(4)
        .optPriorFrames(0)
        .optFrequencyBranch(0, 0, 0)
        .optFlowCondition(0, 0)
        .optEnvelopeRank(0)
        .build();
  }

  /**
   * {@link #config()} made a conditional flow (bundle format 2) with every condition-dependent
   * part: a 6-wide flow pitch and 3-wide flow family embedding, a prior with a learned offset for
   * 200 frames (fewer than a note's 251, so the last ones are clamped) and a rank-2 envelope.
   */
  public static FlowConfig conditionalConfig() {
    return config().toBuilder()
        .optFlowCondition(6, 3)
        .optPriorFrames(200)
        .optEnvelopeRank(2)
        .build();
  }

  /** A flow of {@link #config()} with seeded random parameters on {@code manager}. */
  public static ConditionalFlow create(NDManager manager, long seed) {
    return create(manager, config(), seed);
  }

  /** A flow of {@code config} with seeded random parameters on {@code manager}. */
  public static ConditionalFlow create(NDManager manager, FlowConfig config, long seed) {
    ConditionalFlow flow = new ConditionalFlow(config);
    flow.initialize(manager, 16);
    Random rnd = new Random(seed);
    for (Map.Entry<String, Parameter> e : flow.namedParameters().entrySet()) {
      String name = e.getKey();
      NDArray a = e.getValue().getArray();
      if (a.getDataType() == DataType.INT64) {
        continue; // permutations and the frequency branch's index vectors stay as built
      }
      float[] v = new float[Math.toIntExact(a.size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = draw(name, a, rnd);
      }
      a.set(v);
    }
    return flow;
  }

  private static float draw(String name, NDArray a, Random rnd) {
    if (name.equals("actnorm.initialized")) {
      return 1f;
    }
    if (name.equals("actnorm.bias")) {
      return (float) (-0.5 + 0.1 * rnd.nextGaussian());
    }
    if (name.equals("actnorm.log_scale")) {
      return (float) (0.5 + 0.1 * rnd.nextGaussian());
    }
    if (name.endsWith("embedding")) {
      return (float) rnd.nextGaussian();
    }
    if (name.equals("prior.weight")) {
      return (float) (0.05 * rnd.nextGaussian());
    }
    if (name.startsWith("prior.")) {
      return (float) (0.1 * rnd.nextGaussian());
    }
    long[] shape = a.getShape().getShape();
    long fanIn = shape.length == 3 ? shape[1] * shape[2] : shape.length == 2 ? shape[1] : 8;
    double bound = 1 / Math.sqrt(fanIn) * (name.contains("end_") ? 0.1 : 1);
    return (float) ((rnd.nextDouble() * 2 - 1) * bound);
  }
}
