package timbreflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import timbreflow.server.work.WorkerPool;

/**
 * Behaviour under load: an over-full queue answers 503 at once, a client that disconnects frees its
 * worker, a deadline answers 504, and a stop lets the in-flight request finish.
 */
@ExtendWith(VertxExtension.class)
class LoadSheddingTest {

  /** Enough Griffin-Lim iterations that a request certainly outlives the test's checks. */
  private static final String SLOW = "/v1/reconstruct?iterations=5000";

  private static final byte[] NOTE = TestServer.tone(330, 1.0, 16_000);

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private static HttpClientRequest open(HttpClient http, int port, String uri) {
    return http.request(HttpMethod.POST, port, "127.0.0.1", uri).await();
  }

  @Test
  void anOverFullQueueAnswers503AtOnceAndDisconnectsFreeTheWorkers(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx, b -> b.optWorkers(1).optQueueCapacity(1))) {
      WorkerPool pool = server.running.verticle().pool();
      HttpClient http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
      List<HttpClientRequest> slow = new ArrayList<>();
      List<Future<HttpClientResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        HttpClientRequest request = open(http, server.port(), SLOW);
        answers.add(request.send(Buffer.buffer(NOTE)));
        slow.add(request);
      }
      waitFor("one running and one queued", () -> pool.active() == 1 && pool.queued() == 1);

      long start = System.nanoTime();
      HttpResponse<Buffer> rejected =
          server.client.post(SLOW).sendBuffer(Buffer.buffer(NOTE)).await();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(503, rejected.statusCode(), rejected.bodyAsString());
      assertEquals(
          "overloaded", rejected.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertNotNull(rejected.getHeader("Retry-After"));
      assertTrue(millis < 1000, "503 took " + millis + " ms");

      slow.forEach(r -> r.reset());
      waitFor(
          "the running and queued requests to be cancelled",
          () -> pool.active() == 0 && pool.queued() == 0);
      String metrics = server.client.get("/metrics").send().await().bodyAsString();
      assertTrue(
          metrics.contains("timbreflow_rejections_total{reason=\"queue_full\"} 1.0"), metrics);
      assertTrue(metrics.contains("timbreflow_cancellations_total{cause=\"disconnect\"}"), metrics);

      HttpResponse<Buffer> after =
          server
              .client
              .post("/v1/reconstruct?iterations=4")
              .sendBuffer(Buffer.buffer(NOTE))
              .await();
      assertEquals(200, after.statusCode(), "the pool serves again after the cancellations");
      http.close();
    }
  }

  @Test
  void aRequestPastItsDeadlineGets504AndItsWorkerIsFreed(Vertx vertx) throws Exception {
    try (TestServer server =
        TestServer.start(
            vertx,
            b -> b.optDeadline(Duration.ofMillis(300)).optShutdownGrace(Duration.ofSeconds(5)))) {
      HttpResponse<Buffer> r = server.client.post(SLOW).sendBuffer(Buffer.buffer(NOTE)).await();
      assertEquals(504, r.statusCode(), r.bodyAsString());
      assertEquals(
          "deadline_exceeded", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
      WorkerPool pool = server.running.verticle().pool();
      waitFor("the worker to stop", () -> pool.active() == 0);
    }
  }

  @Test
  void stoppingLetsTheInFlightRequestFinishAndRefusesNewOnes(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      WorkerPool pool = server.running.verticle().pool();
      Future<HttpResponse<Buffer>> inFlight =
          server.client.post("/v1/reconstruct?iterations=400").sendBuffer(Buffer.buffer(NOTE));
      waitFor("the request to start", () -> pool.active() == 1);
      Thread stopper = new Thread(server::stopServer);
      stopper.start();
      HttpResponse<Buffer> done = inFlight.await();
      assertEquals(200, done.statusCode(), done.bodyAsString());
      assertTrue(done.body().length() > 64_000, "a whole WAV arrived");
      stopper.join(30_000);
      Future<HttpResponse<Buffer>> late = server.client.get("/v1/model").send();
      assertTrue(
          late.toCompletionStage().toCompletableFuture().handle((r, e) -> e != null).get(),
          "a request after the stop is refused");
    }
  }
}
