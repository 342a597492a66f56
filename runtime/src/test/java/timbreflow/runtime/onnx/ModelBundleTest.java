package timbreflow.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/** Runs against the committed tiny bundle {@code models/tiny} (made by bin/make-tiny-model). */
class ModelBundleTest {

  static final Path TINY = Path.of("..", "models", "tiny");

  @TempDir Path tmp;
  Path bundle;

  @BeforeEach
  void copyTinyBundle() throws IOException {
    bundle = tmp.resolve("tiny");
    Files.createDirectories(bundle);
    try (Stream<Path> files = Files.list(TINY)) {
      for (Path f : files.toList()) {
        Files.copy(f, bundle.resolve(f.getFileName()));
      }
    }
  }

  static float[] features(int batch, int frames, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[batch * 513 * frames];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextFloat();
    }
    return x;
  }

  @Test
  void decodeInvertsEncodeToWithin1e4AtOddSizes() {
    try (ModelBundle m = ModelBundle.load(bundle)) {
      assertEquals(Device.CPU, m.device());
      for (int[] bt : new int[][] {{1, 251}, {3, 17}, {2, 1}}) {
        int b = bt[0];
        int t = bt[1];
        float[] x = features(b, t, b * 31L + t);
        Encoded e = m.encode(x, b, t, new long[b], new long[b]);
        assertEquals(b, e.bitsPerDim().length);
        assertEquals(x.length, e.z().length);
        float[] back = m.decode(e.z(), b, t);
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i], back[i], 1e-4, "element " + i + " of " + b + "x513x" + t);
        }
      }
    }
  }

  @Test
  void priorCoversTheRequestedFramesAndIsConstantAlongThem() {
    try (ModelBundle m = ModelBundle.load(bundle)) {
      PriorParams p = m.prior(new long[] {60, 61}, new long[] {0, 10}, 7);
      assertEquals(2 * 513 * 7, p.mean().length);
      assertEquals(p.mean()[3 * 7], p.mean()[3 * 7 + 6]);
      assertTrue(p.mean()[0] != p.mean()[513 * 7], "different conditions, different means");
    }
  }

  @Test
  void shaMismatchNamesTheFileAndBothChecksums() throws IOException {
    byte[] bytes = Files.readAllBytes(bundle.resolve("decoder.onnx"));
    bytes[bytes.length - 1] ^= 1;
    Files.write(bundle.resolve("decoder.onnx"), bytes);
    TimbreflowException e = assertInvalid();
    assertTrue(e.getMessage().contains("decoder.onnx: sha256 mismatch, expected "), e.getMessage());
    assertTrue(e.getMessage().contains("found " + Checksums.sha256(bytes)), e.getMessage());
  }

  @Test
  void missingGraphAndMissingManifestAreNamed() throws IOException {
    Files.delete(bundle.resolve("prior.onnx"));
    assertTrue(assertInvalid().getMessage().contains("missing file prior.onnx"));
    Files.delete(bundle.resolve("model.json"));
    assertTrue(assertInvalid().getMessage().contains("missing file model.json"));
  }

  @Test
  void bytesThatAreNotOnnxAreRejectedAsNotLoadable() throws IOException {
    byte[] junk = "this is not a protobuf".getBytes();
    Files.write(bundle.resolve("encoder.onnx"), junk);
    rewriteManifest(
        m ->
            withGraph(
                m,
                GraphContract.ENCODER,
                m.graphs().get(GraphContract.ENCODER),
                Checksums.sha256(junk),
                null));
    assertTrue(assertInvalid().getMessage().contains("is not a loadable ONNX model"));
  }

  @Test
  void graphsSwappedUnderTheirChecksumsFailTheInterfaceCheck() throws IOException {
    Manifest m = Manifest.read(bundle);
    GraphSpec dec = m.graphs().get(GraphContract.DECODER);
    GraphSpec prior = m.graphs().get(GraphContract.PRIOR);
    rewriteManifest(
        x ->
            withGraph(
                withGraph(x, GraphContract.DECODER, dec, prior.sha256(), prior.file()),
                GraphContract.PRIOR,
                prior,
                dec.sha256(),
                dec.file()));
    TimbreflowException e = assertInvalid();
    assertTrue(e.getMessage().contains("expected inputs [z]"), e.getMessage());
  }

  @Test
  void manifestThatDisagreesWithGraphMetadataIsRejected() throws IOException {
    rewriteManifest(
        m ->
            new Manifest(
                m.formatVersion(),
                m.producer(),
                m.producerVersion(),
                22050,
                m.nFft(),
                m.hop(),
                m.window(),
                m.center(),
                m.noteSamples(),
                m.bins(),
                m.features(),
                m.families(),
                m.pitchMin(),
                m.pitchMax(),
                m.opset(),
                m.graphs(),
                m.provenance()));
    TimbreflowException e = assertInvalid();
    assertTrue(
        e.getMessage().contains("metadata timbreflow.sample_rate expected '22050'")
            && e.getMessage().contains("found '16000'"),
        e.getMessage());
  }

  @Test
  void manifestWithWrongTensorShapesIsRejectedBeforeOpeningSessions() throws IOException {
    rewriteManifest(
        m ->
            new Manifest(
                m.formatVersion(),
                m.producer(),
                m.producerVersion(),
                m.sampleRate(),
                m.nFft(),
                m.hop(),
                m.window(),
                m.center(),
                m.noteSamples(),
                512,
                m.features(),
                m.families(),
                m.pitchMin(),
                m.pitchMax(),
                m.opset(),
                m.graphs(),
                m.provenance()));
    assertTrue(assertInvalid().getMessage().contains("[-1, 512, -1]"));
  }

  @Test
  void nanInTheLatentIsAnInvalidTensorWithItsIndex() {
    try (ModelBundle m = ModelBundle.load(bundle)) {
      float[] z = new float[2 * 513 * 5];
      z[513 * 5 + 2 * 5 + 3] = Float.NaN;
      TimbreflowException e = assertThrows(TimbreflowException.class, () -> m.decode(z, 2, 5));
      assertEquals(Reason.INVALID_TENSOR, e.reason());
      assertEquals("z: expected finite values, found NaN at [1, 2, 3]", e.getMessage());
    }
  }

  @Test
  void wrongLengthsAndOutOfRangeConditionsNameTheField() {
    try (ModelBundle m = ModelBundle.load(bundle)) {
      TimbreflowException len =
          assertThrows(TimbreflowException.class, () -> m.decode(new float[100], 1, 5));
      assertEquals(Reason.INVALID_TENSOR, len.reason());
      assertEquals("z: expected 2565 values ([1, 513, 5]), found 100", len.getMessage());
      TimbreflowException fam =
          assertThrows(
              TimbreflowException.class, () -> m.prior(new long[] {60}, new long[] {11}, 3));
      assertEquals(Reason.INVALID_ARGUMENT, fam.reason());
      assertEquals("family[0]: expected 0..10, found 11", fam.getMessage());
    }
  }

  @Test
  void cudaRequestFallsBackToCpuWhenThisBuildHasNoCuda() {
    Assumptions.assumeFalse(
        OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "this ONNX Runtime build has CUDA; the fallback path does not apply");
    BundleOptions cuda =
        BundleOptions.builder().optDevice(Device.CUDA).optIntraOpThreads(1).build();
    try (ModelBundle m = ModelBundle.load(bundle, cuda)) {
      assertEquals(Device.CPU, m.device());
    }
  }

  @Test
  void cudaSessionsRunWhenAGpuBuildAndGpuArePresent() {
    Assumptions.assumeTrue(
        OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "needs the onnxruntime_gpu build (-Ponnxruntime-gpu) and a CUDA GPU");
    BundleOptions cuda = BundleOptions.builder().optDevice(Device.CUDA).build();
    try (ModelBundle gpu = ModelBundle.load(bundle, cuda);
        ModelBundle cpu = ModelBundle.load(bundle)) {
      assertEquals(Device.CUDA, gpu.device());
      float[] x = features(2, 31, 5);
      float[] zg = gpu.encode(x, 2, 31, new long[] {60, 70}, new long[] {1, 2}).z();
      float[] zc = cpu.encode(x, 2, 31, new long[] {60, 70}, new long[] {1, 2}).z();
      for (int i = 0; i < zc.length; i++) {
        assertEquals(zc[i], zg[i], 1e-4);
      }
    }
  }

  @Test
  void manifestRoundTripsThroughJson() {
    Manifest m = Manifest.read(bundle);
    assertEquals(m, Manifest.fromJson(m.toJson()));
    assertArrayEquals(
        new long[] {-1, 513, -1}, m.graphs().get(GraphContract.ENCODER).inputs().get(0).shape());
  }

  private TimbreflowException assertInvalid() {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> ModelBundle.load(bundle).close());
    assertEquals(Reason.INVALID_MODEL, e.reason(), e.getMessage());
    return e;
  }

  private void rewriteManifest(UnaryOperator<Manifest> edit) throws IOException {
    Files.writeString(bundle.resolve("model.json"), edit.apply(Manifest.read(bundle)).toJson());
  }

  private static Manifest withGraph(
      Manifest m, String key, GraphSpec spec, String sha, String file) {
    Map<String, GraphSpec> graphs = new LinkedHashMap<>(m.graphs());
    graphs.put(
        key, new GraphSpec(file == null ? spec.file() : file, sha, spec.inputs(), spec.outputs()));
    return m.withGraphs(graphs);
  }
}
