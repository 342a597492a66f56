package timbreflow.trainer.cli;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.Split;
import timbreflow.trainer.train.Checkpoint;
import timbreflow.trainer.train.DeviceChoice;
import timbreflow.trainer.train.Evaluation;
import timbreflow.trainer.train.EvaluationReport;
import timbreflow.trainer.train.TrainingNote;

/** {@code evaluate}: test-set bits/dim against the prior-only baseline, and invertibility. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score whole test notes (bin-centre dequantisation) under a checkpoint, overall and per"
          + " family, beside the prior-only baseline and the uniform bound of 8 bits/dim, and"
          + " measure max and mean |inverse(forward(x)) - x|.",
      "Prints a table and writes evaluation.json and evaluation.md."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Mixin DatasetOptions dataset;

  @Option(
      names = "--checkpoint",
      required = true,
      description = "the flow's checkpoint file or run folder (newest checkpoint)")
  Path checkpoint;

  @Option(
      names = "--baseline",
      description =
          "the prior-only baseline's checkpoint file or run folder (train --flow-steps 0)")
  Path baseline;

  @Option(
      names = "--split",
      defaultValue = "TEST",
      description = "split to score (default ${DEFAULT-VALUE})")
  Split split;

  @Option(names = "--out", description = "folder for evaluation.json/.md (default: the run folder)")
  Path out;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu")
  String device;

  @Override
  public Integer call() {
    List<TrainingNote> notes = dataset.notes(split);
    Path file = Checkpoint.resolve(checkpoint);
    EvaluationReport report;
    try (ProgressBar bar = new ProgressBar("evaluate")) {
      report =
          Evaluation.run(
              file,
              baseline,
              notes,
              EvaluateCommand::familyName,
              DeviceChoice.parse(device).resolve(Engine.getInstance()),
              bar::progressed);
    }
    System.out.print(report.table());
    Path folder = out != null ? out : runFolder(file);
    report.write(folder);
    System.out.println("wrote " + folder.resolve("evaluation.json") + " and evaluation.md");
    return 0;
  }

  /** The run folder of {@code <run>/checkpoints/step-N.ckpt}, else the file's own folder. */
  private static Path runFolder(Path checkpointFile) {
    Path parent = checkpointFile.toAbsolutePath().getParent();
    boolean inRun =
        parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints");
    return inRun && parent.getParent() != null ? parent.getParent() : parent;
  }

  static String familyName(int index) {
    return InstrumentFamily.ofIndex(index).map(InstrumentFamily::label).orElse("family" + index);
  }
}
