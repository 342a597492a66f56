package timbreflow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.flow.FlowConfig;
import timbreflow.trainer.train.Checkpoint;

class TrainEvaluateCliTest {

  @TempDir static Path dir;

  private static Path data;
  private static Path flowJson;

  @BeforeAll
  static void renderATinyDataset() throws IOException {
    data = RenderedNotes.render(dir.resolve("data"), "73,0", "60-65", "0.5");
    flowJson = dir.resolve("tiny-flow.json");
    Files.writeString(
        flowJson,
        FlowConfig.seedDesign().toBuilder()
            .optChannels(513)
            .optSteps(1)
            .optHiddenChannels(8)
            .optLayers(1)
            .optKernelSize(3)
            .optShuffleSeed(7L)
            .optActNorm(true)
            .optPitchEmbedding(4)
            .optFamilyEmbedding(4)
            .optPriorFrames(0)
            .build()
            .toJson());
  }

  private static List<String> common(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--data",
                data.toString(),
                "--batch-size",
                "2",
                "--crop-frames",
                "8",
                "--threads",
                "1",
                "--device",
                "cpu",
                "--checkpoint-every",
                "2",
                "--valid-notes",
                "2"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void trainResumeBaselineAndEvaluateFromTheCommandLine() throws IOException {
    Path run = dir.resolve("runs/flow");
    Path prior = dir.resolve("runs/prior");
    List<String> train = common("--run", run.toString(), "--flow-config", flowJson.toString());
    train.add(0, "train");
    train.addAll(List.of("--steps", "2"));
    assertEquals(0, TrainerCli.execute(train.toArray(String[]::new)));
    RenderedNotes.resume(data, run, 3);
    try (Checkpoint checkpoint = Checkpoint.load(run)) {
      assertEquals(1, checkpoint.flowConfig().steps());
    }
    List<String> baseline =
        common(
            "--run",
            prior.toString(),
            "--flow-config",
            flowJson.toString(),
            "--flow-steps",
            "0",
            "--steps",
            "2");
    baseline.add(0, "train");
    assertEquals(0, TrainerCli.execute(baseline.toArray(String[]::new)));
    assertEquals(
        0,
        TrainerCli.execute(
            "evaluate",
            "--data",
            data.toString(),
            "--checkpoint",
            run.toString(),
            "--baseline",
            prior.toString(),
            "--device",
            "cpu"));
    String json = Files.readString(run.resolve("evaluation.json"));
    assertTrue(json.contains("\"baselineStep\" : 2"), json);
    assertTrue(Files.readString(run.resolve("evaluation.md")).contains("prior-only"));
  }

  @Test
  void initFromStartsANewRunWithAFrequencyBranchFromAnotherRunsWeights() throws IOException {
    Path source = dir.resolve("runs/source");
    List<String> first = common("--run", source.toString(), "--flow-config", flowJson.toString());
    first.add(0, "train");
    first.addAll(List.of("--steps", "2"));
    assertEquals(0, TrainerCli.execute(first.toArray(String[]::new)));
    Path branchJson = dir.resolve("branch-flow.json");
    Files.writeString(
        branchJson,
        FlowConfig.fromJson(Files.readString(flowJson)).toBuilder()
            .optFrequencyBranch(5, 2, 64)
            .build()
            .toJson());
    Path warm = dir.resolve("runs/warm");
    List<String> second =
        common(
            "--run",
            warm.toString(),
            "--flow-config",
            branchJson.toString(),
            "--init-from",
            source.toString(),
            "--steps",
            "2");
    second.add(0, "train");
    assertEquals(0, TrainerCli.execute(second.toArray(String[]::new)));
    assertTrue(
        Files.readString(warm.resolve("init-from.txt")).contains("6 fresh"),
        "one coupling's six branch parameters start fresh");
    try (Checkpoint checkpoint = Checkpoint.load(warm)) {
      assertEquals(5, checkpoint.flowConfig().frequencyKernel());
    }
    List<String> both = new ArrayList<>(second);
    both.add("--resume");
    assertEquals(1, TrainerCli.execute(both.toArray(String[]::new)));
  }

  @Test
  void resumingWithAChangedConfigIsAOneLineFailure() {
    assertEquals(
        1,
        TrainerCli.execute(
            "train",
            "--data",
            data.toString(),
            "--run",
            dir.resolve("runs/none").toString(),
            "--resume"));
    assertEquals(
        1,
        TrainerCli.execute(
            "train",
            "--data",
            data.toString(),
            "--run",
            dir.resolve("runs/none").toString(),
            "--resume",
            "--lr",
            "0.1"));
  }
}
