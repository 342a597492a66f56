package timbreflow.trainer.report;

import timbreflow.trainer.data.ProgressListener;

/** Opens one progress display per report section (the command line draws a bar on stderr). */
@FunctionalInterface
public interface SectionProgress {

  /** Shows nothing. */
  SectionProgress NONE =
      (label, unit) ->
          new Tracker() {
            @Override
            public void progressed(long done, long total) {}

            @Override
            public void close() {}
          };

  /**
   * Starts the display of a section; closing it ends the display.
   *
   * @param label the section ({@code invertibility})
   * @param unit what is counted ({@code notes})
   */
  Tracker start(String label, String unit);

  /** One section's progress. */
  interface Tracker extends ProgressListener, AutoCloseable {
    @Override
    void close();
  }
}
