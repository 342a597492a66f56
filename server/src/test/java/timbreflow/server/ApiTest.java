package timbreflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.npy.Npy;
import timbreflow.runtime.npy.NpyArray;

/** Every /v1 endpoint's happy path and bad inputs, against the real tiny bundle. */
@ExtendWith(VertxExtension.class)
class ApiTest {

  private static TestServer server;
  private static byte[] a4;
  private static byte[] c5;
  private static Path uploads;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    a4 = TestServer.tone(440, 1.0, 22_050);
    c5 = TestServer.tone(523.25, 2.0, 16_000);
    uploads = Files.createTempDirectory("timbreflow-api-test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> post(String uri, byte[] body) {
    return server
        .client
        .post(uri)
        .putHeader("Content-Type", "audio/wav")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return server.client.get(uri).send().await();
  }

  private static JsonObject assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    assertNotNull(r.getHeader("X-Request-Id"));
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"), r.bodyAsString());
    String message = error.getString("message");
    assertFalse(message.isBlank());
    assertFalse(message.contains("\tat ") || message.contains("Exception"), message);
    return error;
  }

  private static Waveform assertWav(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("audio/wav", r.getHeader("Content-Type"));
    Waveform w = WavReader.read(r.body().getBytes());
    assertEquals(16_000, w.sampleRate());
    float peak = 0;
    for (float s : w.samples()) {
      assertTrue(Float.isFinite(s));
      peak = Math.max(peak, Math.abs(s));
    }
    assertTrue(peak > 0, "silent output");
    return w;
  }

  private static void assertPng(HttpResponse<Buffer> r) throws Exception {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("image/png", r.getHeader("Content-Type"));
    var image = ImageIO.read(new ByteArrayInputStream(r.body().getBytes()));
    assertNotNull(image);
    assertEquals(513, image.getHeight());
  }

  @Test
  void modelDescribesFamiliesPitchRangeStftAndLimits() {
    HttpResponse<Buffer> r = get("/v1/model");
    assertEquals(200, r.statusCode());
    JsonObject model = r.bodyAsJsonObject();
    assertFalse(model.getJsonArray("families").isEmpty());
    assertEquals(513, model.getJsonObject("stft").getInteger("bins"));
    assertEquals(251, model.getJsonObject("stft").getInteger("frames"));
    assertEquals(16, model.getJsonObject("griffinLim").getInteger("iterations"));
    assertEquals(5000, model.getJsonObject("griffinLim").getInteger("maxIterations"));
    assertTrue(
        model.getJsonObject("pitch").getInteger("min")
            <= model.getJsonObject("pitch").getInteger("max"));
    assertNotNull(model.getJsonObject("manifest").getValue("graphs"));
  }

  @Test
  void examplesAreListedAndServedAsWav() {
    JsonObject listing = get("/v1/examples").bodyAsJsonObject();
    assertFalse(listing.getJsonArray("examples").isEmpty(), "the tiny bundle ships examples");
    String url = listing.getJsonArray("examples").getJsonObject(0).getString("url");
    HttpResponse<Buffer> r = get(url);
    assertEquals(200, r.statusCode());
    assertTrue(WavReader.read(r.body().getBytes()).length() > 0);
    assertError(get("/v1/examples/nope.wav"), 404, "not_found");
    assertError(get("/v1/examples/..%2Fmodel.json"), 404, "not_found");
  }

  @Test
  void reconstructReturnsANoteLengthWavWithStatsHeaders() {
    HttpResponse<Buffer> r = post("/v1/reconstruct?iterations=16&seed=3", a4);
    Waveform w = assertWav(r);
    assertEquals(64_000, w.length());
    assertTrue(Double.isFinite(Double.parseDouble(r.getHeader("X-Bits-Per-Dim"))));
    assertTrue(Double.isFinite(Double.parseDouble(r.getHeader("X-Spectral-Convergence-Db"))));
    String stages = r.getHeader("X-Stage-Millis");
    for (String stage : new String[] {"read", "features", "encode", "decode", "griffin_lim"}) {
      assertTrue(stages.contains(stage + "="), stages);
    }
    assertTrue(r.getHeader("Server-Timing").contains("griffin_lim;dur="));
  }

  @Test
  void aWavSentAsAFormBodyIsStillReadAsAWav() {
    HttpResponse<Buffer> r =
        server
            .client
            .post("/v1/spectrogram")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Buffer.buffer(a4))
            .await();
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  @Test
  void reconstructWithNoiseAndExplicitConditionsStillRenders() {
    assertWav(post("/v1/reconstruct?iterations=8&noise=0.01&pitch=69&momentum=0", c5));
  }

  @Test
  void reconstructViewPngReturnsTheSpectrogramOfTheResult() throws Exception {
    assertPng(post("/v1/reconstruct?iterations=8&view=png", a4));
  }

  @Test
  void encodeReturnsALatentThatDecodeTurnsBackIntoAudio() {
    HttpResponse<Buffer> r = post("/v1/encode", a4);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    NpyArray z = Npy.read(r.body().getBytes());
    assertEquals("[1, 513, 251]", Arrays.toString(z.shape()));
    HttpResponse<Buffer> decoded =
        server
            .client
            .post("/v1/decode?iterations=8")
            .putHeader("Content-Type", "application/octet-stream")
            .sendBuffer(r.body())
            .await();
    assertEquals(64_000, assertWav(decoded).length());
  }

  @Test
  void decodeAcceptsA2dLatentAndDrawsIt() throws Exception {
    float[] z = new float[513 * 20];
    HttpResponse<Buffer> r =
        server
            .client
            .post("/v1/decode?iterations=4&view=png")
            .sendBuffer(Buffer.buffer(Npy.toBytes(NpyArray.ofFloats(new long[] {513, 20}, z))))
            .await();
    assertPng(r);
  }

  @Test
  void interpolateMidpointIsOneNote() throws Exception {
    Waveform w = assertWav(interpolate("?alpha=0.5&iterations=8"));
    assertEquals(64_000, w.length());
  }

  @Test
  void interpolateSweepPlaysEveryStepStretched() throws Exception {
    Waveform w = assertWav(interpolate("?steps=3&stretch=1.5&iterations=4"));
    int framesPerStep = (int) Math.round(251 * 1.5);
    assertEquals((3 * framesPerStep - 1) * 256, w.length());
  }

  @Test
  void interpolateTakesEachNotesConditionAndNamesABadOne() throws Exception {
    JsonObject model = get("/v1/model").bodyAsJsonObject();
    String first = model.getJsonArray("families").getString(0);
    String last = model.getJsonArray("families").getString(1);
    Waveform w =
        assertWav(
            interpolate(
                "?alpha=0.25&iterations=4&pitch_a=69&family_a="
                    + first
                    + "&pitch_b=72&family_b="
                    + last));
    assertEquals(64_000, w.length());
    String m =
        assertError(interpolate("?family_b=kazoo"), 400, "invalid_argument").getString("message");
    assertTrue(m.contains("family_b") && m.contains("kazoo"), m);
    assertError(interpolate("?pitch_a=500"), 400, "invalid_argument");
  }

  @Test
  void decodeTakesAConditionAndChecksIt() {
    float[] z = new float[513 * 20];
    Buffer latent = Buffer.buffer(Npy.toBytes(NpyArray.ofFloats(new long[] {513, 20}, z)));
    HttpResponse<Buffer> r =
        server
            .client
            .post("/v1/decode?iterations=4&pitch=48&family=organ")
            .sendBuffer(latent)
            .await();
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertError(
        server.client.post("/v1/decode?family=kazoo").sendBuffer(latent).await(),
        400,
        "invalid_argument");
  }

  @Test
  void interpolateViewPng() throws Exception {
    assertPng(interpolate("?steps=2&iterations=2&view=png"));
  }

  private static HttpResponse<Buffer> interpolate(String query) throws Exception {
    Path fa = Files.write(uploads.resolve("a.wav"), a4);
    Path fb = Files.write(uploads.resolve("b.wav"), c5);
    MultipartForm form =
        MultipartForm.create()
            .binaryFileUpload("a", "a.wav", fa.toString(), "audio/wav")
            .binaryFileUpload("b", "b.wav", fb.toString(), "audio/wav");
    return server.client.post("/v1/interpolate" + query).sendMultipartForm(form).await();
  }

  @Test
  void sampleRendersANoteFromThePrior() throws Exception {
    JsonObject model = get("/v1/model").bodyAsJsonObject();
    String family = model.getJsonArray("families").getString(0);
    int pitch = model.getJsonObject("pitch").getInteger("min");
    Waveform w =
        assertWav(
            get(
                "/v1/sample?pitch="
                    + pitch
                    + "&family="
                    + family
                    + "&temperature=0.7&seed=1&iterations=8"));
    assertEquals(64_000, w.length());
    assertPng(get("/v1/sample?view=png&iterations=2"));
  }

  @Test
  void spectrogramIsAPngOfTheNoteAsTheModelSeesIt() throws Exception {
    HttpResponse<Buffer> r = post("/v1/spectrogram", a4);
    assertPng(r);
  }

  @Test
  void emptyOrNonWavBodiesAreRejectedNamingTheBody() {
    assertTrue(
        assertError(post("/v1/reconstruct", new byte[0]), 400, "invalid_argument")
            .getString("message")
            .startsWith("body"));
    assertError(post("/v1/reconstruct", "not a wav at all".getBytes()), 400, "malformed_audio");
    byte[] truncated = Arrays.copyOf(a4, 30);
    assertError(post("/v1/encode", truncated), 400, "malformed_audio");
    assertError(post("/v1/spectrogram", "RIFF....WAVEjunk".getBytes()), 400, "malformed_audio");
  }

  @Test
  void griffinLimControlsAreRangeChecked() {
    String m =
        assertError(post("/v1/reconstruct?iterations=5001", a4), 400, "invalid_argument")
            .getString("message");
    assertTrue(m.contains("iterations") && m.contains("5000") && m.contains("5001"), m);
    assertError(post("/v1/reconstruct?iterations=ten", a4), 400, "invalid_argument");
    assertError(post("/v1/reconstruct?momentum=2", a4), 400, "invalid_argument");
    assertError(post("/v1/reconstruct?noise=NaN", a4), 400, "invalid_argument");
    assertError(post("/v1/reconstruct?view=gif", a4), 400, "invalid_argument");
    assertError(get("/v1/sample?temperature=-1"), 400, "invalid_argument");
  }

  @Test
  void unknownFamilyListsTheValidOnes() {
    JsonObject model = get("/v1/model").bodyAsJsonObject();
    String m =
        assertError(get("/v1/sample?family=kazoo"), 400, "invalid_argument").getString("message");
    assertTrue(m.contains("kazoo"), m);
    for (Object family : model.getJsonArray("families")) {
      assertTrue(m.contains((String) family), m);
    }
    assertError(post("/v1/encode?family=kazoo", a4), 400, "invalid_argument");
  }

  @Test
  void pitchOutOfRangeIsRejected() {
    String m =
        assertError(get("/v1/sample?pitch=300"), 400, "invalid_argument").getString("message");
    assertTrue(m.startsWith("pitch") && m.contains("300"), m);
    assertError(post("/v1/reconstruct?pitch=-1", a4), 400, "invalid_argument");
  }

  @Test
  void bodiesOverTheLimitGet413() {
    byte[] big = new byte[11 * 1024 * 1024];
    assertError(post("/v1/reconstruct", big), 413, "payload_too_large");
  }

  @Test
  void audioLongerThanTheLimitIsRejected() {
    String m =
        assertError(
                post("/v1/reconstruct", TestServer.tone(220, 31, 8000)), 400, "invalid_argument")
            .getString("message");
    assertTrue(m.contains("30 s") && m.contains("31.0 s"), m);
  }

  @Test
  void latentsWithNanOrTheWrongShapeAreRejected() {
    float[] z = new float[513 * 4];
    z[7] = Float.NaN;
    byte[] nan = Npy.toBytes(NpyArray.ofFloats(new long[] {1, 513, 4}, z));
    String m =
        assertError(
                server.client.post("/v1/decode").sendBuffer(Buffer.buffer(nan)).await(),
                400,
                "invalid_tensor")
            .getString("message");
    assertTrue(m.contains("finite") && m.contains("NaN"), m);
    byte[] wrong = Npy.toBytes(NpyArray.ofFloats(new long[] {2, 512, 4}, new float[2 * 512 * 4]));
    m =
        assertError(
                server.client.post("/v1/decode").sendBuffer(Buffer.buffer(wrong)).await(),
                400,
                "invalid_tensor")
            .getString("message");
    assertTrue(m.contains("513") && m.contains("[2, 512, 4]"), m);
    assertError(
        server.client.post("/v1/decode").sendBuffer(Buffer.buffer("\u0093NUMPY garbage")).await(),
        400,
        "invalid_tensor");
  }

  @Test
  void interpolateNeedsAMultipartWithPartsAAndB() throws Exception {
    String m =
        assertError(post("/v1/interpolate", a4), 400, "invalid_argument").getString("message");
    assertTrue(m.contains("multipart"), m);
    Path fa = Files.write(uploads.resolve("only-a.wav"), a4);
    MultipartForm onlyA =
        MultipartForm.create().binaryFileUpload("a", "a.wav", fa.toString(), "audio/wav");
    m =
        assertError(
                server.client.post("/v1/interpolate").sendMultipartForm(onlyA).await(),
                400,
                "invalid_argument")
            .getString("message");
    assertTrue(m.startsWith("b:"), m);
    MultipartForm both =
        MultipartForm.create()
            .binaryFileUpload("a", "a.wav", fa.toString(), "audio/wav")
            .binaryFileUpload("b", "b.wav", fa.toString(), "audio/wav");
    assertError(
        server.client.post("/v1/interpolate?alpha=0.3&steps=3").sendMultipartForm(both).await(),
        400,
        "invalid_argument");
    assertError(
        server.client.post("/v1/interpolate?alpha=1.5").sendMultipartForm(both).await(),
        400,
        "invalid_argument");
    HttpResponse<Buffer> garbled =
        server
            .client
            .post("/v1/interpolate")
            .putHeader("Content-Type", "multipart/form-data; boundary=xyz")
            .sendBuffer(
                Buffer.buffer(
                    "--xyz\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.wav\"\r\n\r\nRIFF"))
            .await();
    assertEquals(400, garbled.statusCode(), garbled.bodyAsString());
    assertNotNull(garbled.bodyAsJsonObject().getJsonObject("error"));
  }

  @Test
  void interpolatePartsThatAreNotWavNameThePart() throws Exception {
    Path fa = Files.write(uploads.resolve("good.wav"), a4);
    Path fb = Files.write(uploads.resolve("bad.wav"), "nope".getBytes());
    MultipartForm form =
        MultipartForm.create()
            .binaryFileUpload("a", "a.wav", fa.toString(), "audio/wav")
            .binaryFileUpload("b", "b.wav", fb.toString(), "audio/wav");
    String m =
        assertError(
                server.client.post("/v1/interpolate?iterations=2").sendMultipartForm(form).await(),
                400,
                "malformed_audio")
            .getString("message");
    assertTrue(m.startsWith("b:"), m);
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    assertError(get("/v1/nothing"), 404, "not_found");
    assertError(
        server.client.request(HttpMethod.DELETE, "/v1/model").send().await(),
        405,
        "method_not_allowed");
  }

  @Test
  void requestIdsAreEchoedOrMinted() {
    HttpResponse<Buffer> r =
        server.client.get("/v1/model").putHeader("X-Request-Id", "abc-123").send().await();
    assertEquals("abc-123", r.getHeader("X-Request-Id"));
    assertNotNull(get("/v1/model").getHeader("X-Request-Id"));
  }

  @Test
  void metricsCountRequestsByRouteAndStatusAndTimeTheWork() {
    post("/v1/reconstruct?iterations=4", a4);
    post("/v1/reconstruct?iterations=9999", a4);
    String metrics = get("/metrics").bodyAsString();
    assertTrue(metrics.contains("vertx_http_server_requests_total"), metrics);
    assertTrue(
        metrics.matches(
            "(?s).*vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*route=\"/v1/reconstruct\".*"),
        "200 by route");
    assertTrue(
        metrics.matches(
            "(?s).*vertx_http_server_requests_total\\{[^}]*code=\"400\"[^}]*route=\"/v1/reconstruct\".*"),
        "400 by route");
    assertTrue(metrics.contains("timbreflow_inference_seconds_count{graph=\"encoder\"}"), metrics);
    assertTrue(metrics.contains("timbreflow_griffin_lim_seconds_count"), metrics);
    assertTrue(metrics.contains("timbreflow_queue_depth"), metrics);
    assertTrue(metrics.contains("timbreflow_workers_busy"), metrics);
  }

  @Test
  void thePageAndItsScriptAreServed() {
    HttpResponse<Buffer> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
    assertTrue(page.bodyAsString().contains("id=\"reconstruct-button\""));
    assertEquals(200, get("/app.js").statusCode());
  }
}
