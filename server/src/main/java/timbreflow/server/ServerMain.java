package timbreflow.server;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import timbreflow.runtime.TimbreflowException;
import timbreflow.server.engine.BundleNoteService;
import timbreflow.server.engine.NoteService;
import timbreflow.server.metrics.ServerMetrics;

/**
 * {@code java -jar timbreflow-server.jar [--model DIR] [--host H] [--port P] [--workers N]
 * [--device cpu|cuda]}: loads and verifies the bundle, warms it up, binds, prints the URL.
 *
 * <p>Exit codes: 0 after a clean stop (SIGTERM included), 2 for bad flags or a missing, corrupt or
 * mismatched bundle (before binding), 3 when the warm-up fails, 4 when the port cannot be bound.
 */
@Command(
    name = "timbreflow-server",
    mixinStandardHelpOptions = true,
    version = "timbreflow-server " + TimbreflowVerticle.VERSION,
    description =
        "Serves a timbreflow model bundle over HTTP: /v1 API, /v2 Open Inference Protocol, web page at /.")
public final class ServerMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  @Option(names = "--model", description = "model bundle directory (default: ${DEFAULT-VALUE})")
  Path model = Path.of("models/default");

  @Option(names = "--host", description = "interface to bind (default: ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "TCP port, 0 = any free port (default: ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(
      names = "--workers",
      description = "model/Griffin-Lim worker threads (default: one per core)")
  Integer workers;

  @Option(
      names = "--queue",
      description = "requests that may wait for a worker (default: 4 per worker)")
  Integer queue;

  @Option(names = "--device", description = "cpu or cuda (default: ${DEFAULT-VALUE})")
  String device = "cpu";

  @Option(
      names = "--max-body-mb",
      description = "largest request body in MB (default: ${DEFAULT-VALUE})")
  int maxBodyMb = 10;

  @Option(
      names = "--iterations",
      description = "default Griffin-Lim iterations (default: ${DEFAULT-VALUE})")
  int iterations = 1000;

  @Option(
      names = "--max-iterations",
      description = "cap on requested Griffin-Lim iterations (default: ${DEFAULT-VALUE})")
  int maxIterations = 5000;

  @Option(
      names = "--deadline-s",
      description = "per-request deadline in seconds (default: ${DEFAULT-VALUE})")
  int deadlineSeconds = 120;

  @Option(
      names = "--grace-s",
      description =
          "how long in-flight requests may finish after SIGTERM (default: ${DEFAULT-VALUE})")
  int graceSeconds = 30;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new ServerMain());
    int code = cli.execute(args);
    if (code != 0 || cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() {
    PrintStream err = System.err;
    ServerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("timbreflow-server: " + e.getMessage());
      return 2;
    }
    if (!Files.isDirectory(config.modelDir())) {
      err.println(
          "timbreflow-server: no model bundle at "
              + config.modelDir().toAbsolutePath()
              + " (expected a directory with model.json, encoder.onnx, decoder.onnx, prior.onnx;"
              + " export one, or pass --model models/tiny)");
      return 2;
    }
    NoteService service;
    try {
      service = BundleNoteService.open(config.modelDir(), config.bundleOptions());
    } catch (TimbreflowException e) {
      err.println(
          "timbreflow-server: cannot load model bundle "
              + config.modelDir()
              + ": "
              + e.getMessage());
      return 2;
    }
    try {
      long start = System.nanoTime();
      service.warmUp();
      LOG.info("warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      err.println(
          "timbreflow-server: warm-up on " + config.modelDir() + " failed: " + e.getMessage());
      service.close();
      return 3;
    }
    Running running;
    try {
      running = start(config, service);
    } catch (RuntimeException e) {
      err.println(
          "timbreflow-server: cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage());
      service.close();
      return 4;
    }
    // SIGTERM runs shutdown hooks and then exits 143; halting from the hook after a clean stop
    // makes a requested stop exit 0 as promised, without relying on the internal sun.misc.Signal.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: no new connections, finishing in-flight requests");
                  running.stop(config.shutdownGrace().plusSeconds(10));
                  service.close();
                  LOG.info("stopped");
                  Runtime.getRuntime().halt(0);
                },
                "timbreflow-shutdown"));
    System.out.println(
        "timbreflow server ready at http://"
            + config.host()
            + ":"
            + running.port()
            + "/ (model "
            + config.modelDir()
            + ", "
            + config.workers()
            + " workers)");
    System.out.flush();
    return 0;
  }

  /** A started server: its Vert.x instance, verticle and bound port. */
  public record Running(Vertx vertx, TimbreflowVerticle verticle) {

    /** The bound port. */
    public int port() {
      return verticle.port();
    }

    /** Undeploys (graceful) and closes Vert.x, waiting up to {@code limit}. */
    public void stop(Duration limit) {
      try {
        vertx.close().await(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not close within {}: {}", limit, e.toString());
      }
    }
  }

  /** Starts Vert.x with metrics and deploys the server; blocks until bound. */
  public static Running start(ServerConfig config, NoteService service) {
    ServerMetrics metrics = new ServerMetrics();
    Vertx vertx =
        Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.vertxFactory()).build();
    TimbreflowVerticle verticle = new TimbreflowVerticle(config, service, metrics);
    try {
      vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
    return new Running(vertx, verticle);
  }

  private ServerConfig config() {
    ServerConfig.Builder builder =
        ServerConfig.builder()
            .setModelDir(model)
            .optHost(host)
            .optPort(port)
            .optDevice(device)
            .optMaxBodyBytes((long) maxBodyMb * 1024 * 1024)
            .optDefaultIterations(iterations)
            .optMaxIterations(maxIterations)
            .optDeadline(Duration.ofSeconds(deadlineSeconds))
            .optShutdownGrace(Duration.ofSeconds(graceSeconds));
    if (workers != null) {
      builder.optWorkers(workers);
    }
    if (queue != null) {
      builder.optQueueCapacity(queue);
    }
    return builder.build();
  }
}
