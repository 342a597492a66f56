package timbreflow.runtime;

/**
 * The one exception that crosses the runtime module's boundary.
 *
 * <p>Every failure carries a {@link Reason} so callers (the CLI, the server) can map it to an exit
 * code or an HTTP status in one place, and a message that says what was expected and what was
 * found.
 */
public final class TimbreflowException extends RuntimeException {

  /** Why an operation failed. */
  public enum Reason {
    /** The bytes are not a readable audio file (truncated, lying sizes, bad chunks). */
    MALFORMED_AUDIO,
    /** A well-formed audio file in an encoding or layout the runtime does not read. */
    UNSUPPORTED_AUDIO,
    /** A tensor of the wrong shape, dtype, or with NaN/Inf values. */
    INVALID_TENSOR,
    /** A model bundle that is missing, corrupt or inconsistent. */
    INVALID_MODEL,
    /** An argument outside its documented range. */
    INVALID_ARGUMENT,
    /** Work that was cancelled before it finished. */
    CANCELLED,
    /** Reading or writing a file failed. */
    IO
  }

  private final Reason reason;

  public TimbreflowException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TimbreflowException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The category of this failure. */
  public Reason reason() {
    return reason;
  }
}
