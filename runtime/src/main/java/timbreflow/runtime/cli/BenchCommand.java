package timbreflow.runtime.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
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
import timbreflow.runtime.dsp.GriffinLim;
import timbreflow.runtime.dsp.GriffinLimConfig;
import timbreflow.runtime.dsp.GriffinLimResult;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.dsp.StftConfig;

/**
 * {@code bench NOTE.wav}: times Griffin-Lim on one note per thread count, for {@code
 * bench/griffinlim.sh}. Prints one {@code key=value} line per thread count (best of the repeats).
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

  @Option(names = "--repeat", defaultValue = "3", description = "Timed runs per thread count.")
  int repeat;

  @Option(
      names = "--warmup",
      defaultValue = "300",
      description = "Iterations of an untimed run first, so the JIT has compiled the loop.")
  int warmup;

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
      GriffinLimConfig timed = base.toBuilder().optIterations(iterations).optThreads(t).build();
      if (warmup > 0) {
        new GriffinLim(StftConfig.DEFAULT, timed.toBuilder().optIterations(warmup).build())
            .reconstruct(magnitude);
      }
      GriffinLimResult best = null;
      double bestCpu = Double.NaN;
      for (int r = 0; r < repeat; r++) {
        long cpu = processCpuNanos();
        GriffinLimResult result = new GriffinLim(StftConfig.DEFAULT, timed).reconstruct(magnitude);
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        if (best == null || result.nanos() < best.nanos()) {
          best = result;
          bestCpu = cpuSeconds;
        }
      }
      out.printf(
          "java threads=%d seconds=%.4f cpu_seconds=%.4f sc_db=%.3f iterations=%d%n",
          t, best.nanos() / 1e9, bestCpu, best.spectralConvergenceDb(), best.iterations());
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0L;
  }
}
