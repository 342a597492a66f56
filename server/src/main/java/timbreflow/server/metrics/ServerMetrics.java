package timbreflow.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * The server's Prometheus registry and its own meters.
 *
 * <p>Meters: {@code timbreflow_inference_seconds{graph}}, {@code timbreflow_griffin_lim_seconds},
 * {@code timbreflow_queue_depth}, {@code timbreflow_workers_busy}, {@code
 * timbreflow_rejections_total{reason}}, {@code timbreflow_cancellations_total{cause}}; Vert.x adds
 * {@code vertx_http_server_requests_total{route,code,method}} and its response-time histogram.
 */
public final class ServerMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The registry that {@code /metrics} scrapes. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Vert.x options that report HTTP metrics by route, method and status into this registry. */
  public VertxOptions vertxOptions() {
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setPrometheusOptions(
                new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
            .setLabels(
                EnumSet.of(
                    Label.HTTP_ROUTE,
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME));
    return new VertxOptions().setMetricsOptions(metrics);
  }

  /** The factory to pass to {@code Vertx.builder().withMetrics(...)}. */
  public MicrometerMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** Registers gauges that read the pool's queue depth and busy workers on each scrape. */
  public void watchPool(Supplier<Number> queued, Supplier<Number> busy) {
    Gauge.builder("timbreflow_queue_depth", queued)
        .description("requests waiting for a worker")
        .register(registry);
    Gauge.builder("timbreflow_workers_busy", busy)
        .description("workers running model or Griffin-Lim work")
        .register(registry);
  }

  /** Records one run of {@code graph} (encoder, decoder, prior). */
  public void inference(String graph, long nanos) {
    Timer.builder("timbreflow_inference")
        .description("ONNX graph run time")
        .tag("graph", graph)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Records one Griffin-Lim run. */
  public void griffinLim(long nanos) {
    Timer.builder("timbreflow_griffin_lim")
        .description("Griffin-Lim phase reconstruction time")
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Counts a request refused before it ran ({@code queue_full}, {@code shutting_down}). */
  public void rejected(String reason) {
    Counter.builder("timbreflow_rejections")
        .description("requests refused before they ran")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Counts a request cancelled while queued or running ({@code disconnect}, {@code deadline}). */
  public void cancelled(String cause) {
    Counter.builder("timbreflow_cancellations")
        .description("requests cancelled while queued or running")
        .tag("cause", cause)
        .register(registry)
        .increment();
  }
}
