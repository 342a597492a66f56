package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.TrainerException;

class EvaluationTest {

  @TempDir static Path dir;

  private static List<TrainingNote> test;
  private static Path flowRun;
  private static Path baselineRun;

  @BeforeAll
  static void trainFlowAndBaseline() {
    List<TrainingNote> train = TinyNotes.render(9, 1);
    test = TinyNotes.render(6, 3);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    flowRun = dir.resolve("flow");
    baselineRun = dir.resolve("baseline");
    new Trainer(flowRun, quiet)
        .train(TinyNotes.training(15, 15), TinyNotes.flow(2), train, List.of(), "tiny");
    new Trainer(baselineRun, quiet)
        .train(TinyNotes.training(15, 15), TinyNotes.flow(0), train, List.of(), "tiny");
  }

  private static String family(int index) {
    return "family" + index;
  }

  @Test
  void reportsFlowBaselineMarginPerFamilyAndInvertibility() throws IOException {
    EvaluationReport report =
        Evaluation.run(
            flowRun, baselineRun, test, EvaluationTest::family, Device.cpu(), (d, t) -> {});
    assertEquals(6, report.notes());
    assertEquals(15, report.checkpointStep());
    assertEquals(8.0, report.uniformBitsPerDim());
    assertEquals(
        report.baselineBitsPerDim() - report.flowBitsPerDim(), report.marginBitsPerDim(), 1e-12);
    assertEquals(3, report.families().size());
    assertEquals(6, report.families().stream().mapToInt(EvaluationReport.FamilyScore::notes).sum());
    double mean =
        report.families().stream().mapToDouble(EvaluationReport.FamilyScore::flowBitsPerDim).sum()
            / 3;
    assertEquals(report.flowBitsPerDim(), mean, 1e-9, "equal-sized families: mean of means");
    assertTrue(report.inverseMaxAbsError() <= EvaluationReport.INVERSE_TARGET);
    assertTrue(report.inverseMeanAbsError() <= report.inverseMaxAbsError());
    assertTrue(report.flowBitsPerDim() < 8.0 && report.baselineBitsPerDim() < 8.0);
    assertTrue(report.table().contains("invertibility: max"), report.table());
    report.write(dir.resolve("out"));
    String json = Files.readString(dir.resolve("out/evaluation.json"));
    assertTrue(json.contains("\"marginBitsPerDim\""), json);
    assertTrue(Files.readString(dir.resolve("out/evaluation.md")).contains("| **all** | 6 |"));
  }

  @Test
  void scoringNotesLeavesNoArraysBehind() {
    try (Checkpoint checkpoint = Checkpoint.load(flowRun)) {
      ai.djl.training.ParameterStore store =
          new ai.djl.training.ParameterStore(checkpoint.manager(), false);
      Evaluator.score(
          checkpoint.flow(), store, test.get(0), checkpoint.manager(), Device.cpu(), true);
      int before = checkpoint.manager().getManagedArrays().size();
      for (TrainingNote note : test) {
        Evaluator.score(checkpoint.flow(), store, note, checkpoint.manager(), Device.cpu(), true);
      }
      Evaluator.meanBitsPerDim(checkpoint.flow(), store, test, checkpoint.manager(), Device.cpu());
      assertEquals(before, checkpoint.manager().getManagedArrays().size());
    }
  }

  @Test
  void evaluatesWithoutABaseline() {
    EvaluationReport report =
        Evaluation.run(flowRun, null, test, EvaluationTest::family, Device.cpu(), (d, t) -> {});
    assertNull(report.baselineCheckpoint());
    assertTrue(Double.isNaN(report.marginBitsPerDim()));
    assertTrue(report.table().contains(" - "), report.table());
  }

  @Test
  void aBaselineWithFlowStepsIsRefused() {
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                Evaluation.run(
                    flowRun, flowRun, test, EvaluationTest::family, Device.cpu(), (d, t) -> {}));
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
    assertTrue(e.getMessage().contains("prior-only"), e.getMessage());
  }
}
