package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import timbreflow.exporter.pipeline.ExportRequest;
import timbreflow.exporter.pipeline.Exporter;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Exports a seeded tiny flow (real 513-channel contract) once through the published gate, as
 * Tribuo's export tests do: train/build, export, reload in ONNX Runtime, compare every output.
 */
class ExportParityTest {

  @TempDir static Path shared;

  private static NDManager manager;
  private static ConditionalFlow flow;
  private static List<ParityNote> notes;
  private static Path bundle;
  private static ParityReport report;

  @TempDir Path tmp;

  @BeforeAll
  static void exportTinyFlowThroughThePublishedGate() {
    manager = NDManager.newBaseManager();
    flow = TinyFlow.create(manager, 42);
    notes = SyntheticNotes.generate(32, 513, 251, 7);
    bundle = shared.resolve("bundle");
    report =
        new Exporter(ParityGate.standard()).export(request(bundle, 17, Layout.BUNDLE), n -> {});
    System.out.print(report.summary());
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static ExportRequest request(Path out, int opset, Layout layout) {
    return new ExportRequest(
        flow,
        manager,
        new Provenance(12, 3.5, "fingerprint-abc", "0123abcd", flow.config().toJson()),
        notes,
        out,
        opset,
        layout,
        false);
  }

  /** A cheaper gate for tests about layout and failure handling: 8 notes at batch 4. */
  static ParityGate quickGate() {
    return new ParityGate(Tolerances.DEFAULT, List.of(4), 8);
  }

  @Test
  void exportedGraphsMatchDjlWithinTolerancesOn32WholeNotesAtBatch1And4() {
    assertTrue(report.passed(), report.summary());
    assertEquals(List.of(1, 4), report.batchSizes());
    assertEquals(32, report.notes());
    assertEquals(6, report.worst().size());
    for (String f : List.of("model.json", "encoder.onnx", "decoder.onnx", "prior.onnx")) {
      assertTrue(Files.isRegularFile(bundle.resolve(f)), f);
    }
  }

  @Test
  void thePublishedBundleIsReadableLikeAnyNewFolderAndFile() throws IOException {
    assumeTrue(
        bundle.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
    Set<PosixFilePermission> folderMode =
        Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("new-folder")));
    Set<PosixFilePermission> fileMode =
        Files.getPosixFilePermissions(Files.createFile(tmp.resolve("new-file")));
    assumeTrue(
        fileMode.contains(PosixFilePermission.OTHERS_READ),
        "the umask makes every new file private: " + fileMode);
    assertEquals(folderMode, Files.getPosixFilePermissions(bundle));
    for (String f : List.of("model.json", "encoder.onnx", "decoder.onnx", "prior.onnx")) {
      assertEquals(fileMode, Files.getPosixFilePermissions(bundle.resolve(f)), f);
    }
  }

  @Test
  void everyGraphCarriesTheManifestFactsAsMetadataAndDynamicDims() throws IOException {
    Manifest manifest = Manifest.read(bundle);
    assertEquals(17, manifest.opset());
    assertEquals(12, manifest.provenance().checkpointStep());
    assertEquals("fingerprint-abc", manifest.provenance().datasetFingerprint());
    for (String graph : GraphContract.GRAPHS) {
      ModelProto model = ModelProto.parseFrom(Files.readAllBytes(bundle.resolve(graph + ".onnx")));
      Map<String, String> props = new LinkedHashMap<>();
      model.getMetadataPropsList().forEach(p -> props.put(p.getKey(), p.getValue()));
      assertEquals(manifest.metadataProps(), props, graph);
      assertEquals(17, model.getOpsetImport(0).getVersion());
      assertEquals("timbreflow-exporter", model.getProducerName());
      var firstOut = model.getGraph().getOutput(0).getType().getTensorType().getShape();
      assertEquals("batch", firstOut.getDim(0).getDimParam(), graph);
      assertEquals(513, firstOut.getDim(1).getDimValue(), graph);
      assertEquals("frames", firstOut.getDim(2).getDimParam(), graph);
    }
  }

  @Test
  void onnxCheckerFullCheckAcceptsTheGraphsAtOpset17And13() throws Exception {
    OnnxChecker.assumeAvailable();
    Path opset13 = tmp.resolve("opset13");
    assertTrue(
        new Exporter(quickGate()).export(request(opset13, 13, Layout.BUNDLE), n -> {}).passed());
    List<Path> graphs = new ArrayList<>();
    for (String g : GraphContract.GRAPHS) {
      graphs.add(bundle.resolve(g + ".onnx"));
      graphs.add(opset13.resolve(g + ".onnx"));
    }
    String out = OnnxChecker.check(graphs);
    assertTrue(out.contains("encoder.onnx opset 17 ok"), out);
    assertTrue(out.contains("prior.onnx opset 13 ok"), out);
  }

  @Test
  void aPriorThatVariesAlongFramesPassesTheGate() {
    // the default prior's widths with a table shorter than a note, so frames past it are clamped
    FlowConfig config =
        TinyFlow.config().toBuilder()
            .optPitchEmbedding(128)
            .optFamilyEmbedding(16)
            .optPriorFrames(200)
            .build();
    ExportRequest varying =
        new ExportRequest(
            TinyFlow.create(manager, config, 5),
            manager,
            new Provenance(1, null, "fingerprint-frames", "0123abcd", config.toJson()),
            notes,
            tmp.resolve("frames"),
            17,
            Layout.BUNDLE,
            false);
    ParityReport passed = new Exporter(quickGate()).export(varying, n -> {});
    assertTrue(passed.passed(), passed.summary());
  }

  @Test
  void aFlowWithTheFrequencyBranchPassesTheGateAndTheCheckerAtOpset13() throws Exception {
    // random, non-zero branch weights over the lowest 160 bins: a wrong index, sign or padding
    // in the graph would move z far past the gate's 1e-4
    FlowConfig config = TinyFlow.config().toBuilder().optFrequencyBranch(9, 4, 160).build();
    ConditionalFlow branched = TinyFlow.create(manager, config, 9);
    Path out = tmp.resolve("frequency");
    ExportRequest request =
        new ExportRequest(
            branched,
            manager,
            new Provenance(1, null, "fingerprint-frequency", "0123abcd", config.toJson()),
            notes,
            out,
            13,
            Layout.BUNDLE,
            false);
    ParityReport passed = new Exporter(quickGate()).export(request, n -> {});
    assertTrue(passed.passed(), passed.summary());
    OnnxChecker.assumeAvailable();
    String checked =
        OnnxChecker.check(List.of(out.resolve("encoder.onnx"), out.resolve("decoder.onnx")));
    assertTrue(checked.contains("decoder.onnx opset 13 ok"), checked);
  }

  @Test
  void tritonLayoutHasConfigsWithDynamicDimsAndLoadsAsABundle() throws IOException {
    Path repo = tmp.resolve("triton");
    new Exporter(quickGate()).export(request(repo, 17, Layout.TRITON), n -> {});
    for (String g : GraphContract.GRAPHS) {
      assertTrue(Files.isRegularFile(repo.resolve(g).resolve("1").resolve("model.onnx")), g);
      assertFalse(Files.exists(repo.resolve(g + ".onnx")), g);
    }
    String encoder = Files.readString(repo.resolve("encoder/config.pbtxt"));
    assertTrue(encoder.contains("name: \"encoder\""), encoder);
    assertTrue(encoder.contains("platform: \"onnxruntime_onnx\""), encoder);
    assertTrue(encoder.contains("max_batch_size: 8"), encoder);
    assertTrue(
        encoder.contains("name: \"features\"\n    data_type: TYPE_FP32\n    dims: [ 513, -1 ]"),
        encoder);
    assertTrue(
        encoder.contains(
            "name: \"pitch\"\n    data_type: TYPE_INT64\n    dims: [ 1 ]\n    reshape: { shape: [ ] }"),
        encoder);
    String prior = Files.readString(repo.resolve("prior/config.pbtxt"));
    assertTrue(prior.contains("max_batch_size: 0"), prior);
    assertTrue(
        prior.contains("name: \"pitch\"\n    data_type: TYPE_INT64\n    dims: [ -1 ]"), prior);
    assertTrue(
        prior.contains("name: \"mean\"\n    data_type: TYPE_FP32\n    dims: [ -1, 513, -1 ]"),
        prior);
    try (ModelBundle m = ModelBundle.load(repo)) {
      assertEquals("encoder/1/model.onnx", m.manifest().graphs().get(GraphContract.ENCODER).file());
    }
  }

  @Test
  void failingGatePublishesNothingAndNamesTheWorstElement() throws IOException {
    Path out = tmp.resolve("never");
    Tolerances impossible = new Tolerances(-1, 1e-4, 1e-4, 1e-4, 1e-5);
    ExportException e =
        assertThrows(
            ExportException.class,
            () ->
                new Exporter(new ParityGate(impossible, List.of(4), 8))
                    .export(request(out, 17, Layout.BUNDLE), n -> {}));
    assertEquals(ExportException.Reason.PARITY_FAILED, e.reason());
    assertTrue(e.getMessage().contains("encoder z                FAIL"), e.getMessage());
    assertTrue(
        e.getMessage().contains("at graph encoder tensor z batch 4 note synthetic-"),
        e.getMessage());
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

  @Test
  void opsetOutsideThirteenToSeventeenAndAnExistingOutputAreRefused() {
    ExportException opset =
        assertThrows(
            ExportException.class,
            () ->
                new Exporter(quickGate())
                    .export(request(tmp.resolve("o12"), 12, Layout.BUNDLE), n -> {}));
    assertEquals(ExportException.Reason.INVALID_ARGUMENT, opset.reason());
    assertEquals("--opset: expected 13 to 17, found 12", opset.getMessage());
    ExportException exists =
        assertThrows(
            ExportException.class,
            () -> new Exporter(quickGate()).export(request(bundle, 17, Layout.BUNDLE), n -> {}));
    assertEquals(ExportException.Reason.INVALID_ARGUMENT, exists.reason());
    assertTrue(
        Files.isRegularFile(bundle.resolve("model.json")), "the existing bundle is untouched");
  }
}
