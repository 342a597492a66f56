package timbreflow.server.oip;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import timbreflow.server.api.ApiError;
import timbreflow.server.api.Dispatcher;
import timbreflow.server.api.Replies;
import timbreflow.server.api.Reply;
import timbreflow.server.engine.GraphSignature;
import timbreflow.server.engine.NoteService;
import timbreflow.server.engine.OipTensorSpec;
import timbreflow.server.engine.Tensor;

/**
 * The Open Inference Protocol REST routes: {@code /v2}, {@code /v2/health/live|ready}, {@code
 * /v2/models/{name}[/versions/1]}, {@code …/ready} and {@code …/infer}.
 */
public final class OipHandlers {

  /** The only model version the server has. */
  public static final String VERSION = "1";

  private final NoteService service;
  private final Dispatcher dispatcher;
  private final BooleanSupplier ready;
  private final Map<String, GraphSignature> graphs;
  private final String serverVersion;

  public OipHandlers(
      NoteService service, Dispatcher dispatcher, BooleanSupplier ready, String serverVersion) {
    this.service = service;
    this.dispatcher = dispatcher;
    this.ready = ready;
    this.serverVersion = serverVersion;
    this.graphs =
        service.graphs().stream()
            .collect(
                Collectors.toMap(
                    GraphSignature::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  /** Marks the route's errors as OIP-shaped; runs first on every {@code /v2} route. */
  public void markOip(RoutingContext ctx) {
    ctx.put(Replies.OIP_STYLE, Boolean.TRUE);
    ctx.next();
  }

  /** {@code GET /v2}: server metadata. */
  public void server(RoutingContext ctx) {
    json(
        ctx,
        200,
        new JsonObject()
            .put("name", "timbreflow")
            .put("version", serverVersion)
            .put("extensions", new JsonArray()));
  }

  /** {@code GET /v2/health/live}. */
  public void live(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("live", true));
  }

  /** {@code GET /v2/health/ready}: 200 once warmed up, 503 while shutting down. */
  public void ready(RoutingContext ctx) {
    boolean isReady = ready.getAsBoolean();
    json(ctx, isReady ? 200 : 503, new JsonObject().put("ready", isReady));
  }

  /** {@code GET /v2/models/{name}}: inputs and outputs of one graph. */
  public void metadata(RoutingContext ctx) {
    GraphSignature graph = graph(ctx);
    json(
        ctx,
        200,
        new JsonObject()
            .put("name", graph.name())
            .put("versions", new JsonArray().add(VERSION))
            .put("platform", "onnxruntime_onnx")
            .put("inputs", specs(graph.inputs()))
            .put("outputs", specs(graph.outputs())));
  }

  /** {@code GET /v2/models/{name}/ready}. */
  public void modelReady(RoutingContext ctx) {
    GraphSignature graph = graph(ctx);
    boolean isReady = ready.getAsBoolean();
    json(
        ctx, isReady ? 200 : 503, new JsonObject().put("name", graph.name()).put("ready", isReady));
  }

  /** {@code POST /v2/models/{name}/infer}: parse, check, run and answer on a worker. */
  public void infer(RoutingContext ctx) {
    GraphSignature graph = graph(ctx);
    var buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    dispatcher.run(
        ctx,
        c -> {
          InferRequest request = TensorCodec.read(body, graph);
          c.check();
          List<Tensor> outputs = service.infer(graph.name(), request.inputs());
          if (!request.outputs().isEmpty()) {
            outputs = outputs.stream().filter(t -> request.outputs().contains(t.name())).toList();
          }
          return Reply.of(
              "application/json", TensorCodec.write(graph.name(), request.id(), outputs));
        });
  }

  private GraphSignature graph(RoutingContext ctx) {
    String name = ctx.pathParam("model");
    GraphSignature graph = graphs.get(name);
    if (graph == null) {
      throw ApiError.notFound(
          "unknown model \"" + name + "\"; models: " + String.join(", ", graphs.keySet()));
    }
    String version = ctx.pathParam("version");
    if (version != null && !version.equals(VERSION)) {
      throw ApiError.notFound(
          "unknown version \"" + version + "\" of model " + name + "; versions: " + VERSION);
    }
    return graph;
  }

  private static JsonArray specs(List<OipTensorSpec> specs) {
    JsonArray out = new JsonArray();
    for (OipTensorSpec s : specs) {
      JsonArray shape = new JsonArray();
      for (long d : s.shape()) {
        shape.add(d);
      }
      out.add(
          new JsonObject().put("name", s.name()).put("datatype", s.datatype()).put("shape", shape));
    }
    return out;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
