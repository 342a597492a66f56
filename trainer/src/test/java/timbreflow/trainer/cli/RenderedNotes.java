package timbreflow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import timbreflow.trainer.train.Checkpoint;

/** Tiny NSynth-format datasets rendered from TimGM6mb by the {@code render} command, for tests. */
public final class RenderedNotes {

  /** The small General MIDI SoundFont bin/install-test-deps installs. */
  public static final Path TIM_GM = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

  private RenderedNotes() {}

  /**
   * Renders {@code programs} × {@code pitches} at velocity 100 into {@code out}, notes split at
   * random with {@code heldOut} of them in valid and test; skips the calling test without the
   * SoundFont.
   *
   * @param programs General MIDI programs, e.g. {@code 73,0}
   * @param pitches a MIDI pitch range, e.g. {@code 60-63}
   * @param heldOut fraction of notes for valid and test, e.g. {@code 0.5}
   * @return {@code out}
   */
  public static Path render(Path out, String programs, String pitches, String heldOut) {
    assumeTrue(Files.isRegularFile(TIM_GM), "needs " + TIM_GM + " (bin/install-test-deps)");
    assertEquals(
        0,
        TrainerCli.execute(
            "render",
            "--soundfont",
            TIM_GM.toString(),
            "--out",
            out.toString(),
            "--programs",
            programs,
            "--pitches",
            pitches,
            "--velocities",
            "100",
            "--split",
            "NOTES",
            "--held-out",
            heldOut,
            "--threads",
            "1"));
    return out;
  }

  /**
   * Runs {@code train --resume} of {@code run} to {@code steps} steps and checks its checkpoint.
   */
  public static void resume(Path data, Path run, long steps) {
    assertEquals(
        0,
        TrainerCli.execute(
            "train",
            "--data",
            data.toString(),
            "--run",
            run.toString(),
            "--resume",
            "--steps",
            String.valueOf(steps)));
    try (Checkpoint checkpoint = Checkpoint.load(run)) {
      assertEquals(steps, checkpoint.metadata().step());
    }
  }
}
