package timbreflow.server.engine;

import java.util.Arrays;

/**
 * A named tensor as the Open Inference Protocol carries it: FP32 or INT64 data, row-major.
 *
 * @param name input or output name
 * @param datatype {@code FP32} or {@code INT64}
 * @param shape dimensions; {@code []} for a scalar
 * @param floats the data when FP32, else null
 * @param longs the data when INT64, else null
 */
public record Tensor(String name, String datatype, long[] shape, float[] floats, long[] longs) {

  /** An FP32 tensor. */
  public static Tensor fp32(String name, long[] shape, float[] data) {
    return new Tensor(name, "FP32", shape, data, null);
  }

  /** An INT64 tensor. */
  public static Tensor int64(String name, long[] shape, long[] data) {
    return new Tensor(name, "INT64", shape, null, data);
  }

  /** Elements the shape holds. */
  public long elements() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** Elements the data holds. */
  public int length() {
    return floats != null ? floats.length : longs.length;
  }
}
