package timbreflow.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.NoteModel;

/**
 * The shipped {@code models/default} bundle loads on a fresh clone and does what its model card
 * says on its own example notes: exact inversion and a likelihood far better than uniform.
 */
class DefaultBundleTest {

  static final Path DEFAULT = Path.of("..", "models", "default");

  @Test
  void shippedBundleInvertsItsExampleNotesAndScoresThemBelowTheUniformBound() {
    LogMagnitude logMagnitude = new LogMagnitude(StftConfig.DEFAULT);
    try (NoteModel model = new NoteModel(ModelBundle.load(DEFAULT))) {
      int organ = model.families().indexOf("organ");
      int bass = model.families().indexOf("bass");
      for (String[] example :
          new String[][] {{"organ-c3.wav", "48", "" + organ}, {"bass-c3.wav", "48", "" + bass}}) {
        Features x =
            logMagnitude.features(WavReader.read(DEFAULT.resolve("examples").resolve(example[0])));
        assertEquals(513, x.bins());
        assertEquals(251, x.frames());
        EncodedNote e =
            model.encode(
                x, model.condition(Integer.parseInt(example[1]), Integer.parseInt(example[2])));
        float[] back = model.decode(e.latent(), x.reference()).values();
        float worst = 0;
        for (int i = 0; i < back.length; i++) {
          worst = Math.max(worst, Math.abs(back[i] - x.values()[i]));
        }
        assertTrue(worst <= 1e-4f, example[0] + ": max |decode(encode(x)) - x| = " + worst);
        double bpd = e.bitsPerDim();
        assertTrue(
            bpd > 2 && bpd < 7,
            example[0] + ": expected 2 < bits/dim < 7 (uniform 8), found " + bpd);
      }
    }
  }
}
