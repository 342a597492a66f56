package timbreflow.trainer.data;

/**
 * Receives progress of long dataset work (rendering, feature extraction); called from any thread.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * Reports that {@code done} of {@code total} units are finished.
   *
   * @param done units finished so far
   * @param total units in all
   */
  void progressed(long done, long total);
}
