package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

class TrainerTest {

  private static List<TrainingNote> train;
  private static List<TrainingNote> valid;

  @TempDir Path dir;

  @BeforeAll
  static void render() {
    train = TinyNotes.render(12, 1);
    valid = TinyNotes.render(3, 2);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** The CSV rows as [step, lr, train_bpd, valid_bpd, grad_norm, steps_per_s, wall_s, skipped]. */
  private static List<String[]> rows(Path run) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(Trainer.LOG_CSV))) {
      if (!line.startsWith("step")) {
        rows.add(line.split(",", -1));
      }
    }
    return rows;
  }

  @Test
  void lossFallsClearlyWithinAFewDozenSteps() throws IOException {
    Path run = dir.resolve("run");
    TrainingConfig config =
        TinyNotes.training(40, 40).toBuilder().optBatchSize(8).optValidEvery(10).build();
    Trainer.Result result =
        new Trainer(run, quiet()).train(config, TinyNotes.flow(2), train, valid, "tiny");
    List<String[]> rows = rows(run);
    assertEquals(40, rows.size());
    double first = 0;
    double last = 0;
    for (int i = 0; i < 5; i++) {
      first += Double.parseDouble(rows.get(i)[2]) / 5;
      last += Double.parseDouble(rows.get(rows.size() - 1 - i)[2]) / 5;
    }
    assertTrue(
        last < first - 0.5,
        "train bits/dim of the first 5 steps "
            + first
            + ", of the last 5 "
            + last
            + ": "
            + rows.stream().map(r -> r[2]).toList());
    double validAt10 = Double.parseDouble(rows.get(9)[3]);
    assertTrue(
        result.validBitsPerDim() < validAt10 - 0.3,
        "valid bits/dim at step 10 " + validAt10 + ", at step 40 " + result.validBitsPerDim());
    assertTrue(Files.exists(result.checkpoint()));
  }

  @Test
  void resumedRunReachesTheSameLossAsAnUninterruptedOne() throws IOException {
    Path straight = dir.resolve("straight");
    new Trainer(straight, quiet())
        .train(TinyNotes.training(6, 3), TinyNotes.flow(2), train, valid, "tiny");
    Path interrupted = dir.resolve("interrupted");
    new Trainer(interrupted, quiet())
        .train(TinyNotes.training(3, 3), TinyNotes.flow(2), train, valid, "tiny");
    new Trainer(interrupted, quiet()).resume(train, valid, "tiny", 6, null);
    List<String[]> a = rows(straight);
    List<String[]> b = rows(interrupted);
    assertEquals(6, b.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(a.get(i)[0], b.get(i)[0]);
      assertEquals(a.get(i)[2], b.get(i)[2], "train bits/dim at step " + (i + 1));
      assertEquals(a.get(i)[4], b.get(i)[4], "gradient norm at step " + (i + 1));
    }
    try (Checkpoint x = Checkpoint.load(straight);
        Checkpoint y = Checkpoint.load(interrupted)) {
      assertEquals(6, y.metadata().step());
      var px = x.flow().namedParameters();
      var py = y.flow().namedParameters();
      for (String name : px.keySet()) {
        assertArrayEquals(px.get(name).getArray().encode(), py.get(name).getArray().encode(), name);
      }
    }
  }

  @Test
  void stepsAndValidationsLeaveNoArraysBehind() {
    Trainer trainer = new Trainer(dir.resolve("run"), quiet());
    List<Integer> counts = new ArrayList<>();
    trainer.observeManagedArrays(counts::add);
    TrainingConfig config =
        TinyNotes.training(6, 3).toBuilder().optWarmupSteps(2).optValidEvery(2).build();
    trainer.train(config, TinyNotes.flow(2), train, valid, "tiny");
    assertEquals(6, counts.size());
    assertEquals(
        List.of(counts.get(1), counts.get(1), counts.get(1), counts.get(1), counts.get(1)),
        counts.subList(1, 6),
        counts.toString());
  }

  @Test
  void nonFiniteLossSkipsTheStepAndLogsIt() throws IOException {
    Path run = dir.resolve("run");
    Trainer trainer = new Trainer(run, quiet());
    trainer.injectLoss((step, loss) -> step == 2 ? loss.mul(Float.NaN) : loss);
    Trainer.Result result =
        trainer.train(TinyNotes.training(4, 4), TinyNotes.flow(1), train, valid, "tiny");
    List<String[]> rows = rows(run);
    assertEquals("1", rows.get(1)[7], "step 2 marked skipped");
    assertEquals("", rows.get(1)[4], "no gradient norm for a skipped step");
    assertEquals("0", rows.get(2)[7]);
    assertTrue(Double.isFinite(result.trainBitsPerDim()));
  }

  @Test
  void repeatedNonFiniteLossesStopWithAClearMessageAndKeepTheLastGoodCheckpoint() {
    Path run = dir.resolve("run");
    Trainer trainer = new Trainer(run, quiet());
    trainer.injectLoss((step, loss) -> step >= 4 ? loss.mul(Float.POSITIVE_INFINITY) : loss);
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                trainer.train(TinyNotes.training(10, 2), TinyNotes.flow(1), train, valid, "tiny"));
    assertEquals(TrainerException.Reason.NUMERICAL_FAILURE, e.reason());
    assertTrue(
        e.getMessage().startsWith("training stopped at step 6 after 3 consecutive non-finite"),
        e.getMessage());
    assertTrue(e.getMessage().contains("step-00000002.ckpt"), e.getMessage());
    try (Checkpoint last = Checkpoint.load(run)) {
      assertEquals(2, last.metadata().step());
    }
  }

  @Test
  void truncatedCheckpointGivesTheClearError() throws IOException {
    Path run = dir.resolve("run");
    Trainer.Result result =
        new Trainer(run, quiet())
            .train(TinyNotes.training(1, 1), TinyNotes.flow(1), train, valid, "tiny");
    Path file = result.checkpoint();
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length / 2));
    TrainerException e = assertThrows(TrainerException.class, () -> Checkpoint.load(file));
    assertEquals(TrainerException.Reason.CORRUPT_CHECKPOINT, e.reason());
    long payload = all.length - CheckpointFile.HEADER_BYTES;
    long found = all.length / 2 - CheckpointFile.HEADER_BYTES;
    assertEquals(
        "checkpoint "
            + file
            + " is corrupt: expected "
            + payload
            + " bytes of payload, found "
            + found
            + " (truncated)",
        e.getMessage());
    TrainerException onResume =
        assertThrows(
            TrainerException.class,
            () -> new Trainer(run, quiet()).resume(train, valid, "tiny", 2, null));
    assertEquals(TrainerException.Reason.CORRUPT_CHECKPOINT, onResume.reason());
  }

  @Test
  void loadedCheckpointScoresTheValidNotesAsTrainingDid() {
    Path run = dir.resolve("run");
    Trainer.Result result =
        new Trainer(run, quiet())
            .train(TinyNotes.training(3, 3), TinyNotes.flow(1), train, valid, "tiny");
    try (Checkpoint checkpoint = Checkpoint.load(result.checkpoint())) {
      double bpd =
          Evaluator.meanBitsPerDim(
              checkpoint.flow(),
              new ai.djl.training.ParameterStore(checkpoint.manager(), false),
              valid,
              checkpoint.manager(),
              ai.djl.Device.cpu());
      assertEquals(result.validBitsPerDim(), bpd, 1e-6);
      assertEquals(3, checkpoint.metadata().step());
      assertEquals("tiny", checkpoint.metadata().datasetFingerprint());
    }
  }

  @Test
  void aWarmStartedRunWithAFrequencyBranchBeginsAtItsSourcesScoreAndThenTrainsTheBranch()
      throws IOException {
    Path source = dir.resolve("source");
    Trainer.Result base =
        new Trainer(source, quiet())
            .train(TinyNotes.training(3, 3), TinyNotes.flow(2), train, valid, "tiny");
    FlowConfig branched = TinyNotes.flow(2).toBuilder().optFrequencyBranch(3, 2, 20).build();
    ai.djl.Device cpu = ai.djl.Device.cpu();
    try (Checkpoint from = Checkpoint.load(base.checkpoint());
        NDManager manager = NDManager.newBaseManager(cpu)) {
      ConditionalFlow flow = new ConditionalFlow(branched);
      flow.initialize(manager, 16);
      WarmStart warm = WarmStart.apply(flow, source);
      assertEquals(12, warm.fresh().size(), warm.describe());
      assertEquals(3, warm.sourceStep());
      double before =
          Evaluator.meanBitsPerDim(
              from.flow(), new ParameterStore(from.manager(), false), valid, from.manager(), cpu);
      double after =
          Evaluator.meanBitsPerDim(flow, new ParameterStore(manager, false), valid, manager, cpu);
      assertEquals(before, after, 1e-6);
    }
    Path run = dir.resolve("warm");
    Trainer.Result result =
        new Trainer(run, quiet())
            .train(TinyNotes.training(3, 3), branched, train, valid, "tiny", source);
    String said = Files.readString(run.resolve(Trainer.INIT_FROM_TXT));
    assertTrue(said.contains("(step 3)") && said.contains("12 fresh"), said);
    try (Checkpoint trained = Checkpoint.load(result.checkpoint())) {
      NDArray out =
          trained.flow().namedParameters().get("steps.1.coupling.freq_out_weight").getArray();
      assertTrue(out.abs().sum().getFloat() > 0, "the branch's zero-initialised output trained");
    }
  }

  @Test
  void aWarmStartFromAFlowThatDiffersInMoreThanTheBranchIsRefusedNamingBoth() {
    Path source = dir.resolve("source");
    new Trainer(source, quiet())
        .train(TinyNotes.training(2, 2), TinyNotes.flow(2), train, valid, "tiny");
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                new Trainer(dir.resolve("other"), quiet())
                    .train(
                        TinyNotes.training(2, 2), TinyNotes.flow(1), train, valid, "tiny", source));
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
    assertTrue(
        e.getMessage().contains("--init-from") && e.getMessage().contains("\"steps\":1"),
        e.getMessage());
  }

  @Test
  void runFolderHoldsConfigsLogAndNoTemporaryFiles() throws IOException {
    Path run = dir.resolve("run");
    ai.djl.engine.Engine.getInstance();
    int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    new Trainer(run, quiet())
        .train(TinyNotes.training(2, 1), TinyNotes.flow(1), train, valid, "tiny");
    assertEquals(threads, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "engine threads restored");
    assertEquals(
        TinyNotes.training(2, 1),
        TrainingConfig.fromJson(Files.readString(run.resolve(Trainer.TRAINING_JSON))));
    try (Stream<Path> files = Files.walk(run)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
    }
    TrainerException again =
        assertThrows(
            TrainerException.class,
            () ->
                new Trainer(run, quiet())
                    .train(TinyNotes.training(2, 1), TinyNotes.flow(1), train, valid, "tiny"));
    assertTrue(again.getMessage().contains("--resume"), again.getMessage());
  }

  @Test
  void aFlowWhoseChannelsDoNotMatchTheFeaturesIsRefusedByName() {
    FlowConfig wide =
        FlowConfig.seedDesign().toBuilder()
            .optChannels(34)
            .optSteps(1)
            .optHiddenChannels(8)
            .optLayers(1)
            .optKernelSize(3)
            .optShuffleSeed(1L)
            .optActNorm(true)
            .optPitchEmbedding(4)
            .optFamilyEmbedding(4)
            .optPriorFrames(0)
            .build();
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                new Trainer(dir.resolve("run"), quiet())
                    .train(TinyNotes.training(2, 1), wide, train, valid, "tiny"));
    assertEquals("flow config channels: expected the features' 33 bins, found 34", e.getMessage());
    assertFalse(Files.exists(dir.resolve("run")), "refused before anything is written");
  }
}
