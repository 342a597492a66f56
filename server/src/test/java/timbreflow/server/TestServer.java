package timbreflow.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.server.engine.BundleNoteService;

/** A real server on port 0 over the committed tiny bundle, and a client for it. */
final class TestServer implements AutoCloseable {

  /** The tiny real bundle exported by the project's exporter (relative to the module dir). */
  static final Path TINY = Path.of("..", "models", "tiny");

  final ServerConfig config;
  final BundleNoteService service;
  final ServerMain.Running running;
  final WebClient client;

  private TestServer(ServerConfig config, Vertx clientVertx) {
    this.config = config;
    this.service = BundleNoteService.open(config.modelDir(), config.bundleOptions());
    this.running = ServerMain.start(config, service);
    this.client =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(running.port()),
            new PoolOptions().setHttp1MaxSize(32));
  }

  /** A server with test-friendly defaults: 2 workers, queue 8, 16 Griffin-Lim iterations. */
  static TestServer start(Vertx clientVertx) {
    return start(clientVertx, c -> c);
  }

  /** A server whose test defaults {@code tweak} adjusts. */
  static TestServer start(Vertx clientVertx, UnaryOperator<ServerConfig.Builder> tweak) {
    if (!Files.isRegularFile(TINY.resolve("model.json"))) {
      throw new IllegalStateException(
          "the tiny test bundle is missing at " + TINY.toAbsolutePath());
    }
    ServerConfig.Builder base =
        ServerConfig.builder()
            .setModelDir(TINY)
            .optHost("127.0.0.1")
            .optPort(0)
            .optWorkers(2)
            .optQueueCapacity(8)
            .optDevice("cpu")
            .optMaxBodyBytes(10L * 1024 * 1024)
            .optDefaultIterations(16)
            .optMaxIterations(5000)
            .optDeadline(Duration.ofSeconds(60))
            .optShutdownGrace(Duration.ofSeconds(20));
    return new TestServer(tweak.apply(base).build(), clientVertx);
  }

  int port() {
    return running.port();
  }

  static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> response) {
    return response.await();
  }

  /** A WAV of a {@code hz} sine, {@code seconds} long at {@code rate}, 16-bit PCM. */
  static byte[] tone(double hz, double seconds, int rate) {
    float[] samples = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < samples.length; i++) {
      double env = Math.min(1.0, (samples.length - i) / (0.1 * rate));
      samples[i] = (float) (0.5 * env * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return WavWriter.toBytes(new Waveform(samples, rate), WavEncoding.PCM_16);
  }

  private boolean closed;

  /** Stops the server gracefully (idempotent). */
  synchronized void stopServer() {
    if (!closed) {
      closed = true;
      running.stop(Duration.ofSeconds(30));
      service.close();
    }
  }

  @Override
  public void close() {
    client.close();
    stopServer();
  }
}
