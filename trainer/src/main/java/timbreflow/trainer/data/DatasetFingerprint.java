package timbreflow.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * The identity of a dataset as training sees it, for checkpoints and model provenance: SHA-256 over
 * {@code dataset.json} (when the dataset was rendered), each split's {@code examples.json} and the
 * feature constants. Audio files are not hashed (a rendered dataset's WAVs are determined by its
 * {@code dataset.json}; NSynth's by its release).
 */
public final class DatasetFingerprint {

  private DatasetFingerprint() {}

  /** The fingerprint of the dataset whose splits are folders of {@code root}. */
  public static String of(Path root) {
    Fingerprints f = new Fingerprints();
    boolean any = false;
    if (DatasetSummary.exists(root)) {
      f.addFile(DatasetSummary.FILE, root.resolve(DatasetSummary.FILE));
      any = true;
    }
    for (Split split : Split.values()) {
      Path examples = root.resolve(split.folder()).resolve("examples.json");
      if (Files.isRegularFile(examples)) {
        f.addFile(split.folder() + "/examples.json", examples);
        any = true;
      }
    }
    if (!any) {
      throw new TrainerException(
          Reason.INVALID_DATASET,
          "expected dataset.json or <split>/examples.json under " + root + ", found neither");
    }
    StftConfig c = StftConfig.DEFAULT;
    f.add(
        "features",
        c.sampleRate()
            + "/"
            + c.nFft()
            + "/"
            + c.hop()
            + "/"
            + c.noteSamples()
            + "/"
            + LogMagnitude.POWER_FLOOR
            + "/"
            + LogMagnitude.RANGE_DB);
    return f.hex();
  }
}
