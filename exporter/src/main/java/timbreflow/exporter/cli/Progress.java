package timbreflow.exporter.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/** A one-line progress bar on stderr for the parity gate: {@code [#####.....] 12/64 notes}. */
final class Progress implements IntConsumer {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int total;
  private final String label;

  Progress(PrintStream out, int total, String label) {
    this.out = out;
    this.total = total;
    this.label = label;
  }

  @Override
  public void accept(int done) {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    out.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " notes");
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
