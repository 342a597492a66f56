package timbreflow.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by the whole machine and by this process, so a benchmark can tell how much of the
 * machine other processes took while it ran.
 *
 * <p>The machine's busy time is the first line of Linux's {@code /proc/stat} (all CPUs, in clock
 * ticks of 1/100 s, everything but idle and iowait); elsewhere it is unknown (NaN).
 */
final class MachineCpu {

  private static final Path STAT = Path.of("/proc/stat");
  private static final double SECONDS_PER_TICK = 0.01;

  private MachineCpu() {}

  /** A reading of both clocks. */
  record Reading(double machineSeconds, double processSeconds) {

    /** Both clocks now. */
    static Reading now() {
      return new Reading(machineBusy(), processCpu());
    }

    /** CPU seconds this process used since {@code earlier}. */
    double processSince(Reading earlier) {
      return processSeconds - earlier.processSeconds;
    }

    /** CPU seconds the rest of the machine used since {@code earlier}; NaN if unknown. */
    double othersSince(Reading earlier) {
      return (machineSeconds - earlier.machineSeconds) - processSince(earlier);
    }
  }

  private static double processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static double machineBusy() {
    if (!Files.isReadable(STAT)) {
      return Double.NaN;
    }
    try (var lines = Files.lines(STAT)) {
      String[] fields = lines.findFirst().orElse("").trim().split("\\s+");
      if (fields.length < 6 || !fields[0].equals("cpu")) {
        return Double.NaN;
      }
      long busy = 0;
      // user nice system idle iowait irq softirq steal guest guest_nice: guests are in user
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy * SECONDS_PER_TICK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
