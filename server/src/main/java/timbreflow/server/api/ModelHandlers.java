package timbreflow.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import timbreflow.server.engine.ModelSummary;

/**
 * {@code GET /v1/model} (the bundle's description, limits and defaults) and the bundle's example
 * notes, {@code GET /v1/examples} and {@code GET /v1/examples/:name}.
 */
public final class ModelHandlers {

  private final String modelJson;
  private final Map<String, Path> examples;

  /** Describes {@code summary}; lists {@code bundleDir/examples/*.wav} once, at startup. */
  public ModelHandlers(ModelSummary summary, Limits limits, Path bundleDir) {
    this.examples = listExamples(bundleDir.resolve("examples"));
    var stft = summary.stft();
    JsonObject json =
        new JsonObject()
            .put("families", new JsonArray(summary.families()))
            .put(
                "pitch",
                new JsonObject().put("min", summary.minPitch()).put("max", summary.maxPitch()))
            .put(
                "stft",
                new JsonObject()
                    .put("sampleRate", stft.sampleRate())
                    .put("nFft", stft.nFft())
                    .put("hop", stft.hop())
                    .put("noteSamples", stft.noteSamples())
                    .put("bins", stft.bins())
                    .put("frames", stft.noteFrames())
                    .put("window", "periodic hann, centered"))
            .put(
                "features",
                new JsonObject()
                    .put(
                        "formula", "x = clip(10*log10(max(|X|^2, 1e-13) / ref), -120, 0) / 120 + 1")
                    .put("topDb", 120)
                    .put("floorPower", 1e-13))
            .put(
                "griffinLim",
                new JsonObject()
                    .put("iterations", limits.defaultIterations())
                    .put("maxIterations", limits.maxIterations())
                    .put("momentum", limits.defaultMomentum()))
            .put("limits", new JsonObject().put("maxBodyBytes", limits.maxBodyBytes()))
            .put("examples", new JsonArray(examples.keySet().stream().toList()))
            .put("manifest", new JsonObject(summary.manifest()));
    this.modelJson = json.encode();
  }

  /** {@code GET /v1/model}. */
  public void model(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(modelJson);
  }

  /** {@code GET /v1/examples}: names and URLs of the bundled example notes. */
  public void listExamples(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    examples
        .keySet()
        .forEach(n -> list.add(new JsonObject().put("name", n).put("url", "/v1/examples/" + n)));
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("examples", list).encode());
  }

  /** {@code GET /v1/examples/:name}: one example WAV. */
  public void example(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Path file = examples.get(name);
    if (file == null) {
      throw ApiError.notFound(
          "example " + QueryParams.quote(name) + " not found; the bundle has " + examples.keySet());
    }
    ctx.response().putHeader("Content-Type", "audio/wav").sendFile(file.toString());
  }

  private static Map<String, Path> listExamples(Path dir) {
    Map<String, Path> found = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().endsWith(".wav") && Files.isRegularFile(p))
          .forEach(p -> found.put(p.getFileName().toString(), p.toAbsolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list example notes in " + dir, e);
    }
    return found;
  }
}
