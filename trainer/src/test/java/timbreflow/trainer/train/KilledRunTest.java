package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilledRunTest {

  @TempDir Path dir;

  @Test
  void aKilledRunLeavesReadableCheckpointsAndResumes() throws IOException, InterruptedException {
    Path run = dir.resolve("run");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                javaBin,
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                KilledRunMain.class.getName(),
                run.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (checkpoints(run) < 3 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(
          child.isAlive(),
          "the run ended by itself: " + Files.readString(dir.resolve("child.log")));
      assertTrue(checkpoints(run) >= 3, "no checkpoints within 120 s");
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    CheckpointStore store = new CheckpointStore(run, 3);
    List<Path> left = store.list();
    assertFalse(left.isEmpty());
    for (Path checkpoint : left) {
      CheckpointContents.read(checkpoint);
    }
    long step = CheckpointContents.read(left.get(left.size() - 1)).metadata().step();
    try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(CheckpointFile.TEMP_SUFFIX)));
    }
    Trainer.Result resumed =
        new Trainer(run, new PrintStream(OutputStream.nullOutputStream()))
            .resume(TinyNotes.render(12, 1), TinyNotes.render(3, 2), "tiny", (int) step + 2, null);
    assertEquals(step + 2, resumed.step());
  }

  private static long checkpoints(Path run) throws IOException {
    Path folder = run.resolve("checkpoints");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".ckpt")).count();
    }
  }
}
