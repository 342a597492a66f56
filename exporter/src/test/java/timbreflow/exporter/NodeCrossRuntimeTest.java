package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.cli.SyntheticNotes;
import timbreflow.exporter.cli.TinyFlow;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.exporter.parity.Tolerances;
import timbreflow.exporter.pipeline.ExportRequest;
import timbreflow.exporter.pipeline.Exporter;
import timbreflow.runtime.npy.Npy;
import timbreflow.runtime.npy.NpyArray;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * ONNX Runtime Java and onnxruntime-node run the same bundle on the same inputs; {@code
 * src/test/node/check.mjs} compares every output within 1e-4. Format 1: the committed {@code
 * models/tiny} bundle under label conditions; format 2: a tiny conditional flow exported here,
 * under continuous conditions (fractional pitches, two-family mixtures) that its decoder takes too.
 */
class NodeCrossRuntimeTest {

  static final Path NODE_DIR = Path.of("src", "test", "node");
  static final Path TINY = Path.of("..", "models", "tiny");
  static final int FAMILIES = 11;

  @TempDir Path tmp;

  @Test
  void onnxruntimeNodeReproducesJavaOutputsWithin1e4() throws Exception {
    assumeNode();
    String out = crossCheck(TINY, false);
    assertTrue(out.contains("bundle format 1"), out);
    assertTrue(out.contains("ok   prior.log_std [3,513,40]"), out);
  }

  @Test
  void onnxruntimeNodeReproducesAFormat2BundleUnderContinuousConditionsWithin1e4()
      throws Exception {
    assumeNode();
    Path bundle = tmp.resolve("conditional");
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalFlow flow = TinyFlow.create(manager, TinyFlow.conditionalConfig(), 23);
      ParityReport report =
          new Exporter(new ParityGate(Tolerances.DEFAULT, List.of(4), 8))
              .export(
                  new ExportRequest(
                      flow,
                      manager,
                      new Provenance(
                          1, null, "fingerprint-node", "0123abcd", flow.config().toJson()),
                      SyntheticNotes.generate(8, 513, 251, 3),
                      bundle,
                      17,
                      Layout.BUNDLE,
                      false),
                  n -> {});
      assertTrue(report.passed(), report.summary());
    }
    String out = crossCheck(bundle, true);
    assertTrue(out.contains("bundle format 2"), out);
    assertTrue(out.contains("ok   decoder.features [3,513,40]"), out);
  }

  /**
   * Writes Java's inputs and outputs for two batch shapes as {@code .npy} and runs {@code
   * check.mjs} over them; fails unless every output agrees.
   *
   * @param continuous fractional pitches and family mixtures as float inputs to all three graphs
   *     (format 2), else int64 labels to the encoder and prior (format 1)
   * @return node's report
   */
  private String crossCheck(Path bundleDir, boolean continuous) throws Exception {
    List<String> runs = new ArrayList<>();
    try (ModelBundle m = ModelBundle.load(bundleDir)) {
      assertEquals(continuous, m.conditionalFlow(), "bundle format of " + bundleDir);
      int[][] sizes = {{1, 251}, {3, 40}};
      for (int[] bt : sizes) {
        int b = bt[0];
        int t = bt[1];
        String tag = b + "x" + t;
        Random rnd = new Random(b * 1000L + t);
        float[] x = new float[b * 513 * t];
        for (int i = 0; i < x.length; i++) {
          x[i] = rnd.nextFloat();
        }
        GraphConditions c = continuous ? mixtures(b, rnd) : labels(b, rnd);
        long[] fshape = {b, 513, t};
        Encoded e = m.encode(x, b, t, c);
        float[] back = m.decode(e.z(), b, t, c);
        PriorParams p = m.prior(c, t);
        write("features_" + tag, NpyArray.ofFloats(fshape, x));
        if (continuous) {
          write("pitch_" + tag, NpyArray.ofFloats(new long[] {b}, c.pitch()));
          write("family_" + tag, NpyArray.ofFloats(new long[] {b, FAMILIES}, c.familyWeights()));
        } else {
          write("pitch_" + tag, NpyArray.ofLongs(new long[] {b}, c.pitchLabels()));
          write("family_" + tag, NpyArray.ofLongs(new long[] {b}, c.familyLabels()));
        }
        write("frames_" + tag, NpyArray.ofLongs(new long[0], new long[] {t}));
        write("z_" + tag, NpyArray.ofFloats(fshape, e.z()));
        write("bpd_" + tag, NpyArray.ofFloats(new long[] {b}, e.bitsPerDim()));
        write("decoded_" + tag, NpyArray.ofFloats(fshape, back));
        write("mean_" + tag, NpyArray.ofFloats(fshape, p.mean()));
        write("logstd_" + tag, NpyArray.ofFloats(fshape, p.logStd()));
        String condition = "\"pitch\": \"pitch_%1$s.npy\", \"family\": \"family_%1$s.npy\"";
        runs.add(
            run(
                "encoder",
                "\"features\": \"features_%1$s.npy\", " + condition,
                "\"z\": \"z_%1$s.npy\", \"bits_per_dim\": \"bpd_%1$s.npy\"",
                tag));
        runs.add(
            run(
                "decoder",
                "\"z\": \"z_%1$s.npy\"" + (continuous ? ", " + condition : ""),
                "\"features\": \"decoded_%1$s.npy\"",
                tag));
        runs.add(
            run(
                "prior",
                condition + ", \"frames\": \"frames_%1$s.npy\"",
                "\"mean\": \"mean_%1$s.npy\", \"log_std\": \"logstd_%1$s.npy\"",
                tag));
      }
    }
    Path cases = tmp.resolve("cases.json");
    Files.writeString(
        cases,
        "{\"bundle\": \""
            + bundleDir.toAbsolutePath().normalize()
            + "\", \"tolerance\": 1e-4, \"runs\": ["
            + String.join(", ", runs)
            + "]}");
    Process proc =
        new ProcessBuilder("node", "check.mjs", cases.toAbsolutePath().toString())
            .directory(NODE_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "node timed out:\n" + out);
    System.out.print(out);
    assertEquals(0, proc.exitValue(), "onnxruntime-node disagrees with ONNX Runtime Java:\n" + out);
    assertTrue(out.contains("ok   prior.log_std [3,513,40]"), out);
    return out;
  }

  /** Integer pitches 24–103 and one family each. */
  private static GraphConditions labels(int b, Random rnd) {
    long[] pitch = new long[b];
    long[] family = new long[b];
    for (int i = 0; i < b; i++) {
      pitch[i] = 24 + rnd.nextInt(80);
      family[i] = rnd.nextInt(FAMILIES);
    }
    return GraphConditions.ofLabels(pitch, family, FAMILIES);
  }

  /** Fractional pitches in 24–104 and a random mixture of two families each. */
  private static GraphConditions mixtures(int b, Random rnd) {
    float[] pitch = new float[b];
    float[] weights = new float[b * FAMILIES];
    for (int i = 0; i < b; i++) {
      pitch[i] = 24 + 80 * rnd.nextFloat();
      int first = rnd.nextInt(FAMILIES);
      int second = (first + 1 + rnd.nextInt(FAMILIES - 1)) % FAMILIES;
      float share = rnd.nextFloat();
      weights[i * FAMILIES + first] = share;
      weights[i * FAMILIES + second] = 1 - share;
    }
    return new GraphConditions(pitch, weights, FAMILIES);
  }

  private void write(String name, NpyArray a) {
    Npy.write(a, tmp.resolve(name + ".npy"));
  }

  private static String run(String graph, String inputs, String outputs, String tag) {
    return "{\"graph\": \""
        + graph
        + "\", \"inputs\": {"
        + String.format(inputs, tag)
        + "}, \"outputs\": {"
        + String.format(outputs, tag)
        + "}}";
  }

  /**
   * Skips without node or onnxruntime-node, unless TIMBREFLOW_REQUIRE_NODE=1 makes it a failure.
   */
  private static void assumeNode() throws InterruptedException {
    boolean required = "1".equals(System.getenv("TIMBREFLOW_REQUIRE_NODE"));
    boolean present =
        nodeAvailable() && Files.isDirectory(NODE_DIR.resolve("node_modules/onnxruntime-node"));
    if (required) {
      assertTrue(
          present,
          "TIMBREFLOW_REQUIRE_NODE=1 but node or "
              + NODE_DIR
              + "/node_modules is missing"
              + " (run npm ci --ignore-scripts there)");
    }
    Assumptions.assumeTrue(
        present, "node or onnxruntime-node is missing: npm ci --ignore-scripts in " + NODE_DIR);
  }

  private static boolean nodeAvailable() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      // no node on PATH: assumeNode reports it
      return false;
    }
  }
}
