package timbreflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Open Inference Protocol (KServe V2) request and response shapes on the raw graphs. */
@ExtendWith(VertxExtension.class)
class OipTest {

  private static final int FRAMES = 6;
  private static TestServer server;
  private static int pitch;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    pitch = server.service.summary().minPitch();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return server.client.get(uri).send().await();
  }

  private static HttpResponse<Buffer> infer(String model, JsonObject body) {
    return server.client.post("/v2/models/" + model + "/infer").sendJsonObject(body).await();
  }

  private static String assertOipError(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(1, body.size(), "only an error field: " + body);
    return body.getString("error");
  }

  private static JsonObject tensor(String name, String datatype, JsonArray shape, JsonArray data) {
    return new JsonObject()
        .put("name", name)
        .put("datatype", datatype)
        .put("shape", shape)
        .put("data", data);
  }

  private static JsonArray randomFeatures(int batch, long seed) {
    Random random = new Random(seed);
    JsonArray data = new JsonArray();
    for (int i = 0; i < batch * 513 * FRAMES; i++) {
      data.add(random.nextFloat());
    }
    return data;
  }

  private static JsonObject encoderRequest(int batch, JsonArray features) {
    JsonArray pitches = new JsonArray();
    JsonArray families = new JsonArray();
    for (int i = 0; i < batch; i++) {
      pitches.add(pitch);
      families.add(0);
    }
    return new JsonObject()
        .put("id", "req-7")
        .put(
            "inputs",
            new JsonArray()
                .add(
                    tensor(
                        "features",
                        "FP32",
                        new JsonArray().add(batch).add(513).add(FRAMES),
                        features))
                .add(tensor("pitch", "INT64", new JsonArray().add(batch), pitches))
                .add(tensor("family", "INT64", new JsonArray().add(batch), families)));
  }

  @Test
  void serverMetadataAndHealthFollowTheProtocol() {
    JsonObject meta = get("/v2").bodyAsJsonObject();
    assertEquals("timbreflow", meta.getString("name"));
    assertTrue(meta.containsKey("version") && meta.getJsonArray("extensions") != null);
    assertEquals(200, get("/v2/health/live").statusCode());
    HttpResponse<Buffer> ready = get("/v2/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals(true, ready.bodyAsJsonObject().getBoolean("ready"));
  }

  @Test
  void modelMetadataDescribesEachGraphsTensors() {
    JsonObject enc = get("/v2/models/encoder").bodyAsJsonObject();
    assertEquals("encoder", enc.getString("name"));
    assertEquals(new JsonArray().add("1"), enc.getJsonArray("versions"));
    JsonObject features = enc.getJsonArray("inputs").getJsonObject(0);
    assertEquals("features", features.getString("name"));
    assertEquals("FP32", features.getString("datatype"));
    assertEquals(new JsonArray().add(-1).add(513).add(-1), features.getJsonArray("shape"));
    assertEquals("INT64", enc.getJsonArray("inputs").getJsonObject(1).getString("datatype"));
    assertEquals("bits_per_dim", enc.getJsonArray("outputs").getJsonObject(1).getString("name"));
    JsonObject prior = get("/v2/models/prior/versions/1").bodyAsJsonObject();
    assertEquals(
        new JsonArray(), prior.getJsonArray("inputs").getJsonObject(2).getJsonArray("shape"));
    assertEquals(
        "features",
        get("/v2/models/decoder")
            .bodyAsJsonObject()
            .getJsonArray("outputs")
            .getJsonObject(0)
            .getString("name"));
    assertEquals(200, get("/v2/models/decoder/ready").statusCode());
    assertEquals(200, get("/v2/models/prior/versions/1/ready").statusCode());
  }

  @Test
  void unknownModelsAndVersionsAre404WithAnErrorString() {
    assertTrue(assertOipError(get("/v2/models/vocoder"), 404).contains("encoder, decoder, prior"));
    assertOipError(get("/v2/models/encoder/versions/2"), 404);
    assertOipError(infer("vocoder", new JsonObject()), 404);
    assertOipError(get("/v2/nothing/here"), 404);
  }

  @Test
  void encoderThenDecoderRoundTripsFeaturesAndEchoesTheId() {
    JsonArray x = randomFeatures(2, 1);
    HttpResponse<Buffer> r = infer("encoder", encoderRequest(2, x));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("encoder", body.getString("model_name"));
    assertEquals("1", body.getString("model_version"));
    assertEquals("req-7", body.getString("id"));
    JsonObject z = body.getJsonArray("outputs").getJsonObject(0);
    assertEquals("z", z.getString("name"));
    assertEquals("FP32", z.getString("datatype"));
    assertEquals(new JsonArray().add(2).add(513).add(FRAMES), z.getJsonArray("shape"));
    JsonObject bpd = body.getJsonArray("outputs").getJsonObject(1);
    assertEquals(new JsonArray().add(2), bpd.getJsonArray("shape"));

    JsonObject decodeRequest =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(tensor("z", "FP32", z.getJsonArray("shape"), z.getJsonArray("data"))));
    HttpResponse<Buffer> d = infer("decoder", decodeRequest);
    assertEquals(200, d.statusCode(), d.bodyAsString());
    JsonArray back =
        d.bodyAsJsonObject().getJsonArray("outputs").getJsonObject(0).getJsonArray("data");
    assertEquals(x.size(), back.size());
    double worst = 0;
    for (int i = 0; i < x.size(); i++) {
      worst = Math.max(worst, Math.abs(x.getFloat(i) - back.getFloat(i)));
    }
    assertTrue(worst < 1e-3, "decode(encode(x)) differs from x by " + worst);
    assertTrue(!d.bodyAsJsonObject().containsKey("id"), "no id when none was sent");
  }

  @Test
  void nestedDataAndRequestedOutputsAreHonoured() {
    JsonArray nested = new JsonArray();
    Random random = new Random(2);
    JsonArray item = new JsonArray();
    for (int k = 0; k < 513; k++) {
      JsonArray row = new JsonArray();
      for (int t = 0; t < FRAMES; t++) {
        row.add(random.nextFloat());
      }
      item.add(row);
    }
    nested.add(item);
    JsonObject request =
        encoderRequest(1, nested)
            .put("outputs", new JsonArray().add(new JsonObject().put("name", "bits_per_dim")));
    HttpResponse<Buffer> r = infer("encoder", request);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray outputs = r.bodyAsJsonObject().getJsonArray("outputs");
    assertEquals(1, outputs.size());
    assertEquals("bits_per_dim", outputs.getJsonObject(0).getString("name"));
  }

  @Test
  void priorTakesAScalarFrameCount() {
    JsonObject request =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        tensor(
                            "pitch", "INT64", new JsonArray().add(1), new JsonArray().add(pitch)))
                    .add(tensor("family", "INT64", new JsonArray().add(1), new JsonArray().add(0)))
                    .add(tensor("frames", "INT64", new JsonArray(), new JsonArray().add(FRAMES))));
    HttpResponse<Buffer> r = infer("prior", request);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray outputs = r.bodyAsJsonObject().getJsonArray("outputs");
    assertEquals("mean", outputs.getJsonObject(0).getString("name"));
    assertEquals("log_std", outputs.getJsonObject(1).getString("name"));
    assertEquals(
        new JsonArray().add(1).add(513).add(FRAMES),
        outputs.getJsonObject(1).getJsonArray("shape"));
  }

  @Test
  void badTensorsAre400sNamingTheTensor() {
    JsonObject wrongType = encoderRequest(1, randomFeatures(1, 3));
    wrongType.getJsonArray("inputs").getJsonObject(1).put("datatype", "FP32");
    String m = assertOipError(infer("encoder", wrongType), 400);
    assertTrue(m.contains("pitch") && m.contains("INT64") && m.contains("FP32"), m);

    JsonObject wrongBins = encoderRequest(1, randomFeatures(1, 3));
    wrongBins
        .getJsonArray("inputs")
        .getJsonObject(0)
        .put("shape", new JsonArray().add(1).add(512).add(FRAMES));
    m = assertOipError(infer("encoder", wrongBins), 400);
    assertTrue(m.contains("513") && m.contains("512"), m);

    JsonObject wrongRank = encoderRequest(1, randomFeatures(1, 3));
    wrongRank
        .getJsonArray("inputs")
        .getJsonObject(0)
        .put("shape", new JsonArray().add(513).add(FRAMES));
    assertTrue(assertOipError(infer("encoder", wrongRank), 400).contains("rank"));

    JsonObject shortData = encoderRequest(1, new JsonArray().add(0.5));
    assertTrue(
        assertOipError(infer("encoder", shortData), 400).contains("expected " + 513 * FRAMES));

    JsonObject missing = encoderRequest(1, randomFeatures(1, 3));
    missing.getJsonArray("inputs").remove(2);
    assertTrue(assertOipError(infer("encoder", missing), 400).contains("family"));

    JsonObject unknown = encoderRequest(1, randomFeatures(1, 3));
    unknown
        .getJsonArray("inputs")
        .add(tensor("volume", "FP32", new JsonArray().add(1), new JsonArray().add(1)));
    assertTrue(assertOipError(infer("encoder", unknown), 400).contains("volume"));

    JsonObject infinite = encoderRequest(1, randomFeatures(1, 3));
    infinite.getJsonArray("inputs").getJsonObject(0).getJsonArray("data").set(5, 1e39);
    assertTrue(assertOipError(infer("encoder", infinite), 400).contains("finite"));

    JsonObject batchMismatch = encoderRequest(2, randomFeatures(2, 3));
    batchMismatch
        .getJsonArray("inputs")
        .getJsonObject(1)
        .put("shape", new JsonArray().add(1))
        .put("data", new JsonArray().add(pitch));
    assertOipError(infer("encoder", batchMismatch), 400);

    JsonObject badPitch = encoderRequest(1, randomFeatures(1, 3));
    badPitch.getJsonArray("inputs").getJsonObject(1).put("data", new JsonArray().add(1000));
    assertTrue(assertOipError(infer("encoder", badPitch), 400).contains("pitch"));

    JsonObject badOutput =
        encoderRequest(1, randomFeatures(1, 3))
            .put("outputs", new JsonArray().add(new JsonObject().put("name", "loudness")));
    assertTrue(assertOipError(infer("encoder", badOutput), 400).contains("loudness"));

    HttpResponse<Buffer> malformed =
        server
            .client
            .post("/v2/models/decoder/infer")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"inputs\": ["))
            .await();
    assertTrue(assertOipError(malformed, 400).contains("JSON"));
  }
}
