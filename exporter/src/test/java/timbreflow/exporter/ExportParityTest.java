package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.cli.SyntheticNotes;
import timbreflow.exporter.cli.TinyFlow;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.exporter.parity.Tolerances;
import timbreflow.exporter.parity.WorstElement;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;

class ExportParityTest {

  private static NDManager manager;
  private static ConditionalFlow flow;
  private static List<ParityNote> notes;

  @TempDir Path tmp;

  @BeforeAll
  static void createTinyFlow() {
    manager = NDManager.newBaseManager();
    flow = TinyFlow.create(manager, 42);
    notes = SyntheticNotes.generate(32, 513, 251, 7);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static ExportRequest request(Path out, int opset, Layout layout) {
    return new ExportRequest(
        flow,
        manager,
        new Provenance(0, 8.0, "test", "test", flow.config().toJson()),
        notes,
        out,
        opset,
        layout,
        false);
  }

  @Test
  void exportedGraphsMatchDjlWithinTolerancesOn32WholeNotesAtBatch1And4() {
    Path out = tmp.resolve("bundle");
    ParityReport report =
        new Exporter(ParityGate.standard()).export(request(out, 17, Layout.BUNDLE), n -> {});
    System.out.print(report.summary());
    assertTrue(report.passed(), report.summary());
    assertEquals(6, report.worst().size());
    for (String f : List.of("model.json", "encoder.onnx", "decoder.onnx", "prior.onnx")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
  }

  @Test
  void opset13GraphsPassTheSameGate() {
    ParityReport report =
        new Exporter(ParityGate.standard())
            .export(request(tmp.resolve("o13"), 13, Layout.BUNDLE), n -> {});
    assertTrue(report.passed(), report.summary());
  }

  @Test
  void failingGatePublishesNothingAndNamesTheWorstElement() throws Exception {
    Path out = tmp.resolve("never");
    Tolerances impossible = new Tolerances(-1, 1e-4, 1e-4, 1e-4, 1e-5);
    ExportException e =
        assertThrows(
            ExportException.class,
            () ->
                new Exporter(new ParityGate(impossible, List.of(4), 32))
                    .export(request(out, 17, Layout.BUNDLE), n -> {}));
    assertEquals(ExportException.Reason.PARITY_FAILED, e.reason());
    assertTrue(e.getMessage().contains("encoder z"), e.getMessage());
    assertTrue(e.getMessage().contains("FAIL"), e.getMessage());
    assertFalse(Files.exists(out));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "staging directories must be removed");
    }
  }

  @Test
  void fewerThan32NotesIsRefusedAsInvalidData() {
    ExportRequest r = request(tmp.resolve("few"), 17, Layout.BUNDLE);
    ExportRequest few =
        new ExportRequest(
            r.flow(),
            r.manager(),
            r.provenance(),
            notes.subList(0, 31),
            r.out(),
            17,
            Layout.BUNDLE,
            false);
    ExportException e =
        assertThrows(
            ExportException.class, () -> new Exporter(ParityGate.standard()).export(few, n -> {}));
    assertEquals(ExportException.Reason.INVALID_DATA, e.reason());
    assertFalse(Files.exists(r.out()));
  }

  static String describe(WorstElement w) {
    return w.toString();
  }
}
