package timbreflow.runtime.onnx;

import java.util.Arrays;

/**
 * The name, element type and shape of one graph input or output.
 *
 * @param name tensor name in the graph
 * @param dtype {@code float32} or {@code int64}
 * @param shape dimensions, outermost first, {@code -1} for a dynamic one (batch, frames); empty for
 *     a scalar
 */
public record TensorSpec(String name, String dtype, long[] shape) {

  /** Element type name of 32-bit floats. */
  public static final String FLOAT32 = "float32";

  /** Element type name of 64-bit integers. */
  public static final String INT64 = "int64";

  public TensorSpec {
    if (!FLOAT32.equals(dtype) && !INT64.equals(dtype)) {
      throw new IllegalArgumentException(
          "expected dtype float32 or int64 for " + name + ", found " + dtype);
    }
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
        && dtype.equals(t.dtype)
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + dtype.hashCode() * 7 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ":" + dtype + Arrays.toString(shape);
  }
}
