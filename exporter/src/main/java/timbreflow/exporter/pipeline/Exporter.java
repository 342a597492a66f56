package timbreflow.exporter.pipeline;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.bundle.BundleWriter;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.bundle.TritonLayout;
import timbreflow.exporter.graph.FlowGraphs;
import timbreflow.exporter.graph.FlowWeights;
import timbreflow.exporter.graph.FlowWeightsReader;
import timbreflow.exporter.parity.DjlReference;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;

/**
 * Exports a flow: builds the three graphs, stages them with {@code model.json}, proves parity with
 * DJL through the runtime's {@link ModelBundle}, and only then publishes the bundle atomically. A
 * failed gate or any other failure deletes the staging directory: nothing is published.
 */
public final class Exporter {

  /** Largest batch the Triton layout declares for the encoder and decoder. */
  public static final int TRITON_MAX_BATCH = 8;

  private final ParityGate gate;

  /** An exporter that proves bundles with {@code gate}. */
  public Exporter(ParityGate gate) {
    this.gate = gate;
  }

  /**
   * Runs the export.
   *
   * @param progress called with notes done through the parity gate (out of {@link
   *     ParityGate#workUnits})
   * @return the passing parity report
   * @throws ExportException {@link ExportException.Reason#PARITY_FAILED} with the report's summary
   *     when ONNX Runtime disagrees with DJL; nothing is published then
   */
  public ParityReport export(ExportRequest request, IntConsumer progress) {
    FlowGraphs.checkOpset(request.opset());
    if (!request.replace() && Files.exists(request.out())) {
      throw new ExportException(
          ExportException.Reason.INVALID_ARGUMENT,
          "--out: expected a path that does not exist yet (or --force), found existing "
              + request.out());
    }
    FlowWeights weights = FlowWeightsReader.read(request.flow());
    Manifest manifest =
        ManifestFactory.base(
            request.flow().config(),
            weights.contract().formatVersion(),
            request.provenance(),
            request.opset());
    Map<String, String> metadata = manifest.metadataProps();
    String producer = manifest.producer();
    String version = manifest.producerVersion();
    Map<String, ModelProto> graphs = new LinkedHashMap<>();
    graphs.put(
        GraphContract.ENCODER,
        FlowGraphs.encoder(weights, request.opset(), producer, version, metadata));
    graphs.put(
        GraphContract.DECODER,
        FlowGraphs.decoder(weights, request.opset(), producer, version, metadata));
    graphs.put(
        GraphContract.PRIOR,
        FlowGraphs.prior(weights, request.opset(), producer, version, metadata));
    Path staging = BundleWriter.stage(request.out(), graphs, manifest);
    try {
      ParityReport report;
      try (ModelBundle bundle = ModelBundle.load(staging, BundleOptions.DEFAULT)) {
        report =
            gate.run(
                new DjlReference(request.flow(), request.manager()),
                bundle,
                request.notes(),
                progress);
      } catch (TimbreflowException e) {
        throw new ExportException(
            ExportException.Reason.PARITY_FAILED,
            "the exported graphs do not run under ONNX Runtime: " + e.getMessage(),
            e);
      }
      if (!report.passed()) {
        throw new ExportException(
            ExportException.Reason.PARITY_FAILED,
            report.summary() + "nothing was published to " + request.out());
      }
      if (request.layout() == Layout.TRITON) {
        TritonLayout.apply(staging, TRITON_MAX_BATCH);
        try (ModelBundle reloaded = ModelBundle.load(staging, BundleOptions.DEFAULT)) {
          reloaded.manifest();
        }
      }
      BundleWriter.publish(staging, request.out(), request.replace());
      return report;
    } catch (RuntimeException e) {
      BundleWriter.discard(staging, e);
      throw e;
    }
  }
}
