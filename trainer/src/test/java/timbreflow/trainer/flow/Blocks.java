package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/** Test helpers: random parameters, save and load round trips, comparisons. */
final class Blocks {

  private Blocks() {}

  /** A small config for fast tests. */
  static FlowConfig tiny(int channels, int steps, boolean actNorm, int priorFrames) {
    return FlowConfig.seedDesign().toBuilder()
        .optChannels(channels)
        .optSteps(steps)
        .optHiddenChannels(8)
        .optLayers(3)
        .optKernelSize(3)
        .optShuffleSeed(7L)
        .optActNorm(actNorm)
        .optPitchEmbedding(4)
        .optFamilyEmbedding(3)
        .optPriorFrames(priorFrames)
        .build();
  }

  /**
   * Overwrites every trainable float parameter (zero-initialised ones included) with N(0, scale²)
   * values so that no block is the identity.
   */
  static void randomize(Block block, long seed, double scale) {
    Random random = new Random(seed);
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      if (!p.requiresGradient() || p.getArray().getDataType() != DataType.FLOAT32) {
        continue;
      }
      float[] v = new float[(int) p.getArray().size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextGaussian() * scale);
      }
      p.getArray().set(v);
    }
  }

  static NDArray randomInput(NDManager manager, long seed, long... shape) {
    Random random = new Random(seed);
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat();
    }
    return manager.create(v, new ai.djl.ndarray.types.Shape(shape));
  }

  static byte[] save(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }

  static void load(Block block, NDManager manager, byte[] bytes) throws Exception {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      block.loadParameters(manager, in);
    }
  }

  static double maxAbsDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }
}
