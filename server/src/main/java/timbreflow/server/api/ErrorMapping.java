package timbreflow.server.api;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import timbreflow.runtime.TimbreflowException;
import timbreflow.server.work.WorkRejectedException;

/**
 * The one place where a failure becomes a reason, and a reason an HTTP status.
 *
 * <p>Domain failures keep their message (it names what was expected and found); anything unexpected
 * becomes a 500 with a generic message, its details going only to the server log.
 */
public final class ErrorMapping {

  private ErrorMapping() {}

  /** The HTTP status of {@code error}: the one table from reason to status. */
  public static int status(ApiError error) {
    return switch (error.reason()) {
      case INVALID_ARGUMENT, MALFORMED_BODY, MALFORMED_AUDIO, INVALID_TENSOR -> 400;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_AUDIO -> 415;
      // nginx's convention for a client that closed the connection; never reaches the client
      case CLIENT_CLOSED -> 499;
      case MODEL_ERROR, IO_ERROR, INTERNAL -> 500;
      case OVERLOADED, SHUTTING_DOWN, CANCELLED -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case FRAMEWORK -> error.frameworkStatus() > 0 ? error.frameworkStatus() : 500;
    };
  }

  /** The client-facing error for {@code failure}. */
  public static ApiError map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiError api) {
      return api;
    }
    if (t instanceof TimbreflowException tf) {
      return switch (tf.reason()) {
        case MALFORMED_AUDIO -> new ApiError(ApiError.Reason.MALFORMED_AUDIO, tf.getMessage());
        case UNSUPPORTED_AUDIO -> new ApiError(ApiError.Reason.UNSUPPORTED_AUDIO, tf.getMessage());
        case INVALID_TENSOR -> new ApiError(ApiError.Reason.INVALID_TENSOR, tf.getMessage());
        case INVALID_ARGUMENT -> new ApiError(ApiError.Reason.INVALID_ARGUMENT, tf.getMessage());
        case CANCELLED -> new ApiError(ApiError.Reason.CANCELLED, tf.getMessage());
        case INVALID_MODEL -> new ApiError(ApiError.Reason.MODEL_ERROR, tf.getMessage());
        case IO ->
            new ApiError(ApiError.Reason.IO_ERROR, "the server could not read or write a file");
      };
    }
    if (t instanceof WorkRejectedException rejected) {
      return new ApiError(
          switch (rejected.reason()) {
            case QUEUE_FULL -> ApiError.Reason.OVERLOADED;
            case SHUTTING_DOWN -> ApiError.Reason.SHUTTING_DOWN;
          },
          rejected.getMessage());
    }
    if (t instanceof HttpPostRequestDecoder.ErrorDataDecoderException
        || t instanceof HttpPostRequestDecoder.NotEnoughDataDecoderException) {
      return new ApiError(
          ApiError.Reason.MALFORMED_BODY,
          "body: expected a well-formed form or multipart body, found one that could not be"
              + " decoded");
    }
    if (t instanceof CancellationException) {
      return new ApiError(ApiError.Reason.CANCELLED, "the request was cancelled");
    }
    return new ApiError(
        ApiError.Reason.INTERNAL, "internal error; see the server log for the request id");
  }

  /**
   * The error for a request Vert.x failed itself with {@code ctx.statusCode()} and no cause: a body
   * over {@code maxBodyBytes}, a body it could not parse, an unknown path.
   */
  public static ApiError frameworkStatus(RoutingContext ctx, long maxBodyBytes) {
    return switch (ctx.statusCode()) {
      case 413 ->
          new ApiError(
              ApiError.Reason.PAYLOAD_TOO_LARGE,
              "body: expected at most " + maxBodyBytes + " bytes, found more");
      case 400 ->
          new ApiError(
              ApiError.Reason.MALFORMED_BODY,
              "body: expected a well-formed request body, found one that could not be parsed");
      case 404 -> notFound(ctx);
      default -> ApiError.framework(ctx.statusCode());
    };
  }

  /** {@code NOT_FOUND} for a path no route serves. */
  public static ApiError notFound(RoutingContext ctx) {
    return ApiError.notFound(
        "no resource at " + ctx.request().path() + "; see /openapi.yaml for the routes");
  }

  /** {@code METHOD_NOT_ALLOWED} for a method the path does not serve. */
  public static ApiError methodNotAllowed(RoutingContext ctx) {
    return new ApiError(
        ApiError.Reason.METHOD_NOT_ALLOWED,
        ctx.request().method() + " is not allowed on " + ctx.request().path());
  }

  /** True when the failure is the server's fault (logged with its stack trace). */
  public static boolean isServerFault(ApiError error) {
    int status = error.status();
    return status >= 500 && status != 503 && status != 504;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
