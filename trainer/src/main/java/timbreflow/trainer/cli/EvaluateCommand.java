package timbreflow.trainer.cli;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.Split;
import timbreflow.trainer.report.BundleEvaluation;
import timbreflow.trainer.report.BundleReport;
import timbreflow.trainer.report.CombControl;
import timbreflow.trainer.report.EvaluationDocument;
import timbreflow.trainer.report.Headline;
import timbreflow.trainer.report.ReportNotes;
import timbreflow.trainer.report.ReportOutput;
import timbreflow.trainer.report.StrictPitchResult;
import timbreflow.trainer.train.Checkpoint;
import timbreflow.trainer.train.DeviceChoice;
import timbreflow.trainer.train.Evaluation;
import timbreflow.trainer.train.EvaluationReport;
import timbreflow.trainer.train.TrainingNote;

/**
 * {@code evaluate}: test-set bits/dim of a checkpoint against the prior-only baseline (DJL), and
 * the full report of an exported bundle (ONNX Runtime), alone or together.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "With --checkpoint: score whole test notes (bin-centre dequantisation) under the checkpoint,"
          + " overall and per family, beside the prior-only baseline and the uniform bound of 8"
          + " bits/dim, and measure max and mean |inverse(forward(x)) - x| (DJL).",
      "With --bundle: run the exported graphs under ONNX Runtime, through the server's NoteModel,"
          + " for invertibility over the split, Griffin-Lim reconstruction and latent-noise"
          + " robustness, samples over MIDI 24-84 x every family x temperatures x seeds judged by"
          + " the strict pitch judge (beside real test notes), a family classifier and their level"
          + " at 2 s, and the interpolation midpoint against the linear mix, with PNG figures and"
          + " WAV examples.",
      "Writes evaluation.json and evaluation.md (and figures/, audio/) into --out."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DatasetOptions dataset;

  @Mixin ReportOptions report;

  @Option(
      names = "--checkpoint",
      description = "the flow's checkpoint file or run folder (newest checkpoint)")
  Path checkpoint;

  @Option(
      names = "--baseline",
      description =
          "the prior-only baseline's checkpoint file or run folder (train --flow-steps 0)")
  Path baseline;

  @Option(
      names = "--bundle",
      description = "an exported model bundle folder (e.g. models/default) to report on")
  Path bundle;

  @Option(
      names = "--split",
      defaultValue = "TEST",
      description = "split to score (default ${DEFAULT-VALUE})")
  Split split;

  @Option(
      names = "--out",
      description = "folder for the report (default with --checkpoint: the run folder)")
  Path out;

  @Option(
      names = "--judge-split",
      defaultValue = "TRAIN",
      description =
          "split whose real notes the family classifier is fitted on (default ${DEFAULT-VALUE};"
              + " the evaluated split itself when the dataset has no such split)")
  Split judgeSplit;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (DJL)")
  String device;

  @Override
  public Integer call() {
    if (checkpoint == null && bundle == null) {
      throw new ParameterException(
          spec.commandLine(), "expected --checkpoint, --bundle or both, found neither");
    }
    if (baseline != null && checkpoint == null) {
      throw new ParameterException(spec.commandLine(), "--baseline needs --checkpoint");
    }
    if (out == null && checkpoint == null) {
      throw new ParameterException(
          spec.commandLine(), "--bundle without --checkpoint needs --out (the report folder)");
    }
    var config = report.config();
    if (bundle != null) {
      BundleEvaluation.check(bundle);
    }
    FeatureCache cache = dataset.featureCache(split);
    EvaluationReport bitsPerDim = null;
    Path folder = out;
    if (checkpoint != null) {
      Path file = Checkpoint.resolve(checkpoint);
      List<TrainingNote> notes = cache.trainingNotes();
      try (ProgressBar bar = new ProgressBar("evaluate")) {
        bitsPerDim =
            Evaluation.run(
                file,
                baseline,
                notes,
                EvaluateCommand::familyName,
                DeviceChoice.parse(device).resolve(Engine.getInstance()),
                bar::progressed);
      }
      System.out.print(bitsPerDim.table());
      folder = out != null ? out : runFolder(file);
    }
    if (bundle == null) {
      bitsPerDim.write(folder);
      System.out.println("wrote " + folder.resolve("evaluation.json") + " and evaluation.md");
      return 0;
    }
    ReportNotes notes = new ReportNotes(cache, dataset.splitDir(split));
    ReportNotes judgeNotes =
        judgeSplit == split || !dataset.has(judgeSplit)
            ? notes
            : new ReportNotes(dataset.featureCache(judgeSplit), dataset.splitDir(judgeSplit));
    try (ReportOutput output = new ReportOutput(folder)) {
      BundleReport result =
          BundleEvaluation.run(bundle, notes, judgeNotes, config, output, ProgressBar::new);
      EvaluationDocument doc =
          new EvaluationDocument(bitsPerDim, result, output.figures(), output.audioFiles());
      output.commit(doc.toJson(), doc.markdown());
      System.out.print(summary(result));
      System.out.println(
          "wrote "
              + output.folder().resolve("evaluation.md")
              + " and evaluation.json, "
              + output.figures().size()
              + " figures, "
              + output.audioFiles().size()
              + " audio files");
    }
    return 0;
  }

  /** A few lines on stdout: the headline figure of each section. */
  private static String summary(BundleReport r) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "invertibility (ONNX Runtime, %d notes): max %.3e, mean %.3e (target <= 1e-4: %s)%n",
            r.invertibility().notes(),
            r.invertibility().maxAbsError(),
            r.invertibility().meanAbsError(),
            r.invertibility().met() ? "met" : "NOT met"));
    s.append(
        String.format(
            Locale.ROOT,
            "reconstruction (%d notes): spectral convergence %.1f dB, with latent noise %.1f dB;"
                + " noise moves features by %.2e (mean abs)%n",
            r.reconstruction().all().notes(),
            r.reconstruction().all().spectralConvergenceDb(),
            r.reconstruction().all().noisySpectralConvergenceDb(),
            r.reconstruction().all().noiseMeanAbs()));
    Headline h = r.headline();
    s.append(h.summary()).append('\n');
    for (StrictPitchResult.Temperature t : r.sampling().strictPitch().temperatures()) {
      s.append(
          String.format(
              Locale.ROOT,
              "strict pitch t=%.2f (%d samples, MIDI 24-84): %.1f %%, below MIDI 48 %.1f %%,"
                  + " from 48 %.1f %%; real test notes %.1f %% (ratio %.2f)%n",
              t.temperature(),
              t.all().judged(),
              100 * t.all().accuracy(),
              100 * t.below48().accuracy(),
              100 * t.from48().accuracy(),
              100 * h.realStrictPitch().accuracy(),
              t.ratioToReal()));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "family identity t=%.2f: samples %.1f %%, real notes of unheard instruments %.1f %%"
                + " (ratio %.2f; shuffled-label control %.1f %%)%n",
            h.temperature(),
            100 * h.familySamples(),
            100 * h.familyReal(),
            h.familyRatio(),
            100 * r.sampling().familyIdentity().judge().shuffledLabelAccuracy()));
    s.append(
        String.format(
            Locale.ROOT,
            "sustain: %d of %d sustained families within 6 dB of real notes at 2 s%n",
            h.sustainedWithin(),
            h.sustainedFamilies()));
    CombControl control = r.sampling().lenientPitch().combControl();
    s.append(
        String.format(
            Locale.ROOT,
            "diagnostic, YIN as published (not a pitch measure): %.1f %% at t=%.2f; comb removed:"
                + " %.1f %%%n",
            100 * h.lenientPitch(),
            h.temperature(),
            100 * control.asPublished().accuracy()));
    s.append("interpolation: ").append(r.interpolation().conclusion()).append('\n');
    return s.toString();
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
