package timbreflow.exporter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import timbreflow.exporter.pipeline.ExportRequest;
import timbreflow.exporter.pipeline.Exporter;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Exports a seeded tiny <em>conditional</em> flow with a condition-dependent envelope ({@link
 * TinyFlow#conditionalConfig()}) through the published gate: a format-2 bundle whose three graphs
 * take float pitch {@code [B]} and family weights {@code [B, 11]}, proven under the notes' labels
 * and under continuous conditions between them.
 */
class ConditionalExportParityTest {

  private static final int FAMILIES = 11;

  @TempDir static Path shared;

  private static NDManager manager;
  private static ConditionalFlow flow;
  private static List<ParityNote> notes;
  private static Path bundle;
  private static ParityReport report;

  @TempDir Path tmp;

  @BeforeAll
  static void exportTinyConditionalFlowThroughThePublishedGate() {
    manager = NDManager.newBaseManager();
    flow = TinyFlow.create(manager, TinyFlow.conditionalConfig(), 11);
    notes = SyntheticNotes.generate(32, 513, 251, 7);
    bundle = shared.resolve("bundle");
    report =
        new Exporter(ParityGate.standard())
            .export(request(flow, bundle, 17, Layout.BUNDLE), n -> {});
    System.out.print(report.summary());
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static ExportRequest request(ConditionalFlow f, Path out, int opset, Layout layout) {
    return new ExportRequest(
        f,
        manager,
        new Provenance(3, null, "fingerprint-conditional", "0123abcd", f.config().toJson()),
        notes,
        out,
        opset,
        layout,
        false);
  }

  @Test
  void conditionalFlowExportsWithinParityToleranceUnderLabelAndContinuousConditions() {
    assertTrue(report.passed(), report.summary());
    assertEquals(List.of(1, 4), report.batchSizes());
    assertEquals(32, report.notes());
    List<String> checks = report.worst().stream().map(WorstElement::check).toList();
    List<String> expected = new ArrayList<>();
    for (String suffix : List.of("", ParityGate.CONTINUOUS)) {
      for (String check :
          List.of(
              "encoder z",
              "encoder bits_per_dim",
              "decoder features",
              "decode(encode(x)) vs x",
              "prior mean",
              "prior log_std")) {
        expected.add(check + suffix);
      }
    }
    assertEquals(expected, checks);
  }

  @Test
  void theManifestSaysFormat2AndEveryGraphDeclaresTheFormat2Contract() throws IOException {
    Manifest manifest = Manifest.read(bundle);
    assertEquals(GraphContract.CONDITIONAL_FLOW, manifest.formatVersion());
    GraphContract contract = new GraphContract(GraphContract.CONDITIONAL_FLOW, 513, FAMILIES);
    assertEquals(contract, manifest.contract());
    for (String graph : GraphContract.GRAPHS) {
      assertEquals(contract.inputs(graph), manifest.graphs().get(graph).inputs(), graph);
      assertEquals(contract.outputs(graph), manifest.graphs().get(graph).outputs(), graph);
      ModelProto model = ModelProto.parseFrom(Files.readAllBytes(bundle.resolve(graph + ".onnx")));
      assertEquals("2", metadata(model, "timbreflow.format_version"), graph);
      List<String> inputs = model.getGraph().getInputList().stream().map(i -> i.getName()).toList();
      assertEquals(
          contract.inputs(graph).stream().map(s -> s.name()).toList(), inputs, graph + " inputs");
    }
    ModelProto decoder = ModelProto.parseFrom(Files.readAllBytes(bundle.resolve("decoder.onnx")));
    ValueInfoProto pitch = decoder.getGraph().getInput(1);
    ValueInfoProto family = decoder.getGraph().getInput(2);
    assertEquals(TensorProto.DataType.FLOAT_VALUE, pitch.getType().getTensorType().getElemType());
    var familyShape = family.getType().getTensorType().getShape();
    assertEquals("batch", familyShape.getDim(0).getDimParam());
    assertEquals(FAMILIES, familyShape.getDim(1).getDimValue());
  }

  @Test
  void thePriorAtPitch60Point5AndAThirtySeventyMixtureBlendsItsFourLabelPriors() {
    // mean and log-std are affine in the condition vector, so the continuous condition's prior
    // is the bilinear blend of the four label priors around it (0.5·0.3, 0.5·0.3, 0.5·0.7, 0.5·0.7)
    int frames = 251;
    try (ModelBundle m = ModelBundle.load(bundle)) {
      float[] weights = new float[FAMILIES];
      weights[2] = 0.3f;
      weights[8] = 0.7f;
      PriorParams mixed =
          m.prior(new GraphConditions(new float[] {60.5f}, weights, FAMILIES), frames);
      float[] blendMean = new float[mixed.mean().length];
      float[] blendLogStd = new float[mixed.logStd().length];
      for (long pitch : new long[] {60, 61}) {
        for (long family : new long[] {2, 8}) {
          float w = 0.5f * (family == 2 ? 0.3f : 0.7f);
          PriorParams p = m.prior(new long[] {pitch}, new long[] {family}, frames);
          for (int i = 0; i < blendMean.length; i++) {
            blendMean[i] += w * p.mean()[i];
            blendLogStd[i] += w * p.logStd()[i];
          }
        }
      }
      assertArrayEquals(blendMean, mixed.mean(), 1e-5f);
      assertArrayEquals(blendLogStd, mixed.logStd(), 1e-5f);
    }
  }

  @Test
  void decodingUnderItsOwnContinuousConditionRestoresXAndUnderAnotherItDoesNot() {
    ParityNote note = notes.get(0);
    int frames = note.frames();
    float[] weights = new float[FAMILIES];
    weights[0] = 0.3f;
    weights[1] = 0.7f;
    GraphConditions own = new GraphConditions(new float[] {60.5f}, weights, FAMILIES);
    GraphConditions other = GraphConditions.ofLabels(new long[] {40}, new long[] {5}, FAMILIES);
    try (ModelBundle m = ModelBundle.load(bundle)) {
      float[] z = m.encode(note.features(), 1, frames, own).z();
      assertArrayEquals(note.features(), m.decode(z, 1, frames, own), 1e-4f);
      float[] revoiced = m.decode(z, 1, frames, other);
      double worst = 0;
      for (int i = 0; i < revoiced.length; i++) {
        worst = Math.max(worst, Math.abs(revoiced[i] - note.features()[i]));
      }
      assertTrue(worst > 1e-2, "the decoder ignores its condition: worst change " + worst);
    }
  }

  @Test
  void onnxCheckerFullCheckAcceptsTheConditionalGraphsAtOpset17And13() throws Exception {
    OnnxChecker.assumeAvailable();
    Path opset13 = tmp.resolve("opset13");
    ParityReport quick =
        new Exporter(quickGate()).export(request(flow, opset13, 13, Layout.BUNDLE), n -> {});
    assertTrue(quick.passed(), quick.summary());
    List<Path> graphs = new ArrayList<>();
    for (String g : GraphContract.GRAPHS) {
      graphs.add(bundle.resolve(g + ".onnx"));
      graphs.add(opset13.resolve(g + ".onnx"));
    }
    String out = OnnxChecker.check(graphs);
    assertTrue(out.contains("decoder.onnx opset 17 ok"), out);
    assertTrue(out.contains("prior.onnx opset 13 ok"), out);
  }

  @Test
  void tritonLayoutDeclaresFloatPitchAndFamilyWeightsForTheDecoder() throws IOException {
    Path repo = tmp.resolve("triton");
    new Exporter(quickGate()).export(request(flow, repo, 17, Layout.TRITON), n -> {});
    String decoder = Files.readString(repo.resolve("decoder/config.pbtxt"));
    assertTrue(
        decoder.contains(
            "name: \"pitch\"\n    data_type: TYPE_FP32\n    dims: [ 1 ]\n    reshape: { shape: [ ] }"),
        decoder);
    assertTrue(
        decoder.contains("name: \"family\"\n    data_type: TYPE_FP32\n    dims: [ 11 ]"), decoder);
    try (ModelBundle m = ModelBundle.load(repo)) {
      assertTrue(m.conditionalFlow());
    }
  }

  @Test
  void anUnconditionalFlowWithAnEnvelopeExportsAsFormat1WithinTolerance() {
    FlowConfig config =
        TinyFlow.config().toBuilder().optPriorFrames(200).optEnvelopeRank(3).build();
    Path out = tmp.resolve("envelope");
    ParityReport passed =
        new Exporter(quickGate())
            .export(request(TinyFlow.create(manager, config, 13), out, 17, Layout.BUNDLE), n -> {});
    assertTrue(passed.passed(), passed.summary());
    assertEquals(6, passed.worst().size());
    assertEquals(GraphContract.UNCONDITIONAL_FLOW, Manifest.read(out).formatVersion());
  }

  @Test
  void aConditionalPriorOnlyBaselineExportsAsFormat2() {
    // no couplings: the decoder takes the condition by contract but has nothing that reads it
    FlowConfig config = TinyFlow.conditionalConfig().withSteps(0);
    Path out = tmp.resolve("baseline");
    ParityReport passed =
        new Exporter(quickGate())
            .export(request(TinyFlow.create(manager, config, 17), out, 17, Layout.BUNDLE), n -> {});
    assertTrue(passed.passed(), passed.summary());
    assertEquals(GraphContract.CONDITIONAL_FLOW, Manifest.read(out).formatVersion());
  }

  @Test
  void aConditionalFlowWithTheFrequencyBranchPassesTheGate() {
    FlowConfig config =
        TinyFlow.conditionalConfig().toBuilder().optFrequencyBranch(9, 4, 160).build();
    ParityReport passed =
        new Exporter(quickGate())
            .export(
                request(
                    TinyFlow.create(manager, config, 19), tmp.resolve("freq"), 17, Layout.BUNDLE),
                n -> {});
    assertTrue(passed.passed(), passed.summary());
  }

  /** 8 notes at batch 4. */
  private static ParityGate quickGate() {
    return new ParityGate(Tolerances.DEFAULT, List.of(4), 8);
  }

  private static String metadata(ModelProto model, String key) {
    return model.getMetadataPropsList().stream()
        .filter(p -> p.getKey().equals(key))
        .findFirst()
        .orElseThrow()
        .getValue();
  }
}
