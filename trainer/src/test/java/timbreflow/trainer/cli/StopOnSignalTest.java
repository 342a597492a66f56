package timbreflow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.flow.FlowConfig;
import timbreflow.trainer.train.Checkpoint;

/**
 * A real {@code train} process stopped by SIGTERM in the middle of its steps: it finishes the step,
 * writes a checkpoint of it, exits without a native crash, and the run resumes from there.
 */
class StopOnSignalTest {

  private static final Pattern STOPPED =
      Pattern.compile("stopped at step (\\d+); resume with --resume");

  @TempDir Path dir;

  @Test
  void sigtermMidRunCheckpointsTheLastStepExitsCleanlyAndResumes()
      throws IOException, InterruptedException {
    Path data = RenderedNotes.render(dir.resolve("data"), "73,0", "60-63", "0.5");
    Path flowJson = dir.resolve("flow.json");
    // wide enough that a step spends tens of milliseconds in libtorch: the signal lands in one
    Files.writeString(
        flowJson,
        FlowConfig.seedDesign().toBuilder()
            .optChannels(513)
            .optSteps(2)
            .optHiddenChannels(32)
            .optLayers(2)
            .optKernelSize(3)
            .optShuffleSeed(7L)
            .optActNorm(true)
            .optPitchEmbedding(4)
            .optFamilyEmbedding(4)
            .optPriorFrames(0)
            .build()
            .toJson());
    Path run = dir.resolve("run");
    Path log = dir.resolve("train.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process train =
        new ProcessBuilder(
                java,
                "-Dai.djl.offline=true",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp",
                System.getProperty("java.class.path"),
                TrainerCli.class.getName(),
                "train",
                "--data",
                data.toString(),
                "--run",
                run.toString(),
                "--flow-config",
                flowJson.toString(),
                "--steps",
                "1000000",
                "--batch-size",
                "4",
                "--crop-frames",
                "32",
                "--checkpoint-every",
                "1000000",
                "--valid-every",
                "0",
                "--threads",
                "1",
                "--device",
                "cpu")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (loggedSteps(run) < 5 && train.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(train.isAlive(), "train ended by itself: " + Files.readString(log));
      assertTrue(loggedSteps(run) >= 5, "no 5 steps within 180 s: " + Files.readString(log));
      train.destroy(); // SIGTERM
      assertTrue(train.waitFor(90, TimeUnit.SECONDS), "train did not exit within 90 s");
    } finally {
      train.destroyForcibly();
      train.waitFor();
    }
    String output = Files.readString(log);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> crashes =
          files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
      assertTrue(crashes.isEmpty(), "native crash: " + crashes + "\n" + output);
    }
    // 128 + SIGTERM: the JVM's status after its shutdown hooks ran to the end
    assertEquals(143, train.exitValue(), output);
    Matcher stopped = STOPPED.matcher(output);
    assertTrue(stopped.find(), output);
    long step = Long.parseLong(stopped.group(1));
    try (Checkpoint checkpoint = Checkpoint.load(run)) {
      assertEquals(step, checkpoint.metadata().step());
    }
    try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
    RenderedNotes.resume(data, run, step + 2);
  }

  /** Rows of the run's train-log.csv so far. */
  private static long loggedSteps(Path run) throws IOException {
    Path csv = run.resolve("train-log.csv");
    if (!Files.isRegularFile(csv)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(csv)) {
      return lines.filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).count();
    }
  }
}
