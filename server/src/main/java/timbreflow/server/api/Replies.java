package timbreflow.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes error replies in the two shapes the server speaks and logs each failure exactly once with
 * its request id.
 *
 * <p>{@code /v1}: {@code {"error":{"code":"…","message":"…"}}}; Open Inference Protocol routes:
 * {@code {"error":"…"}}. Stack traces go to the log for server faults only, never to clients.
 */
public final class Replies {

  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  /** Context key under which {@link RequestIds} stores the request id. */
  public static final String REQUEST_ID = "timbreflow.requestId";

  /** Context key set by OIP routes so their errors use the OIP shape. */
  public static final String OIP_STYLE = "timbreflow.oipStyle";

  private Replies() {}

  /** Answers {@code ctx} with the mapped error for {@code failure}, unless already answered. */
  public static void fail(RoutingContext ctx, Throwable failure) {
    ApiError error = ErrorMapping.map(failure);
    String id = requestId(ctx);
    String route = ctx.request().method() + " " + ctx.request().path();
    if (ErrorMapping.isServerFault(error)) {
      LOG.error("[{}] {} -> {} {}", id, route, error.status(), error.code(), failure);
    } else {
      LOG.info("[{}] {} -> {} {}: {}", id, route, error.status(), error.code(), error.getMessage());
    }
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body =
        Boolean.TRUE.equals(ctx.get(OIP_STYLE))
            ? new JsonObject().put("error", error.getMessage())
            : new JsonObject()
                .put(
                    "error",
                    new JsonObject().put("code", error.code()).put("message", error.getMessage()));
    var response = ctx.response().setStatusCode(error.status());
    response.headers().remove("Content-Disposition");
    if (error.status() == 503) {
      response.putHeader("Retry-After", "1");
    }
    response.putHeader("Content-Type", "application/json").end(Buffer.buffer(body.encode()));
  }

  /** The request id of {@code ctx}. */
  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(REQUEST_ID);
    return id == null ? "-" : id;
  }
}
