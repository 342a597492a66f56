package timbreflow.runtime.phase;

import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Settings of a Griffin-Lim reconstruction; build with {@link #builder()}.
 *
 * @param iterations projections onto the consistent spectrograms (1000 by default)
 * @param momentum fast Griffin-Lim's momentum in [0, 1) (Perraudin et al. 2013, as librosa and
 *     torchaudio; 0.99 by default); 0 is the plain algorithm of Griffin and Lim (1984)
 * @param initialPhase where the phase starts
 * @param seed seed of the random initial phase
 * @param threads worker threads splitting the frames of a note (the caller's thread is one)
 * @param stopToleranceDb stop early when spectral convergence improved by less than this many dB
 *     over the last {@link #CHECK_EVERY} iterations; 0 never stops early
 * @param length samples of the result; 0 means {@code hop · (frames − 1)}
 */
public record GriffinLimConfig(
    int iterations,
    double momentum,
    InitialPhase initialPhase,
    long seed,
    int threads,
    double stopToleranceDb,
    int length) {

  /** Iterations between spectral-convergence checks when stopping early. */
  public static final int CHECK_EVERY = 10;

  /** 1000 iterations, momentum 0.99, random phase with seed 0, one thread, no early stop. */
  public static final GriffinLimConfig DEFAULT = builder().build();

  /** How the phase is initialised. */
  public enum InitialPhase {
    /** Uniform on the circle, from {@link #seed()} (librosa's {@code init='random'}). */
    RANDOM,
    /** All zero (librosa's {@code init=None}, torchaudio's {@code rand_init=False}). */
    ZERO
  }

  public GriffinLimConfig {
    require(iterations >= 0, "iterations", "expected >= 0, found " + iterations);
    require(
        momentum >= 0 && momentum < 1, "momentum", "expected a value in [0, 1), found " + momentum);
    require(initialPhase != null, "initialPhase", "expected RANDOM or ZERO, found null");
    require(threads >= 1 && threads <= 256, "threads", "expected 1 to 256, found " + threads);
    require(
        stopToleranceDb >= 0 && !Double.isInfinite(stopToleranceDb),
        "stopToleranceDb",
        "expected a finite value >= 0, found " + stopToleranceDb);
    require(length >= 0, "length", "expected >= 0, found " + length);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .optIterations(iterations)
        .optMomentum(momentum)
        .optInitialPhase(initialPhase)
        .optSeed(seed)
        .optThreads(threads)
        .optStopToleranceDb(stopToleranceDb)
        .optLength(length);
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new TimbreflowException(Reason.INVALID_ARGUMENT, field + ": " + message);
    }
  }

  /** Builds a {@link GriffinLimConfig}; every setting is optional. */
  public static final class Builder {
    private int iterations = 1000;
    private double momentum = 0.99;
    private InitialPhase initialPhase = InitialPhase.RANDOM;
    private long seed;
    private int threads = 1;
    private double stopToleranceDb;
    private int length;

    private Builder() {}

    /** Iterations, 1000 by default. */
    public Builder optIterations(int iterations) {
      this.iterations = iterations;
      return this;
    }

    /** Momentum in [0, 1), 0.99 by default; 0 is plain Griffin-Lim. */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Initial phase, RANDOM by default. */
    public Builder optInitialPhase(InitialPhase initialPhase) {
      this.initialPhase = initialPhase;
      return this;
    }

    /** Seed of the random initial phase, 0 by default. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Threads per note, 1 by default. */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Early-stop tolerance in dB per {@link #CHECK_EVERY} iterations; 0 (default) disables. */
    public Builder optStopToleranceDb(double stopToleranceDb) {
      this.stopToleranceDb = stopToleranceDb;
      return this;
    }

    /** Output length in samples; 0 (default) means {@code hop · (frames − 1)}. */
    public Builder optLength(int length) {
      this.length = length;
      return this;
    }

    /** The configuration; throws INVALID_ARGUMENT naming the first bad field. */
    public GriffinLimConfig build() {
      return new GriffinLimConfig(
          iterations, momentum, initialPhase, seed, threads, stopToleranceDb, length);
    }
  }
}
