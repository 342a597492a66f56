package timbreflow.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the server is told at startup.
 *
 * @param modelDir the model bundle directory
 * @param host interface to bind
 * @param port TCP port; 0 picks a free one
 * @param workers threads running model and Griffin-Lim work
 * @param queueCapacity requests that may wait for a worker before new ones get 503
 * @param device {@code cpu} or {@code cuda}
 * @param maxBodyBytes request bodies above this get 413
 * @param defaultIterations Griffin-Lim iterations when a request names none
 * @param maxIterations Griffin-Lim iterations above this get 400
 * @param deadline a request still unanswered after this is cancelled and gets 504
 * @param shutdownGrace how long in-flight requests may take to finish after SIGTERM
 */
public record ServerConfig(
    Path modelDir,
    String host,
    int port,
    int workers,
    int queueCapacity,
    String device,
    long maxBodyBytes,
    int defaultIterations,
    int maxIterations,
    Duration deadline,
    Duration shutdownGrace) {

  public ServerConfig {
    require(port >= 0 && port <= 65_535, "port", "0..65535", port);
    require(workers >= 1, "workers", ">= 1", workers);
    require(queueCapacity >= 1, "queue", ">= 1", queueCapacity);
    require(device.equals("cpu") || device.equals("cuda"), "device", "cpu or cuda", device);
    require(maxBodyBytes >= 1024, "max-body", ">= 1024 bytes", maxBodyBytes);
    require(maxIterations >= 1, "max-iterations", ">= 1", maxIterations);
    require(
        defaultIterations >= 1 && defaultIterations <= maxIterations,
        "iterations",
        "1.." + maxIterations,
        defaultIterations);
    require(!deadline.isNegative() && !deadline.isZero(), "deadline", "> 0", deadline);
    require(!shutdownGrace.isNegative(), "shutdown-grace", ">= 0", shutdownGrace);
  }

  /** Defaults for a bundle: loopback, port 8080, one worker per core, queue of 4 per worker. */
  public static ServerConfig defaults(Path modelDir) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig(
        modelDir,
        "127.0.0.1",
        8080,
        cores,
        4 * cores,
        "cpu",
        10L * 1024 * 1024,
        1000,
        5000,
        Duration.ofSeconds(120),
        Duration.ofSeconds(30));
  }

  /** A copy listening on {@code newPort}. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        modelDir,
        host,
        newPort,
        workers,
        queueCapacity,
        device,
        maxBodyBytes,
        defaultIterations,
        maxIterations,
        deadline,
        shutdownGrace);
  }

  /** A copy with {@code newWorkers} workers and a queue of {@code newQueue}. */
  public ServerConfig withPool(int newWorkers, int newQueue) {
    return new ServerConfig(
        modelDir,
        host,
        port,
        newWorkers,
        newQueue,
        device,
        maxBodyBytes,
        defaultIterations,
        maxIterations,
        deadline,
        shutdownGrace);
  }

  /** A copy with a different per-request deadline and shutdown grace. */
  public ServerConfig withTimes(Duration newDeadline, Duration newGrace) {
    return new ServerConfig(
        modelDir,
        host,
        port,
        workers,
        queueCapacity,
        device,
        maxBodyBytes,
        defaultIterations,
        maxIterations,
        newDeadline,
        newGrace);
  }

  private static void require(boolean ok, String field, String expected, Object found) {
    if (!ok) {
      throw new IllegalArgumentException(
          "--" + field + ": expected " + expected + ", found " + found);
    }
  }
}
