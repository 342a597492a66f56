package timbreflow.server;

import java.nio.file.Path;
import java.time.Duration;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.Device;

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
    return builder().setModelDir(modelDir).build();
  }

  /**
   * ONNX Runtime options for this configuration: the device, and as many threads per operator as
   * there are cores per worker.
   */
  public BundleOptions bundleOptions() {
    int cores = Runtime.getRuntime().availableProcessors();
    return BundleOptions.builder()
        .optIntraOpThreads(Math.max(1, cores / workers))
        .optDevice(device.equals("cuda") ? Device.CUDA : Device.CPU)
        .build();
  }

  /** A builder with every optional field at its default; the model directory must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .setModelDir(modelDir)
        .optHost(host)
        .optPort(port)
        .optWorkers(workers)
        .optQueueCapacity(queueCapacity)
        .optDevice(device)
        .optMaxBodyBytes(maxBodyBytes)
        .optDefaultIterations(defaultIterations)
        .optMaxIterations(maxIterations)
        .optDeadline(deadline)
        .optShutdownGrace(shutdownGrace);
  }

  /**
   * Builds a {@link ServerConfig}, DJL style: {@code setModelDir} is required, every {@code optX}
   * has a default; {@link #build()} validates the whole and names the first bad field.
   */
  public static final class Builder {
    private Path modelDir;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int workers = Runtime.getRuntime().availableProcessors();
    private Integer queueCapacity;
    private String device = "cpu";
    private long maxBodyBytes = 10L * 1024 * 1024;
    private int defaultIterations = 1000;
    private int maxIterations = 5000;
    private Duration deadline = Duration.ofSeconds(120);
    private Duration shutdownGrace = Duration.ofSeconds(30);

    private Builder() {}

    /** Sets the model bundle directory (required). */
    public Builder setModelDir(Path value) {
      modelDir = value;
      return this;
    }

    /** Sets the interface to bind (default loopback). */
    public Builder optHost(String value) {
      host = value;
      return this;
    }

    /** Sets the TCP port; 0 picks a free one (default 8080). */
    public Builder optPort(int value) {
      port = value;
      return this;
    }

    /** Sets the worker threads (default one per core). */
    public Builder optWorkers(int value) {
      workers = value;
      return this;
    }

    /** Sets how many requests may wait for a worker (default 4 per worker). */
    public Builder optQueueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    /** Sets the device, {@code cpu} or {@code cuda} (default cpu). */
    public Builder optDevice(String value) {
      device = value;
      return this;
    }

    /** Sets the largest request body in bytes (default 10 MiB). */
    public Builder optMaxBodyBytes(long value) {
      maxBodyBytes = value;
      return this;
    }

    /** Sets the Griffin-Lim iterations of a request that names none (default 1000). */
    public Builder optDefaultIterations(int value) {
      defaultIterations = value;
      return this;
    }

    /** Sets the most Griffin-Lim iterations a request may ask for (default 5000). */
    public Builder optMaxIterations(int value) {
      maxIterations = value;
      return this;
    }

    /** Sets the per-request deadline (default 120 s). */
    public Builder optDeadline(Duration value) {
      deadline = value;
      return this;
    }

    /** Sets how long in-flight requests may finish after SIGTERM (default 30 s). */
    public Builder optShutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first missing or bad field
     */
    public ServerConfig build() {
      if (modelDir == null) {
        throw new IllegalArgumentException(
            "--model: expected a model bundle directory, found none");
      }
      return new ServerConfig(
          modelDir,
          host,
          port,
          workers,
          queueCapacity == null ? 4 * Math.max(1, workers) : queueCapacity,
          device,
          maxBodyBytes,
          defaultIterations,
          maxIterations,
          deadline,
          shutdownGrace);
    }
  }

  private static void require(boolean ok, String field, String expected, Object found) {
    if (!ok) {
      throw new IllegalArgumentException(
          "--" + field + ": expected " + expected + ", found " + found);
    }
  }
}
