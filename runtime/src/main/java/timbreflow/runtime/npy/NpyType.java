package timbreflow.runtime.npy;

/** Element types the {@code .npy} reader and writer support, with their NumPy descriptors. */
public enum NpyType {
  /** 32-bit IEEE float, {@code <f4}. */
  FLOAT32("<f4", 4),
  /** 64-bit IEEE float, {@code <f8}. */
  FLOAT64("<f8", 8),
  /** 64-bit signed integer, {@code <i8}. */
  INT64("<i8", 8);

  private final String descr;
  private final int itemSize;

  NpyType(String descr, int itemSize) {
    this.descr = descr;
    this.itemSize = itemSize;
  }

  /** The NumPy {@code descr} string, e.g. {@code <f4}. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }
}
