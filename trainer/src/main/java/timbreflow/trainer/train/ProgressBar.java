package timbreflow.trainer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: step, loss in bits/dim, steps/s and ETA, redrawn at most twice
 * a second.
 */
public final class ProgressBar {

  private static final int WIDTH = 24;

  private final PrintStream out;
  private final long total;
  private long lastDrawNanos;
  private boolean drawn;

  /** A bar counting up to {@code total} steps on {@code out}. */
  public ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = total;
  }

  /** Redraws the bar unless it was drawn less than 0.5 s ago (the last step always draws). */
  public void update(long step, double bitsPerDim, double stepsPerSecond) {
    long now = System.nanoTime();
    if (drawn && step < total && now - lastDrawNanos < 500_000_000L) {
      return;
    }
    lastDrawNanos = now;
    drawn = true;
    double fraction = total == 0 ? 1 : Math.min(1, (double) step / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String bar = "=".repeat(filled) + " ".repeat(WIDTH - filled);
    double eta = stepsPerSecond > 0 ? (total - step) / stepsPerSecond : Double.NaN;
    out.print(
        String.format(
            Locale.ROOT,
            "\rstep %d/%d [%s] %5.1f%%  loss %.4f bits/dim  %.2f steps/s  ETA %s   ",
            step,
            total,
            bar,
            100 * fraction,
            bitsPerDim,
            stepsPerSecond,
            duration(eta)));
    out.flush();
  }

  /** Prints a message on its own line without losing the bar. */
  public void message(String text) {
    if (drawn) {
      out.println();
    }
    out.println(text);
    drawn = false;
  }

  /** Ends the bar's line. */
  public void finish() {
    if (drawn) {
      out.println();
      drawn = false;
    }
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "--";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
