package timbreflow.exporter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.parity.ParityGate;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.exporter.parity.ParityReport;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.train.Checkpoint;
import timbreflow.trainer.train.CheckpointMetadata;

/** {@code export}: checkpoint → proven bundle. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a trainer checkpoint to encoder.onnx, decoder.onnx, prior.onnx and model.json,",
      "runs the parity gate against DJL on validation notes and publishes only if it passes."
    })
final class ExportCommand implements Callable<Integer> {

  @Option(
      names = "--checkpoint",
      required = true,
      description = "checkpoint file or run folder (newest checkpoint)")
  Path checkpoint;

  @Option(
      names = "--data",
      required = true,
      description = "validation split in NSynth jsonwav layout (examples.json + audio/)")
  Path data;

  @Option(
      names = "--parity-notes",
      defaultValue = "32",
      description = "validation notes for the gate, at least 32 (default ${DEFAULT-VALUE})")
  int parityNotes;

  @Mixin BundleOutputOptions output;

  @Override
  public Integer call() {
    Layout chosen = output.checkedLayout();
    if (parityNotes < ParityGate.MIN_NOTES) {
      throw new ExportException(
          ExportException.Reason.INVALID_ARGUMENT,
          "--parity-notes: expected at least " + ParityGate.MIN_NOTES + ", found " + parityNotes);
    }
    List<ParityNote> notes = ValidationNotes.load(data, parityNotes);
    Checkpoint ckpt;
    try {
      ckpt = Checkpoint.load(checkpoint);
    } catch (TrainerException e) {
      throw new ExportException(
          ExportException.Reason.INVALID_CHECKPOINT,
          "--checkpoint " + checkpoint + ": " + e.getMessage(),
          e);
    }
    try (ckpt) {
      CheckpointMetadata meta = ckpt.metadata();
      Provenance provenance =
          new Provenance(
              meta.step(),
              meta.validBitsPerDim(),
              meta.datasetFingerprint(),
              GitCommit.current(),
              ckpt.flowConfig().toJson());
      ParityReport report = output.export(ckpt.flow(), ckpt.manager(), provenance, notes);
      System.out.print(report.summary());
      System.out.println(
          "published "
              + output.out.toAbsolutePath()
              + " ("
              + chosen.name().toLowerCase()
              + " layout, opset "
              + output.opset
              + ")");
      return 0;
    }
  }
}
