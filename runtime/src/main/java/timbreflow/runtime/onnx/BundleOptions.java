package timbreflow.runtime.onnx;

/**
 * How a {@link ModelBundle} opens its sessions.
 *
 * @param intraOpThreads threads per operator; 0 lets ONNX Runtime choose (one per core)
 * @param optimization graph optimisation level
 * @param device requested execution device; CUDA falls back to CPU when unavailable
 */
public record BundleOptions(int intraOpThreads, Optimization optimization, Device device) {

  /** CPU, all optimisations, ONNX Runtime's default thread count. */
  public static final BundleOptions DEFAULT = builder().build();

  public BundleOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException(
          "intraOpThreads: expected >= 0 (0 = runtime default), found " + intraOpThreads);
    }
    if (optimization == null) {
      throw new IllegalArgumentException("optimization: expected a level, found null");
    }
    if (device == null) {
      throw new IllegalArgumentException("device: expected CPU or CUDA, found null");
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link BundleOptions}; every field is optional. */
  public static final class Builder {
    private int intraOpThreads;
    private Optimization optimization = Optimization.ALL;
    private Device device = Device.CPU;

    private Builder() {}

    /** Threads per operator; 0 = ONNX Runtime's default. */
    public Builder optIntraOpThreads(int threads) {
      this.intraOpThreads = threads;
      return this;
    }

    /** Graph optimisation level. */
    public Builder optOptimization(Optimization level) {
      this.optimization = level;
      return this;
    }

    /** Requested device. */
    public Builder optDevice(Device device) {
      this.device = device;
      return this;
    }

    /** Validates and builds; a bad field is named in the exception. */
    public BundleOptions build() {
      return new BundleOptions(intraOpThreads, optimization, device);
    }
  }
}
