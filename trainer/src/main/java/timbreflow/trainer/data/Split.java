package timbreflow.trainer.data;

import java.util.Locale;

/** A dataset split; {@link #folder()} is its directory name as in NSynth's release. */
public enum Split {
  TRAIN,
  VALID,
  TEST;

  /** {@code train}, {@code valid} or {@code test}. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
