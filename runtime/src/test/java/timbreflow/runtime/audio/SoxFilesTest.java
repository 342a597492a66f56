package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written by sox (committed, made by {@code sox/make.sh}) decode to the tone they hold. */
class SoxFilesTest {

  private static Waveform resource(String name) throws IOException {
    try (InputStream in = SoxFilesTest.class.getResourceAsStream("sox/" + name)) {
      assertNotNull(in, name);
      return WavReader.read(in, 1 << 20);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "s24-stereo-extensible.wav, 1e-6",
    "s32.wav, 1e-6",
    "s16-6ch-extensible.wav, 1e-6",
    "f32-fact.wav, 1e-6",
    "f64-stereo.wav, 1e-6",
    "s16-piped.wav, 1e-4",
    "u8.wav, 0.012"
  })
  void soxConversionsDecodeToTheSameToneAsTheBaseFile(String name, double tolerance)
      throws IOException {
    float[] base = resource("base.wav").samples();
    Waveform w = resource(name);

    assertEquals(16_000, w.sampleRate());
    assertEquals(base.length, w.length());
    for (int i = 0; i < base.length; i++) {
      assertEquals(base[i], w.samples()[i], tolerance, name + " sample " + i);
    }
  }
}
