package timbreflow.server.api;

/**
 * A failure the server answers with a specific HTTP status, a stable code and a message that says
 * what was expected and what was found.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** 400 for a request field that is missing or out of range. */
  public static ApiError badField(String field, String expected, Object found) {
    return new ApiError(
        400, "invalid_argument", field + ": expected " + expected + ", found " + found);
  }

  /** 404 for an unknown resource. */
  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what);
  }

  /** 503 when every worker is busy and the queue is full. */
  public static ApiError overloaded(int capacity) {
    return new ApiError(
        503,
        "overloaded",
        "all workers busy and the queue of " + capacity + " requests is full; retry shortly");
  }

  /** 504 when a request was not done within its deadline. */
  public static ApiError deadline(long millis) {
    return new ApiError(
        504,
        "deadline_exceeded",
        "the request did not finish within its " + millis + " ms deadline");
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Stable machine-readable code, e.g. {@code invalid_argument}. */
  public String code() {
    return code;
  }
}
