package timbreflow.runtime.progress;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.function.LongSupplier;
import timbreflow.runtime.TimbreflowException;

/**
 * The progress line of one piece of long work, a bar with counts, rate and ETA: {@code render
 * [##### ] 1200/4400 27% 85.3 notes/s eta 38s}, with an optional detail after it ({@code loss 4.91
 * bits/dim}).
 *
 * <p>In {@link Mode#TERMINAL} the line is redrawn in place ({@code \r}) at most every 200 ms; in
 * {@link Mode#LINES} (stderr is a file or pipe) a plain line is printed each time another tenth of
 * the work is done or 30 s have passed, whichever comes first, so a log gets a few dozen lines, not
 * thousands of frames. The last state is always shown. Thread-safe: reports may come from any
 * thread and in any order (the bar only moves forward).
 */
public final class ProgressLine implements AutoCloseable {

  /** How the bar is drawn. */
  public enum Mode {
    /** Redrawn in place with {@code \r}, for a person watching a terminal. */
    TERMINAL,
    /** A plain line every tenth of the work or 30 s, for logs. */
    LINES;

    /**
     * {@code TERMINAL} when the JVM has a console, else {@code LINES}; the system property {@code
     * timbreflow.progress} or the environment variable {@code TIMBREFLOW_PROGRESS} ({@code
     * terminal} or {@code lines}) overrides the guess.
     */
    public static Mode detect() {
      String forced =
          System.getProperty("timbreflow.progress", System.getenv("TIMBREFLOW_PROGRESS"));
      return forced == null || forced.isBlank()
          ? System.console() != null ? TERMINAL : LINES
          : parse(forced);
    }

    /**
     * {@code terminal} or {@code lines}, any case.
     *
     * @throws TimbreflowException {@code INVALID_ARGUMENT} naming what was found
     */
    public static Mode parse(String name) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(name.trim())) {
          return m;
        }
      }
      throw new TimbreflowException(
          TimbreflowException.Reason.INVALID_ARGUMENT,
          "progress mode (timbreflow.progress, TIMBREFLOW_PROGRESS): expected terminal or lines,"
              + " found '"
              + name
              + "'");
    }
  }

  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 30_000_000_000L;

  private final PrintWriter out;
  private final String label;
  private final String unit;
  private final Mode mode;
  private final LongSupplier clock;
  private long originDone;
  private long originNanos;
  private long done = -1;
  private long total;
  private String detail = "";
  private long shownDone = -1;
  private long shownNanos;
  private boolean onLine;

  /**
   * A bar on stderr, its mode {@linkplain Mode#detect detected}.
   *
   * @param label what is being done, first on the line ({@code render})
   * @param unit what is counted, for the rate ({@code notes} gives {@code 85.3 notes/s})
   */
  public ProgressLine(String label, String unit) {
    this(
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset())),
        label,
        unit,
        Mode.detect());
  }

  /** A bar on {@code out} in {@code mode}. */
  public ProgressLine(PrintStream out, String label, String unit, Mode mode) {
    this(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset())), label, unit, mode);
  }

  /** A bar on {@code out} in {@code mode}. */
  public ProgressLine(PrintWriter out, String label, String unit, Mode mode) {
    this(out, label, unit, mode, System::nanoTime);
  }

  ProgressLine(PrintWriter out, String label, String unit, Mode mode, LongSupplier clock) {
    this.out = out;
    this.label = label;
    this.unit = unit;
    this.mode = mode;
    this.clock = clock;
    this.originNanos = clock.getAsLong();
  }

  /**
   * Counts the rate and ETA from {@code done} units from now on: the work done before this session
   * (a resumed run) does not make it look faster.
   */
  public synchronized void startAt(long startDone) {
    originDone = startDone;
    originNanos = clock.getAsLong();
  }

  /** Reports that {@code done} of {@code total} units are finished. */
  public void update(long done, long total) {
    update(done, total, "");
  }

  /**
   * Reports that {@code done} of {@code total} units are finished, with a detail shown after the
   * bar ({@code loss 4.91 bits/dim}).
   */
  public synchronized void update(long done, long total, String detail) {
    if (done < this.done) {
      return;
    }
    this.done = done;
    this.total = total;
    this.detail = detail;
    long now = clock.getAsLong();
    boolean end = done >= total;
    if (mode == Mode.TERMINAL) {
      if (end || shownDone < 0 || now - shownNanos >= REDRAW_NANOS) {
        show(now);
      }
    } else if ((end && shownDone < done)
        || tenth(done) > tenth(shownDone)
        || (now - shownNanos >= LINE_NANOS && done > shownDone)) {
      show(now);
    }
  }

  /**
   * Prints {@code text} on a line of its own; on a terminal the bar comes back at the next update.
   */
  public synchronized void message(String text) {
    endLine();
    out.println(text);
    out.flush();
  }

  /** Shows the last reported state if it is not shown yet and ends the bar's line. */
  @Override
  public synchronized void close() {
    if (done >= 0 && (shownDone < done || mode == Mode.TERMINAL && !onLine)) {
      show(clock.getAsLong());
    }
    endLine();
    out.flush();
  }

  private long tenth(long count) {
    return count < 0 || total <= 0 ? -1 : Math.min(10, 10 * count / total);
  }

  private void show(long now) {
    String line = format(now);
    if (mode == Mode.TERMINAL) {
      out.print("\r" + line + "   ");
      onLine = true;
    } else {
      out.println(line);
    }
    out.flush();
    shownDone = done;
    shownNanos = now;
  }

  private void endLine() {
    if (onLine) {
      out.println();
      onLine = false;
    }
  }

  private String format(long now) {
    double fraction = total > 0 ? Math.min(1, done / (double) total) : 1;
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (now - originNanos) / 1e9;
    double rate = seconds > 0 ? (done - originDone) / seconds : 0;
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s [%s%s] %d/%d %3.0f%%  %s %s/s  eta %s",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                done,
                total,
                100 * fraction,
                rate >= 10
                    ? String.format(Locale.ROOT, "%.1f", rate)
                    : String.format(Locale.ROOT, "%.2f", rate),
                unit,
                rate > 0 ? duration((total - done) / rate) : "?"));
    if (!detail.isEmpty()) {
      s.append("  ").append(detail);
    }
    return s.toString();
  }

  /** {@code 38s}, {@code 3m05s}, {@code 1h50m}; {@code ?} for an unknown (non-finite) time. */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
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
