package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The small General MIDI SoundFont the renderer tests use. */
final class TestSoundFonts {

  /** Debian's timgm6mb-soundfont (6 MB), installed by bin/install-test-deps. */
  static final Path TIM_GM = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

  private TestSoundFonts() {}

  /** The SoundFont, or the test is skipped with the reason. */
  static Path small() {
    assumeTrue(
        Files.isRegularFile(TIM_GM),
        "needs " + TIM_GM + " (Debian timgm6mb-soundfont; run bin/install-test-deps)");
    return TIM_GM;
  }
}
