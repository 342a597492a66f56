package timbreflow.server.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Answers 400 for a multipart body that ends without its closing boundary.
 *
 * <p>Vert.x's multipart decoder gives up silently on such a body and the body handler never calls
 * the next handler, which would leave the client waiting forever. This guard runs before the body
 * handler: once the request has fully arrived, the body must be parsed within {@link #GRACE_MS},
 * else the request is answered with a 400 naming the body.
 */
public final class MultipartGuard {

  /** How long parsing may take after the last byte arrived. */
  public static final long GRACE_MS = 2_000;

  private static final String PARSED = "timbreflow.multipartParsed";

  private MultipartGuard() {}

  /** Starts watching {@code ctx}'s body; call before the body handler reads it. */
  public static void arm(RoutingContext ctx) {
    ctx.request()
        .end()
        .onComplete(
            ended ->
                ctx.vertx()
                    .setTimer(
                        GRACE_MS,
                        id -> {
                          if (!Boolean.TRUE.equals(ctx.get(PARSED)) && !ctx.response().ended()) {
                            Replies.fail(
                                ctx,
                                new ApiError(
                                    ApiError.Reason.MALFORMED_BODY,
                                    "body: expected a complete multipart/form-data body, found one"
                                        + " that could not be parsed (a part or the closing"
                                        + " boundary is missing)"));
                            ctx.request().connection().close();
                          }
                        }));
  }

  /** Called by the handler after the body handler: the body was parsed. */
  public static void parsed(RoutingContext ctx) {
    ctx.put(PARSED, Boolean.TRUE);
  }
}
