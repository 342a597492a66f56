package timbreflow.runtime.npy;

import java.util.Arrays;

/**
 * One dense C-order array: its shape and the elements of exactly one type.
 *
 * <p>Exactly one of {@code floats}, {@code doubles}, {@code longs} is non-null, the one that
 * matches {@code type}; its length is the product of {@code shape} (1 for a scalar, shape {@code
 * []}).
 *
 * @param shape dimensions, outermost first; empty for a scalar
 * @param type element type
 * @param floats elements when {@code type} is {@link NpyType#FLOAT32}
 * @param doubles elements when {@code type} is {@link NpyType#FLOAT64}
 * @param longs elements when {@code type} is {@link NpyType#INT64}
 */
public record NpyArray(long[] shape, NpyType type, float[] floats, double[] doubles, long[] longs) {

  public NpyArray {
    shape = shape.clone();
    long size = elementCount(shape);
    int found =
        switch (type) {
          case FLOAT32 -> check(floats, doubles, longs, floats == null ? -1 : floats.length);
          case FLOAT64 -> check(doubles, floats, longs, doubles == null ? -1 : doubles.length);
          case INT64 -> check(longs, floats, doubles, longs == null ? -1 : longs.length);
        };
    if (found != size) {
      throw new IllegalArgumentException(
          "expected "
              + size
              + " elements for shape "
              + Arrays.toString(shape)
              + ", found "
              + found);
    }
  }

  /** A float32 array of the given shape. */
  public static NpyArray ofFloats(long[] shape, float[] data) {
    return new NpyArray(shape, NpyType.FLOAT32, data, null, null);
  }

  /** A float64 array of the given shape. */
  public static NpyArray ofDoubles(long[] shape, double[] data) {
    return new NpyArray(shape, NpyType.FLOAT64, null, data, null);
  }

  /** An int64 array of the given shape. */
  public static NpyArray ofLongs(long[] shape, long[] data) {
    return new NpyArray(shape, NpyType.INT64, null, null, data);
  }

  /** The number of elements a shape holds; 1 for a scalar. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "expected non-negative dimensions, found " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The elements as float32, converting from float64 or int64 where needed. */
  public float[] toFloats() {
    return switch (type) {
      case FLOAT32 -> floats.clone();
      case FLOAT64 -> {
        float[] out = new float[doubles.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) doubles[i];
        }
        yield out;
      }
      case INT64 -> {
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = longs[i];
        }
        yield out;
      }
    };
  }

  /** The number of elements. */
  public int size() {
    return (int) elementCount(shape);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a
        && type == a.type
        && Arrays.equals(shape, a.shape)
        && Arrays.equals(floats, a.floats)
        && Arrays.equals(doubles, a.doubles)
        && Arrays.equals(longs, a.longs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31
        + Arrays.hashCode(floats)
        + Arrays.hashCode(doubles)
        + Arrays.hashCode(longs);
  }

  @Override
  public String toString() {
    return "NpyArray[" + type.descr() + " " + Arrays.toString(shape) + "]";
  }

  private static int check(Object present, Object absent1, Object absent2, int length) {
    if (present == null || absent1 != null || absent2 != null) {
      throw new IllegalArgumentException(
          "expected exactly one element array, the one matching the type");
    }
    return length;
  }
}
