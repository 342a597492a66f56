package timbreflow.trainer.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.note.NoteModel;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.InstrumentFamily;

/**
 * Runs the report's sections on an exported bundle under ONNX Runtime, through the runtime's {@link
 * NoteModel} (the server's code for every note operation): invertibility over the whole split,
 * reconstruction, sampling and interpolation, writing their figures and audio into a {@link
 * ReportOutput}.
 */
public final class BundleEvaluation {

  private BundleEvaluation() {}

  /**
   * Evaluates the bundle in {@code bundleDir} on {@code notes}.
   *
   * @param notes the notes every section runs on (the test split)
   * @param judgeNotes the real notes the family classifier is fitted on: the training split, whose
   *     instruments the test split never shares, or {@code notes} itself
   * @throws TrainerException INVALID_BUNDLE when the bundle cannot be loaded or run
   */
  public static BundleReport run(
      Path bundleDir,
      ReportNotes notes,
      ReportNotes judgeNotes,
      ReportConfig config,
      ReportOutput out,
      SectionProgress progress) {
    long start = System.nanoTime();
    check(bundleDir);
    try (NoteModel model = new NoteModel(ModelBundle.load(bundleDir, BundleOptions.DEFAULT))) {
      Manifest manifest = model.bundle().manifest();
      LatentCodec codec = new LatentCodec(model, config.batch());
      AudioRenderer renderer = new AudioRenderer(model, config.threads());
      InvertibilityResult invertibility;
      try (SectionProgress.Tracker bar = progress.start("invertibility", "notes")) {
        invertibility = InvertibilitySection.run(codec, notes, config.batch(), bar);
      }
      ReconstructionResult reconstruction =
          ReconstructionSection.run(codec, notes, config, renderer, out, progress);
      SamplingResult sampling =
          SamplingSection.run(codec, notes, judgeNotes, config, renderer, out, progress);
      InterpolationResult interpolation =
          InterpolationSection.run(codec, notes, config, renderer, out, progress);
      return new BundleReport(
          bundleDir.toString(),
          manifest.formatVersion(),
          manifest.provenance().checkpointStep(),
          manifest.provenance().gitCommit(),
          notes.splitDir().toString(),
          notes.size(),
          config,
          Headline.of(sampling),
          invertibility,
          reconstruction,
          sampling,
          interpolation,
          (System.nanoTime() - start) / 1e9);
    } catch (TimbreflowException e) {
      throw new TrainerException(
          Reason.INVALID_BUNDLE, bundleDir + ": " + e.reason() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks, cheaply, that {@code dir} holds a bundle this report can run: a folder with a readable
   * {@code model.json} whose families are NSynth's, in NSynth's order (the data's family indices
   * are NSynth's and feed the bundle's {@code family} input). The graphs are verified when they
   * load.
   *
   * @throws TrainerException INVALID_BUNDLE naming what is wrong
   */
  public static Manifest check(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new TrainerException(
          Reason.INVALID_BUNDLE,
          "--bundle: expected a model bundle folder (model.json, encoder.onnx, decoder.onnx,"
              + " prior.onnx), found "
              + (Files.exists(dir) ? "a file" : "nothing")
              + " at "
              + dir);
    }
    Manifest manifest;
    try {
      manifest = Manifest.read(dir);
    } catch (TimbreflowException e) {
      throw new TrainerException(Reason.INVALID_BUNDLE, e.getMessage(), e);
    }
    List<String> nsynth =
        Arrays.stream(InstrumentFamily.values()).map(InstrumentFamily::label).toList();
    if (!manifest.families().equals(nsynth)) {
      throw new TrainerException(
          Reason.INVALID_BUNDLE,
          dir
              + ": expected the NSynth families "
              + nsynth
              + " in model.json, found "
              + manifest.families());
    }
    return manifest;
  }
}
