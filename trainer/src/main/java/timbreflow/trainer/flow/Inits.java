package timbreflow.trainer.flow;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** The parameter initialisers of the flow's blocks; all draw from the engine's seeded RNG. */
final class Inits {

  private Inits() {}

  /**
   * PyTorch's default for convolutions and linear layers: U(−1/√fanIn, 1/√fanIn) with fanIn =
   * in-channels × kernel for a weight {@code [out, in, k]}.
   */
  static Initializer uniformFanIn(long fanIn) {
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    return (manager, shape, dataType) -> manager.randomUniform(-bound, bound, shape, dataType);
  }

  /** Standard normal, as PyTorch's {@code nn.Embedding}. */
  static Initializer normal() {
    return (manager, shape, dataType) -> manager.randomNormal(0f, 1f, shape, dataType);
  }

  /** All zeros. */
  static Initializer zeros() {
    return (manager, shape, dataType) -> manager.zeros(shape, dataType);
  }

  /**
   * An untrained int64 {@code [values.length]} parameter holding {@code values} (a permutation or
   * an index vector), saved and loaded with the model.
   */
  static Parameter fixedIndex(String name, long[] values) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(new Shape(values.length))
        .optRequiresGrad(false)
        .optInitializer(constant(values))
        .build();
  }

  /** A fixed int64 array (a permutation), whatever data type the block is initialised with. */
  static Initializer constant(long[] values) {
    return (manager, shape, dataType) -> {
      if (shape.size() != values.length) {
        throw new IllegalStateException(
            "expected " + values.length + " values for shape " + shape + ", found " + shape.size());
      }
      return manager.create(values, new Shape(values.length)).toType(DataType.INT64, false);
    };
  }
}
