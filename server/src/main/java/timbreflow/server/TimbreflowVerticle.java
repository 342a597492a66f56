package timbreflow.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import timbreflow.server.api.Dispatcher;
import timbreflow.server.api.ErrorMapping;
import timbreflow.server.api.InterpolateHandler;
import timbreflow.server.api.Limits;
import timbreflow.server.api.ModelHandlers;
import timbreflow.server.api.NoteHandlers;
import timbreflow.server.api.Replies;
import timbreflow.server.api.RequestIds;
import timbreflow.server.api.UploadBodyHandler;
import timbreflow.server.engine.NoteService;
import timbreflow.server.metrics.ServerMetrics;
import timbreflow.server.oip.OipHandlers;
import timbreflow.server.work.WorkerPool;

/**
 * The HTTP server: routes, body limits, the worker pool, and graceful stop.
 *
 * <p>{@link #start()} returns the listen future, so a deployment completes only once the port is
 * bound; {@link #stop()} stops accepting, lets in-flight requests finish within the configured
 * grace, then stops the workers.
 */
public final class TimbreflowVerticle extends VerticleBase {

  /** Server version reported by {@code GET /v2}. */
  public static final String VERSION = "0.1.0";

  private final ServerConfig config;
  private final NoteService service;
  private final ServerMetrics metrics;
  private final AtomicBoolean ready = new AtomicBoolean();
  private WorkerPool pool;
  private HttpServer server;
  private Router router;

  public TimbreflowVerticle(ServerConfig config, NoteService service, ServerMetrics metrics) {
    this.config = config;
    this.service = service;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool = new WorkerPool(config.workers(), config.queueCapacity());
    metrics.watchPool(pool::queued, pool::active);
    service.reportTo(metrics);
    router = router();
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
            .requestHandler(router);
    return server.listen().onSuccess(s -> ready.set(true));
  }

  @Override
  public Future<?> stop() {
    ready.set(false);
    long graceMillis = config.shutdownGrace().toMillis();
    Future<Void> closed =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(graceMillis, TimeUnit.MILLISECONDS);
    return closed.compose(
        v -> vertx.executeBlocking(() -> pool.shutdown(config.shutdownGrace()), false));
  }

  /** Every route as {@code METHOD /path}, path parameters written {@code {name}} as in OpenAPI. */
  public List<String> routes() {
    List<String> out = new ArrayList<>();
    for (var route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
      route.methods().forEach(m -> out.add(m.name() + " " + openApiPath));
    }
    return out;
  }

  /** The worker pool (for tests and metrics). */
  public WorkerPool pool() {
    return pool;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  private Router router() {
    Limits limits =
        new Limits(config.defaultIterations(), config.maxIterations(), 0.99, config.maxBodyBytes());
    Dispatcher dispatcher = new Dispatcher(pool, metrics, config.deadline());
    NoteHandlers notes = new NoteHandlers(service, dispatcher, limits);
    InterpolateHandler interpolate = new InterpolateHandler(service, dispatcher, limits);
    ModelHandlers model = new ModelHandlers(service.summary(), limits, config.modelDir());
    OipHandlers oip = new OipHandlers(service, dispatcher, ready::get, VERSION);
    BodyHandler bodies = bodyHandler();
    BodyHandler raw = new UploadBodyHandler(bodies, UploadBodyHandler.Mode.RAW);
    BodyHandler multipart = new UploadBodyHandler(bodies, UploadBodyHandler.Mode.MULTIPART);
    Buffer openapi = resource("openapi.yaml");

    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());

    router.get("/v1/model").handler(model::model);
    router.get("/v1/examples").handler(model::listExamples);
    router.get("/v1/examples/:name").handler(model::example);
    router.post("/v1/reconstruct").handler(raw).handler(notes::reconstruct);
    router.post("/v1/encode").handler(raw).handler(notes::encode);
    router.post("/v1/decode").handler(raw).handler(notes::decode);
    router.post("/v1/interpolate").handler(multipart).handler(interpolate::handle);
    router.get("/v1/sample").handler(notes::sample);
    router.post("/v1/spectrogram").handler(raw).handler(notes::spectrogram);

    router.route("/v2*").handler(oip::markOip);
    router.get("/v2").handler(oip::server);
    router.get("/v2/health/live").handler(oip::live);
    router.get("/v2/health/ready").handler(oip::ready);
    for (String base : new String[] {"/v2/models/:model", "/v2/models/:model/versions/:version"}) {
      router.get(base).handler(oip::metadata);
      router.get(base + "/ready").handler(oip::modelReady);
      router.post(base + "/infer").handler(bodies).handler(oip::infer);
    }

    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
    router
        .get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openapi));
    router.get("/*").handler(StaticHandler.create("webroot"));

    router
        .route()
        .failureHandler(
            ctx ->
                Replies.fail(
                    ctx,
                    ctx.failure() != null
                        ? ctx.failure()
                        : ErrorMapping.frameworkStatus(ctx, limits.maxBodyBytes())));
    router.errorHandler(404, ctx -> Replies.fail(ctx, ErrorMapping.notFound(ctx)));
    router.errorHandler(405, ctx -> Replies.fail(ctx, ErrorMapping.methodNotAllowed(ctx)));
    return router;
  }

  private BodyHandler bodyHandler() {
    String uploads;
    try {
      uploads = Files.createTempDirectory("timbreflow-uploads").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an uploads directory", e);
    }
    return BodyHandler.create(uploads)
        .setBodyLimit(config.maxBodyBytes())
        .setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(false);
  }

  private static Buffer resource(String name) {
    try (InputStream in = TimbreflowVerticle.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the server jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
