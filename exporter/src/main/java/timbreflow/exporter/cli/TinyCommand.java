package timbreflow.exporter.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import timbreflow.exporter.ExportRequest;
import timbreflow.exporter.Exporter;
import timbreflow.exporter.graph.FlowGraphs;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * {@code tiny}: exports the seeded {@link TinyFlow} through the same exporter and parity gate (on
 * 32 seeded {@link SyntheticNotes}); regenerates {@code models/tiny/}.
 */
@Command(
    name = "tiny",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a seeded, randomly initialised tiny flow (513 channels, 2 steps, 8 hidden) through",
      "the parity gate on 32 synthetic notes: the small bundle tests and demos use."
    })
final class TinyCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "bundle directory to create")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "20240613",
      description = "parameter seed (default ${DEFAULT-VALUE})")
  long seed;

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

  @Override
  public Integer call() {
    FlowGraphs.checkOpset(opset);
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalFlow flow = TinyFlow.create(manager, seed);
      List<ParityNote> notes = SyntheticNotes.generate(ParityGate.MIN_NOTES, 513, 251, seed);
      Provenance provenance =
          new Provenance(
              0, null, "synthetic:tiny-seed-" + seed, GitCommit.current(), flow.config().toJson());
      ParityGate gate = ParityGate.standard();
      ParityReport report =
          new Exporter(gate)
              .export(
                  new ExportRequest(
                      flow,
                      manager,
                      provenance,
                      notes,
                      out,
                      opset,
                      ExporterCommands.layout(layout),
                      force),
                  new Progress(System.err, gate.workUnits(notes), "parity gate"));
      System.out.print(report.summary());
      System.out.println("published " + out.toAbsolutePath());
      return 0;
    }
  }
}
