package timbreflow.trainer.cli;

import java.io.PrintStream;
import java.util.Locale;
import timbreflow.trainer.data.ProgressListener;

/**
 * A one-line progress bar on stderr, redrawn at most every 200 ms: {@code render [##### ] 1200/4400
 * 27% 85.3/s eta 38 s}. Thread-safe.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final String label;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long lastDone = -1;
  private long lastTotal;

  public ProgressBar(String label) {
    this(label, System.err);
  }

  ProgressBar(String label, PrintStream out) {
    this.label = label;
    this.out = out;
  }

  @Override
  public synchronized void progressed(long done, long total) {
    long now = System.nanoTime();
    lastDone = Math.max(lastDone, done);
    lastTotal = total;
    if (done < total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(now);
  }

  private void draw(long now) {
    double seconds = (now - start) / 1e9;
    double fraction = lastTotal > 0 ? Math.min(1, lastDone / (double) lastTotal) : 1;
    int filled = (int) Math.round(fraction * WIDTH);
    double rate = seconds > 0 ? lastDone / seconds : 0;
    String eta =
        rate > 0 ? String.format(Locale.ROOT, "%.0f s", (lastTotal - lastDone) / rate) : "?";
    out.print(
        String.format(
            Locale.ROOT,
            "\r%s [%s%s] %d/%d %3.0f%% %.1f/s eta %s   ",
            label,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            lastDone,
            lastTotal,
            fraction * 100,
            rate,
            eta));
    out.flush();
  }

  /** Ends the bar's line. */
  @Override
  public synchronized void close() {
    if (lastDone >= 0) {
      draw(System.nanoTime());
      out.println();
    }
  }
}
