package timbreflow.runtime.cli;

import java.io.PrintWriter;
import timbreflow.runtime.dsp.GriffinLimListener;

/**
 * A one-line text progress bar on stderr, redrawn at most once per percent on a terminal and once
 * per ten percent when stderr goes to a file or pipe (so logs stay short).
 */
final class ProgressBar implements GriffinLimListener {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final int total;
  private final String label;
  private final int step;
  private int shown = -1;

  ProgressBar(PrintWriter err, String label, int total) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.step = System.console() != null ? 1 : 10;
  }

  @Override
  public void progress(int note, int iteration) {
    int percent = (int) (100L * iteration / total);
    if (percent / step == shown / step && shown >= 0) {
      return;
    }
    shown = percent;
    int filled = WIDTH * percent / 100;
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + "-".repeat(WIDTH - filled)
            + "] "
            + percent
            + "% "
            + iteration
            + "/"
            + total);
    if (iteration >= total) {
      err.println();
    }
    err.flush();
  }

  /** Ends the line if the bar stopped early (early stop, failure). */
  void finish() {
    if (shown >= 0 && shown < 100) {
      err.println();
      err.flush();
    }
  }
}
