package timbreflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Startup refuses bad bundles and flags with a clear message and a non-zero exit, unbound. */
class ServerMainTest {

  private static Result run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new ServerMain()).execute(args);
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  private record Result(int code, String err) {}

  @Test
  void aMissingBundleStopsStartupNamingTheDirectory(@TempDir Path dir) {
    Result r = run("--model", dir.resolve("default").toString(), "--port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no model bundle at") && r.err().contains("default"), r.err());
  }

  @Test
  void aBundleWithoutManifestIsRejected(@TempDir Path dir) {
    Result r = run("--model", dir.toString(), "--port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("model.json"), r.err());
  }

  @Test
  void aCorruptGraphIsRejectedByItsChecksum(@TempDir Path dir) throws IOException {
    try (Stream<Path> files = Files.list(TestServer.TINY)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    byte[] encoder = Files.readAllBytes(dir.resolve("encoder.onnx"));
    encoder[encoder.length / 2] ^= 0x5a;
    Files.write(dir.resolve("encoder.onnx"), encoder);
    Result r = run("--model", dir.toString(), "--port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("encoder.onnx") && r.err().contains("sha256"), r.err());
  }

  @Test
  void badFlagsAreRejectedNamingTheFlag() {
    Result r = run("--model", TestServer.TINY.toString(), "--device", "tpu");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--device") && r.err().contains("tpu"), r.err());
    assertEquals(2, run("--workers", "0").code());
  }
}
