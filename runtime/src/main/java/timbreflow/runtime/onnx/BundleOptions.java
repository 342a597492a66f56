package timbreflow.runtime.onnx;

/**
 * How a {@link ModelBundle} opens its sessions.
 *
 * @param intraOpThreads threads per operator; 0 lets ONNX Runtime choose (one per core)
 * @param optimization graph optimisation level
 * @param device requested execution device; CUDA falls back to CPU when unavailable
 * @param spinning whether idle intra-op threads spin-wait for work (ONNX Runtime's default). Off by
 *     default here: on shared cores spinning threads burn the CPU other requests and processes need
 *     (measured: encode + decode of a batch of 8 took 1.7 s spinning vs 0.7 s not, 2 threads on a
 *     busy 2-core machine); turn it on for a dedicated, idle machine.
 */
public record BundleOptions(
    int intraOpThreads, Optimization optimization, Device device, boolean spinning) {

  /** CPU, all optimisations, ONNX Runtime's default thread count, no spin-waiting. */
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
    private boolean spinning;

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

    /** Whether idle intra-op threads spin-wait (default false). */
    public Builder optSpinning(boolean spinning) {
      this.spinning = spinning;
      return this;
    }

    /** Validates and builds; a bad field is named in the exception. */
    public BundleOptions build() {
      return new BundleOptions(intraOpThreads, optimization, device, spinning);
    }
  }
}
