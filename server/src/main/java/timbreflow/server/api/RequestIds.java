package timbreflow.server.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and used in every log line about it.
 *
 * <p>A client-supplied {@code X-Request-Id} of up to 64 safe characters is kept so logs can be
 * joined across services; otherwise the id is a per-process counter with a random prefix.
 */
public final class RequestIds implements Handler<RoutingContext> {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private final String prefix =
      Long.toString(Math.floorMod(System.nanoTime() ^ ProcessHandle.current().pid(), 1L << 24), 36);
  private final AtomicLong counter = new AtomicLong();

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Request-Id");
    String id =
        given != null && SAFE.matcher(given).matches()
            ? given
            : prefix + "-" + counter.incrementAndGet();
    ctx.put(Replies.REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }
}
