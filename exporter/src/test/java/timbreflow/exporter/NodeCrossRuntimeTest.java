package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import timbreflow.runtime.npy.Npy;
import timbreflow.runtime.npy.NpyArray;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;

/**
 * ONNX Runtime Java and onnxruntime-node run the committed {@code models/tiny} bundle on the same
 * inputs; {@code src/test/node/check.mjs} compares every output within 1e-4.
 */
class NodeCrossRuntimeTest {

  static final Path NODE_DIR = Path.of("src", "test", "node");
  static final Path TINY = Path.of("..", "models", "tiny");

  @TempDir Path tmp;

  @Test
  void onnxruntimeNodeReproducesJavaOutputsWithin1e4() throws Exception {
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
    List<String> runs = new ArrayList<>();
    try (ModelBundle m = ModelBundle.load(TINY)) {
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
        long[] pitch = new long[b];
        long[] family = new long[b];
        for (int i = 0; i < b; i++) {
          pitch[i] = 24 + rnd.nextInt(80);
          family[i] = rnd.nextInt(11);
        }
        long[] fshape = {b, 513, t};
        Encoded e = m.encode(x, b, t, pitch, family);
        float[] back = m.decode(e.z(), b, t);
        PriorParams p = m.prior(pitch, family, t);
        write("features_" + tag, NpyArray.ofFloats(fshape, x));
        write("pitch_" + tag, NpyArray.ofLongs(new long[] {b}, pitch));
        write("family_" + tag, NpyArray.ofLongs(new long[] {b}, family));
        write("frames_" + tag, NpyArray.ofLongs(new long[0], new long[] {t}));
        write("z_" + tag, NpyArray.ofFloats(fshape, e.z()));
        write("bpd_" + tag, NpyArray.ofFloats(new long[] {b}, e.bitsPerDim()));
        write("decoded_" + tag, NpyArray.ofFloats(fshape, back));
        write("mean_" + tag, NpyArray.ofFloats(fshape, p.mean()));
        write("logstd_" + tag, NpyArray.ofFloats(fshape, p.logStd()));
        runs.add(
            run(
                "encoder",
                "\"features\": \"features_%1$s.npy\", \"pitch\": \"pitch_%1$s.npy\","
                    + " \"family\": \"family_%1$s.npy\"",
                "\"z\": \"z_%1$s.npy\", \"bits_per_dim\": \"bpd_%1$s.npy\"",
                tag));
        runs.add(
            run("decoder", "\"z\": \"z_%1$s.npy\"", "\"features\": \"decoded_%1$s.npy\"", tag));
        runs.add(
            run(
                "prior",
                "\"pitch\": \"pitch_%1$s.npy\", \"family\": \"family_%1$s.npy\", \"frames\": \"frames_%1$s.npy\"",
                "\"mean\": \"mean_%1$s.npy\", \"log_std\": \"logstd_%1$s.npy\"",
                tag));
      }
    }
    Path cases = tmp.resolve("cases.json");
    Files.writeString(
        cases,
        "{\"bundle\": \""
            + TINY.toAbsolutePath().normalize()
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

  private static boolean nodeAvailable() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      // no node on PATH: the assumption below reports it
      return false;
    }
  }
}
