package timbreflow.runtime.cli;

import picocli.CommandLine.Option;
import timbreflow.runtime.phase.GriffinLimConfig;

/** Griffin-Lim options shared by the commands. */
final class ReconstructionOptions {

  @Option(
      names = "--iterations",
      defaultValue = "1000",
      description = "Griffin-Lim iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--momentum",
      defaultValue = "0.99",
      description =
          "Fast Griffin-Lim momentum in [0, 1); 0 is plain Griffin-Lim (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Threads per note (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the random initial phase (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--zero-phase", description = "Start from zero phase instead of a random one.")
  boolean zeroPhase;

  @Option(
      names = "--stop-tolerance",
      defaultValue = "0",
      description =
          "Stop when spectral convergence improves by less than this many dB per 10 iterations; 0 never stops early (default: ${DEFAULT-VALUE}).")
  double stopToleranceDb;

  /** The configuration for a signal of {@code length} samples. */
  GriffinLimConfig config(int length) {
    return GriffinLimConfig.builder()
        .optIterations(iterations)
        .optMomentum(momentum)
        .optThreads(threads)
        .optSeed(seed)
        .optInitialPhase(
            zeroPhase ? GriffinLimConfig.InitialPhase.ZERO : GriffinLimConfig.InitialPhase.RANDOM)
        .optStopToleranceDb(stopToleranceDb)
        .optLength(length)
        .build();
  }
}
