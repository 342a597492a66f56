package timbreflow.runtime.phase;

/**
 * Observes a Griffin-Lim run: progress, and a way to cancel it.
 *
 * <p>Both methods are called from the reconstructing thread once per iteration, so they must be
 * cheap.
 */
public interface GriffinLimListener {

  /** A listener that never cancels and ignores progress. */
  GriffinLimListener NONE = new GriffinLimListener() {};

  /** Whether to stop now; a {@code true} makes the run throw CANCELLED. */
  default boolean cancelled() {
    return false;
  }

  /**
   * Called after each iteration.
   *
   * @param note index of the note in the batch
   * @param iteration iterations of that note done so far (1-based)
   */
  default void progress(int note, int iteration) {}
}
