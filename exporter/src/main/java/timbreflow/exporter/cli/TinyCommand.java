package timbreflow.exporter.cli;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * {@code tiny}: exports the seeded {@link TinyFlow} through the same exporter and parity gate (on
 * 32 seeded {@link SyntheticNotes}); regenerates {@code models/tiny/}. With {@code --conditional}
 * the flow is {@link TinyFlow#conditionalConfig()}, so the bundle is format 2.
 */
@Command(
    name = "tiny",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a seeded, randomly initialised tiny flow (513 channels, 2 steps, 8 hidden) through",
      "the parity gate on 32 synthetic notes: the small bundle tests and demos use."
    })
final class TinyCommand implements Callable<Integer> {

  @Option(
      names = "--seed",
      defaultValue = "20240613",
      description = "parameter seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--conditional",
      description =
          "a conditional flow with an envelope (TinyFlow.conditionalConfig): a format-2 bundle")
  boolean conditional;

  @Mixin BundleOutputOptions output;

  @Override
  public Integer call() {
    output.checkedLayout();
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalFlow flow =
          TinyFlow.create(
              manager, conditional ? TinyFlow.conditionalConfig() : TinyFlow.config(), seed);
      List<ParityNote> notes = SyntheticNotes.generate(ParityGate.MIN_NOTES, 513, 251, seed);
      Provenance provenance =
          new Provenance(
              0, null, "synthetic:tiny-seed-" + seed, GitCommit.current(), flow.config().toJson());
      ParityReport report = output.export(flow, manager, provenance, notes);
      System.out.print(report.summary());
      System.out.println("published " + output.out.toAbsolutePath());
      return 0;
    }
  }
}
