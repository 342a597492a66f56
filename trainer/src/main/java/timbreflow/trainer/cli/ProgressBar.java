package timbreflow.trainer.cli;

import timbreflow.runtime.progress.ProgressLine;
import timbreflow.trainer.report.SectionProgress;

/**
 * The runtime's {@link ProgressLine} on stderr as a dataset {@link
 * timbreflow.trainer.data.ProgressListener} and as an evaluation report's section tracker, counting
 * notes unless told otherwise: {@code render [##### ] 1200/4400 27% 85.3 notes/s eta 14s}.
 * Thread-safe.
 */
public final class ProgressBar implements SectionProgress.Tracker {

  private final ProgressLine bar;

  /** A bar labelled {@code label} ({@code render}, {@code features train}). */
  public ProgressBar(String label) {
    this(label, "notes");
  }

  /** A bar labelled {@code label} counting {@code unit} ({@code samples}, {@code pairs}). */
  public ProgressBar(String label, String unit) {
    this.bar = new ProgressLine(label, unit);
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
