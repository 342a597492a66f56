package timbreflow.exporter.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.graph.FlowGraphs;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.exporter.pipeline.ExportRequest;
import timbreflow.exporter.pipeline.Exporter;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.runtime.progress.ProgressLine;
import timbreflow.trainer.flow.ConditionalFlow;

/** The options of every command that publishes a bundle: where, which opset, which layout. */
final class BundleOutputOptions {

  @Option(names = "--out", required = true, description = "bundle directory to create")
  Path out;

  @Option(
      names = "--opset",
      defaultValue = "17",
      description = "ONNX opset, 13 to 17 (default ${DEFAULT-VALUE})")
  int opset;

  @Option(
      names = "--layout",
      defaultValue = "bundle",
      description = "bundle or triton (default ${DEFAULT-VALUE})")
  String layout;

  @Option(names = "--force", description = "replace an existing --out bundle")
  boolean force;

  /** Checks {@code --opset} and parses {@code --layout}; call it before any expensive work. */
  Layout checkedLayout() {
    FlowGraphs.checkOpset(opset);
    return ExporterCommands.layout(layout);
  }

  /**
   * Exports {@code flow} to these options through the standard parity gate on {@code notes}, its
   * progress on a bar on stderr.
   *
   * @return the passing report (a failing gate throws and publishes nothing)
   */
  ParityReport export(
      ConditionalFlow flow, NDManager manager, Provenance provenance, List<ParityNote> notes) {
    ExportRequest request =
        new ExportRequest(flow, manager, provenance, notes, out, opset, checkedLayout(), force);
    ParityGate gate = ParityGate.standard();
    int total = gate.workUnits(notes);
    try (ProgressLine bar = new ProgressLine("parity gate", "notes")) {
      return new Exporter(gate).export(request, done -> bar.update(done, total));
    }
  }
}
