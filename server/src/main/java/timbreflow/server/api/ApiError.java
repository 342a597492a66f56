package timbreflow.server.api;

import java.util.Locale;

/**
 * A failure the server answers with a stable code and a message that says what was expected and
 * what was found; its {@link Reason} decides the HTTP status, in {@link ErrorMapping} alone.
 */
public final class ApiError extends RuntimeException {

  /** Why a request failed, as the client sees it; the code is the name in lower case. */
  public enum Reason {
    /** A request field is missing or out of range. */
    INVALID_ARGUMENT,
    /** The body could not be parsed as the route's form, multipart or raw body. */
    MALFORMED_BODY,
    /** The uploaded audio is not a readable WAV. */
    MALFORMED_AUDIO,
    /** The uploaded audio is a WAV the runtime does not read. */
    UNSUPPORTED_AUDIO,
    /** A tensor (latent, OIP input) has the wrong shape, type or values. */
    INVALID_TENSOR,
    /** No resource at the path. */
    NOT_FOUND,
    /** The path exists, not for this method. */
    METHOD_NOT_ALLOWED,
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE,
    /** Every worker is busy and the queue is full. */
    OVERLOADED,
    /** The server is stopping and takes no new work. */
    SHUTTING_DOWN,
    /** The work was cancelled before it finished. */
    CANCELLED,
    /** The request did not finish within its deadline. */
    DEADLINE_EXCEEDED,
    /** The client went away before the answer. */
    CLIENT_CLOSED,
    /** The model bundle failed at run time. */
    MODEL_ERROR,
    /** The server could not read or write a file. */
    IO_ERROR,
    /** Anything unexpected; details only in the server log. */
    INTERNAL,
    /** Vert.x failed the request with a status of its own before a handler ran. */
    FRAMEWORK;

    /** The stable machine-readable code, e.g. {@code invalid_argument}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;
  private final int frameworkStatus;

  /** A failure for {@code reason} whose message says what was expected and what was found. */
  public ApiError(Reason reason, String message) {
    this(reason, 0, message);
  }

  private ApiError(Reason reason, int frameworkStatus, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.frameworkStatus = frameworkStatus;
  }

  /** {@code INVALID_ARGUMENT} for a request field that is missing or out of range. */
  public static ApiError badField(String field, String expected, Object found) {
    return new ApiError(
        Reason.INVALID_ARGUMENT, field + ": expected " + expected + ", found " + found);
  }

  /** {@code NOT_FOUND} for an unknown resource. */
  public static ApiError notFound(String what) {
    return new ApiError(Reason.NOT_FOUND, what);
  }

  /** {@code DEADLINE_EXCEEDED} when a request was not done within its deadline. */
  public static ApiError deadline(long millis) {
    return new ApiError(
        Reason.DEADLINE_EXCEEDED,
        "the request did not finish within its " + millis + " ms deadline");
  }

  /** {@code FRAMEWORK}: Vert.x failed the request with {@code status} and no cause. */
  static ApiError framework(int status) {
    return new ApiError(Reason.FRAMEWORK, status, "request failed with status " + status);
  }

  /** Why the request failed. */
  public Reason reason() {
    return reason;
  }

  /** The status Vert.x chose, for {@link Reason#FRAMEWORK}; 0 otherwise. */
  int frameworkStatus() {
    return frameworkStatus;
  }

  /** HTTP status, as {@link ErrorMapping#status} decides it. */
  public int status() {
    return ErrorMapping.status(this);
  }

  /** Stable machine-readable code, e.g. {@code invalid_argument}. */
  public String code() {
    return reason == Reason.FRAMEWORK ? "http_" + frameworkStatus : reason.code();
  }
}
