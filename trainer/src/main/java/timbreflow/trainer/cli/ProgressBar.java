package timbreflow.trainer.cli;

import timbreflow.trainer.data.ProgressListener;

/**
 * The runtime's {@link timbreflow.runtime.progress.ProgressBar} on stderr as a dataset {@link
 * ProgressListener}, counting notes: {@code render [##### ] 1200/4400 27% 85.3 notes/s eta 14s}.
 * Thread-safe.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {

  private final timbreflow.runtime.progress.ProgressBar bar;

  /** A bar labelled {@code label} ({@code render}, {@code features train}). */
  public ProgressBar(String label) {
    this.bar = new timbreflow.runtime.progress.ProgressBar(label, "notes");
  }

  @Override
  public void progressed(long done, long total) {
    bar.update(done, total);
  }

  /** Shows the last state and ends the bar's line. */
  @Override
  public void close() {
    bar.close();
  }
}
