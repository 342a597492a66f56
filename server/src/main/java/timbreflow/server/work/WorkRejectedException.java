package timbreflow.server.work;

/** The worker pool refused a job before running it; the API layer decides what a client hears. */
public final class WorkRejectedException extends RuntimeException {

  /** Why a job was refused. */
  public enum Reason {
    /** Every worker is busy and the queue is full. */
    QUEUE_FULL,
    /** The pool has stopped taking work. */
    SHUTTING_DOWN
  }

  private final Reason reason;

  private WorkRejectedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Every worker busy and the queue of {@code capacity} jobs full. */
  public static WorkRejectedException queueFull(int capacity) {
    return new WorkRejectedException(
        Reason.QUEUE_FULL,
        "all workers busy and the queue of " + capacity + " requests is full; retry shortly");
  }

  /** The pool is shutting down. */
  public static WorkRejectedException shuttingDown() {
    return new WorkRejectedException(Reason.SHUTTING_DOWN, "the server is shutting down");
  }

  /** Why the job was refused. */
  public Reason reason() {
    return reason;
  }
}
