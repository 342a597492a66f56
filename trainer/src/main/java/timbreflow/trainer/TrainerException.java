package timbreflow.trainer;

/**
 * The one exception that crosses the trainer module's boundary, with a {@link Reason} so the
 * command line maps it to a one-line message and an exit code in one place.
 */
public final class TrainerException extends RuntimeException {

  /** Why a trainer operation failed. */
  public enum Reason {
    /** A dataset folder, its index or one of its notes is missing or unreadable. */
    INVALID_DATASET,
    /** Rendering notes from a sample library failed. */
    RENDER_FAILED,
    /** A checkpoint file is truncated, corrupt or from an incompatible model. */
    CORRUPT_CHECKPOINT,
    /** Training diverged: repeated NaN or Inf losses or gradients. */
    NUMERICAL_FAILURE,
    /** An exported model bundle is missing, corrupt, inconsistent or fails to run. */
    INVALID_BUNDLE,
    /** A configuration value is out of range. */
    INVALID_CONFIG,
    /** The deep-learning engine or device is unavailable. */
    ENGINE,
    /** Reading or writing a file failed. */
    IO
  }

  private final Reason reason;

  public TrainerException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TrainerException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The category of this failure. */
  public Reason reason() {
    return reason;
  }
}
