package timbreflow.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import timbreflow.server.metrics.ServerMetrics;
import timbreflow.server.work.Cancellation;
import timbreflow.server.work.WorkRejectedException;
import timbreflow.server.work.WorkerPool;

/**
 * Moves a request's heavy work off the event loop and its reply back onto it.
 *
 * <p>Each job gets a {@link Cancellation} that trips when the client disconnects or the request's
 * deadline passes; a passed deadline is answered at once, and a refusal by the pool is counted as a
 * rejection before it is answered.
 */
public final class Dispatcher {

  private final WorkerPool pool;
  private final ServerMetrics metrics;
  private final long deadlineMillis;

  public Dispatcher(WorkerPool pool, ServerMetrics metrics, Duration deadline) {
    this.pool = pool;
    this.metrics = metrics;
    this.deadlineMillis = deadline.toMillis();
  }

  /** Runs {@code job} on a worker and sends the {@link Reply} it returns. */
  public void run(RoutingContext ctx, Function<Cancellation, Reply> job) {
    Cancellation cancellation = new Cancellation();
    ctx.response()
        .closeHandler(
            v -> {
              if (!ctx.response().ended() && !cancellation.isCancelled()) {
                metrics.cancelled("disconnect");
                cancellation.cancel("client disconnected");
              }
            });
    long timer =
        ctx.vertx()
            .setTimer(
                deadlineMillis,
                id -> {
                  if (!cancellation.isCancelled()) {
                    metrics.cancelled("deadline");
                    cancellation.cancel("deadline of " + deadlineMillis + " ms passed");
                    Replies.fail(ctx, ApiError.deadline(deadlineMillis));
                  }
                });
    pool.submit(ctx.vertx().getOrCreateContext(), cancellation, () -> job.apply(cancellation))
        .onComplete(
            done -> {
              ctx.vertx().cancelTimer(timer);
              if (ctx.response().ended()) {
                return;
              }
              if (ctx.response().closed()) {
                Replies.fail(ctx, done.failed() ? done.cause() : disconnected());
                return;
              }
              if (done.failed()) {
                if (done.cause() instanceof WorkRejectedException rejected) {
                  metrics.rejected(rejected.reason().name().toLowerCase(Locale.ROOT));
                }
                Replies.fail(ctx, done.cause());
                return;
              }
              send(ctx, done.result());
            });
  }

  /** Sends a finished reply. */
  public static void send(RoutingContext ctx, Reply reply) {
    var response = ctx.response().putHeader("Content-Type", reply.contentType());
    reply.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(reply.body()));
  }

  private static ApiError disconnected() {
    return new ApiError(ApiError.Reason.CLIENT_CLOSED, "the client closed the connection");
  }
}
