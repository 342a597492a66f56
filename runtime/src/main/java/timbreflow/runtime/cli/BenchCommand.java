package timbreflow.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.phase.GriffinLim;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimResult;

/**
 * {@code bench NOTE.wav}: times Griffin-Lim on one note per thread count, for {@code
 * bench/griffinlim.sh}. Prints one {@code key=value} line per thread count: the fastest of the
 * repeats, with the CPU seconds this process and the rest of the machine spent meanwhile.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Time Griffin-Lim on NOTE (16 kHz) at each thread count; best of --repeat runs.")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NOTE.wav", description = "The note, at 16 kHz.")
  Path note;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts.")
  List<Integer> threads;

  @Option(names = "--iterations", defaultValue = "1000", description = "Iterations per run.")
  int iterations;

  @Option(names = "--momentum", defaultValue = "0.99", description = "Momentum.")
  double momentum;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the random phase.")
  long seed;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      description = "Timed rounds; each runs every thread count once.")
  int repeat;

  @Option(
      names = "--warmup",
      defaultValue = "300",
      description = "Iterations of an untimed run first, so the JIT has compiled the loop.")
  int warmup;

  @Option(
      names = "--warmup-runs",
      defaultValue = "12",
      description =
          "Short untimed runs after that, so the set-up and the final spectral-convergence check"
              + " are compiled too: a compiler thread busy during a timed run takes a core.")
  int warmupRuns;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Waveform wave = Reconstruction.atModelRate(WavReader.read(note));
    Magnitude magnitude = new Stft(StftConfig.DEFAULT).magnitude(wave.samples());
    GriffinLimConfig base =
        GriffinLimConfig.builder()
            .optMomentum(momentum)
            .optSeed(seed)
            .optLength(wave.length())
            .build();
    for (int t : threads) {
      if (warmup > 0) {
        new GriffinLim(StftConfig.DEFAULT, config(base, t).optIterations(warmup).build())
            .reconstruct(magnitude);
      }
      for (int r = 0; r < warmupRuns; r++) {
        new GriffinLim(StftConfig.DEFAULT, config(base, t).optIterations(10).build())
            .reconstruct(magnitude);
      }
    }
    // rounds alternate the thread counts, so a burst of other work on the machine hits one round
    // of each rather than every run of one
    Run[] best = new Run[threads.size()];
    for (int r = 0; r < repeat; r++) {
      for (int i = 0; i < threads.size(); i++) {
        GriffinLim griffinLim =
            new GriffinLim(StftConfig.DEFAULT, config(base, threads.get(i)).build());
        MachineCpu.Reading before = MachineCpu.Reading.now();
        GriffinLimResult result = griffinLim.reconstruct(magnitude);
        MachineCpu.Reading after = MachineCpu.Reading.now();
        Run run = new Run(result, after.processSince(before), after.othersSince(before));
        if (best[i] == null || result.nanos() < best[i].result.nanos()) {
          best[i] = run;
        }
      }
    }
    for (int i = 0; i < threads.size(); i++) {
      Run run = best[i];
      out.printf(
          "java threads=%d seconds=%.4f cpu_seconds=%.4f others_cpu_seconds=%.3f sc_db=%.3f"
              + " iterations=%d%n",
          threads.get(i),
          run.result.nanos() / 1e9,
          run.cpuSeconds,
          run.othersCpuSeconds,
          run.result.spectralConvergenceDb(),
          run.result.iterations());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private GriffinLimConfig.Builder config(GriffinLimConfig base, int threads) {
    return base.toBuilder().optIterations(iterations).optThreads(threads);
  }

  /**
   * One timed reconstruction with this process's CPU time and that of everything else on the
   * machine while it ran (includes the spectral-convergence check after the loop).
   */
  private record Run(GriffinLimResult result, double cpuSeconds, double othersCpuSeconds) {}
}
