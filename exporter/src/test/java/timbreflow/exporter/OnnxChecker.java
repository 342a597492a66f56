package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code python3-onnx} (an ONNX implementation that is not ours) over graphs: {@code
 * onnx.checker.check_model(model, full_check=True)}, which includes strict shape inference.
 */
final class OnnxChecker {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, os, onnx",
          "for f in sys.argv[1:]:",
          "    m = onnx.load(f)",
          "    onnx.checker.check_model(m, full_check=True)",
          "    print(os.path.basename(f), 'opset', m.opset_import[0].version, 'ok')");

  private OnnxChecker() {}

  static void assumeAvailable() throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(PYTHON)
            && run(List.of(PYTHON.toString(), "-c", "import onnx")).exit == 0,
        "Debian python3-onnx is not installed (bin/install-test-deps installs it)");
  }

  /** Checks every graph; fails the test with the checker's output when one is rejected. */
  static String check(List<Path> graphs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", SCRIPT));
    graphs.forEach(g -> cmd.add(g.toString()));
    Result r = run(cmd);
    assertEquals(0, r.exit, "onnx.checker rejected a graph:\n" + r.output);
    return r.output;
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out + "\n(timed out)");
    }
    return new Result(p.exitValue(), out);
  }
}
