package timbreflow.server.api;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import java.util.concurrent.CancellationException;
import timbreflow.runtime.TimbreflowException;

/**
 * The one place where a failure becomes an HTTP status, a code and a client-safe message.
 *
 * <p>Domain failures keep their message (it names what was expected and found); anything unexpected
 * becomes a 500 with a generic message, its details going only to the server log.
 */
public final class ErrorMapping {

  private ErrorMapping() {}

  /** The client-facing error for {@code failure}. */
  public static ApiError map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiError api) {
      return api;
    }
    if (t instanceof TimbreflowException tf) {
      return switch (tf.reason()) {
        case MALFORMED_AUDIO -> new ApiError(400, "malformed_audio", tf.getMessage());
        case UNSUPPORTED_AUDIO -> new ApiError(415, "unsupported_audio", tf.getMessage());
        case INVALID_TENSOR -> new ApiError(400, "invalid_tensor", tf.getMessage());
        case INVALID_ARGUMENT -> new ApiError(400, "invalid_argument", tf.getMessage());
        case CANCELLED -> new ApiError(503, "cancelled", tf.getMessage());
        case INVALID_MODEL -> new ApiError(500, "model_error", tf.getMessage());
        case IO -> new ApiError(500, "io_error", "the server could not read or write a file");
      };
    }
    if (t instanceof HttpPostRequestDecoder.ErrorDataDecoderException
        || t instanceof HttpPostRequestDecoder.NotEnoughDataDecoderException) {
      return new ApiError(
          400,
          "malformed_body",
          "body: expected a well-formed form or multipart body, found one that could not be"
              + " decoded");
    }
    if (t instanceof CancellationException) {
      return new ApiError(503, "cancelled", "the request was cancelled");
    }
    return new ApiError(500, "internal", "internal error; see the server log for the request id");
  }

  /** True when the failure is the server's fault (logged with its stack trace). */
  public static boolean isServerFault(ApiError error) {
    return error.status() >= 500 && error.status() != 503 && error.status() != 504;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
