package timbreflow.server.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import timbreflow.runtime.TimbreflowException;

@ExtendWith(VertxExtension.class)
class WorkerPoolTest {

  @Test
  void aFullQueueFailsTheNextSubmissionAtOnceWith503(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      Future<String> running =
          pool.submit(
              context,
              new Cancellation(),
              () -> {
                release.await();
                return "first";
              });
      Future<String> queued = pool.submit(context, new Cancellation(), () -> "second");
      Future<String> refused = pool.submit(context, new Cancellation(), () -> "third");
      assertTrue(refused.failed(), "refused synchronously");
      WorkRejectedException error = assertInstanceOf(WorkRejectedException.class, refused.cause());
      assertEquals(WorkRejectedException.Reason.QUEUE_FULL, error.reason());
      release.countDown();
      assertEquals("first", running.await(5, TimeUnit.SECONDS));
      assertEquals("second", queued.await(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void cancellingAQueuedJobRemovesItWithoutRunningIt(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    CountDownLatch release = new CountDownLatch(1);
    boolean[] ran = new boolean[1];
    try (WorkerPool pool = new WorkerPool(1, 2)) {
      CountDownLatch started = new CountDownLatch(1);
      pool.submit(
          context,
          new Cancellation(),
          () -> {
            started.countDown();
            return release.await(5, TimeUnit.SECONDS);
          });
      // A prestarted worker reports itself active before it takes a job, so wait for the job.
      assertTrue(started.await(5, TimeUnit.SECONDS), "the first job starts");
      Cancellation cancellation = new Cancellation();
      Future<Boolean> queued = pool.submit(context, cancellation, () -> ran[0] = true);
      assertEquals(1, pool.queued());
      cancellation.cancel("client disconnected");
      assertEquals(0, pool.queued());
      TimbreflowException e =
          assertInstanceOf(
              TimbreflowException.class,
              queued
                  .toCompletionStage()
                  .toCompletableFuture()
                  .handle((v, t) -> t)
                  .get(5, TimeUnit.SECONDS));
      assertEquals(TimbreflowException.Reason.CANCELLED, e.reason());
      release.countDown();
      assertTrue(pool.shutdown(Duration.ofSeconds(5)));
      assertTrue(!ran[0], "a cancelled queued job never runs");
    }
  }

  @Test
  void failuresArriveAsFailedFutures(Vertx vertx) throws Exception {
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      Future<Object> f =
          pool.submit(
              vertx.getOrCreateContext(),
              new Cancellation(),
              () -> {
                throw new IllegalStateException("boom");
              });
      Throwable t =
          f.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(5, TimeUnit.SECONDS);
      assertInstanceOf(IllegalStateException.class, t);
    }
  }
}
