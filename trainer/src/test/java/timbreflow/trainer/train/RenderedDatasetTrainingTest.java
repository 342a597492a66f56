package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.cli.RenderedNotes;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.NoteFilter;
import timbreflow.trainer.data.NoteSet;
import timbreflow.trainer.data.NsynthReader;
import timbreflow.trainer.data.ProgressListener;
import timbreflow.trainer.flow.FlowConfig;

/** Training on real features: notes the test renders from a SoundFont with the data pipeline. */
class RenderedDatasetTrainingTest {

  @TempDir Path dir;

  @Test
  void lossFallsClearlyWithinAFewDozenStepsOnRenderedNotes() throws IOException {
    Path data = RenderedNotes.render(dir.resolve("data"), "0,73", "57-64", "0.25");
    ProgressListener silent = (done, total) -> {};
    NoteSet trainSet =
        new NsynthReader(NoteFilter.builder().build(), false, 1).read(data.resolve("train"));
    NoteSet validSet =
        new NsynthReader(NoteFilter.builder().build(), false, 1).read(data.resolve("valid"));
    List<TrainingNote> train =
        FeatureCache.open(trainSet, dir.resolve("cache"), 1, silent).trainingNotes();
    List<TrainingNote> valid =
        FeatureCache.open(validSet, dir.resolve("cache"), 1, silent).trainingNotes();
    FlowConfig flow =
        FlowConfig.seedDesign().toBuilder()
            .optChannels(513)
            .optSteps(2)
            .optHiddenChannels(16)
            .optLayers(2)
            .optKernelSize(3)
            .optShuffleSeed(3L)
            .optActNorm(true)
            .optPitchEmbedding(4)
            .optFamilyEmbedding(4)
            .optPriorFrames(0)
            .build();
    TrainingConfig config =
        TinyNotes.training(40, 40).toBuilder()
            .optValidEvery(10)
            .optKeepCheckpoints(1)
            .optSeed(9L)
            .build();
    Path run = dir.resolve("run");
    Trainer.Result result =
        new Trainer(run, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .train(config, flow, train, valid, "rendered");
    List<Double> losses = new ArrayList<>();
    List<Double> validation = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(Trainer.LOG_CSV))) {
      String[] cells = line.split(",", -1);
      if (!cells[0].equals("step")) {
        losses.add(Double.parseDouble(cells[2]));
        if (!cells[3].isEmpty()) {
          validation.add(Double.parseDouble(cells[3]));
        }
      }
    }
    double first =
        losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double last =
        losses.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(last < first - 0.5, "first 5 steps " + first + ", last 5 " + last + ": " + losses);
    assertEquals(4, validation.size(), "validated every 10 steps");
    assertTrue(
        result.validBitsPerDim() < validation.get(0),
        "valid bits/dim by step 10, 20, 30, 40: " + validation);
  }
}
