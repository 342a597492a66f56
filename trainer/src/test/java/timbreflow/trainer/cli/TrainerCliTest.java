package timbreflow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import timbreflow.trainer.train.DeviceChoice;
import timbreflow.trainer.train.TrainingConfig;

class TrainerCliTest {

  private static final Path TIM_GM = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

  @TempDir Path dir;

  @Test
  void trainOptionsOverrideOnlyTheirFieldsOfTheTrainingConfig() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train)
        .parseArgs(
            "--data",
            "d",
            "--run",
            "r",
            "--steps",
            "9",
            "--lr",
            "1e-6",
            "--seed",
            "3",
            "--device",
            "CPU");
    TrainingConfig expected =
        TrainingConfig.builder()
            .optSteps(9)
            .optLearningRate(1e-6)
            .optMinLearningRate(1e-6)
            .optSeed(3L)
            .optDevice(DeviceChoice.CPU)
            .build();
    assertEquals(expected, train.trainingConfig());
  }

  @Test
  void renderThenInspectThenFeaturesSucceedOnATinyDataset() {
    assumeTrue(Files.isRegularFile(TIM_GM), "needs " + TIM_GM + " (bin/install-test-deps)");
    Path out = dir.resolve("tiny");
    int rc =
        TrainerCli.execute(
            "render",
            "--soundfont",
            TIM_GM.toString(),
            "--out",
            out.toString(),
            "--programs",
            "73",
            "--pitches",
            "60-61",
            "--velocities",
            "100",
            "--threads",
            "1");
    assertEquals(0, rc);
    assertTrue(Files.isRegularFile(out.resolve("train/audio/flute_acoustic_000-061-100.wav")));
    assertEquals(0, TrainerCli.execute("inspect", out.resolve("train").toString()));
    assertEquals(
        0,
        TrainerCli.execute(
            "features", out.resolve("train").toString(), "--cache", dir.resolve("c").toString()));
  }

  @Test
  void aBadOptionValueIsAOneLineFailureAndAMissingOptionAUsageError() {
    assertEquals(
        1,
        TrainerCli.execute("render", "--out", dir.resolve("x").toString(), "--families", "kazoo"));
    assertEquals(2, TrainerCli.execute("render"));
  }
}
