package timbreflow.server.api;

import io.vertx.ext.web.RoutingContext;
import timbreflow.server.engine.GriffinLimControls;

/** Reads the parts of a request that several handlers share. */
final class RequestReading {

  private RequestReading() {}

  /** The raw body, which must not be empty; {@code what} names the expected content. */
  static byte[] body(RoutingContext ctx, String what) {
    var body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.badField("body", what, "an empty body");
    }
    return body.getBytes();
  }

  /** {@code iterations}, {@code momentum} and {@code seed}. */
  static GriffinLimControls griffinLim(QueryParams query, Limits limits) {
    int iterations =
        query.integer("iterations", 1, limits.maxIterations(), limits.defaultIterations());
    double momentum = query.number("momentum", 0.0, 0.999, limits.defaultMomentum());
    long seed = query.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L);
    return new GriffinLimControls(iterations, momentum, seed);
  }

  /** True for {@code view=png}, false for absent or {@code view=wav}. */
  static boolean wantsPng(QueryParams query) {
    String view = query.string("view").orElse("wav");
    return switch (view) {
      case "png" -> true;
      case "wav" -> false;
      default -> throw ApiError.badField("view", "wav or png", QueryParams.quote(view));
    };
  }
}
