package timbreflow.runtime.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;

/** The note operations over the committed tiny bundle {@code models/tiny} (format 1). */
class NoteModelTest {

  static final Path TINY = Path.of("..", "models", "tiny");

  static NoteModel model;
  static Waveform brass;
  static Waveform flute;

  @BeforeAll
  static void open() throws Exception {
    model = new NoteModel(ModelBundle.load(TINY));
    brass = WavReader.read(TINY.resolve("examples/brass-c4.wav"));
    flute = WavReader.read(TINY.resolve("examples/flute-c4.wav"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void decodingAnEncodedNoteGivesItsFeaturesBackTo1e4() {
    Features x = model.features(brass);
    EncodedNote note = model.encode(x, model.condition(60, 1));
    Features y = model.decode(note.latent(), x.reference());
    float[] a = x.values();
    float[] b = y.values();
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    assertTrue(max < 1e-4, "max |decode(encode(x)) - x| = " + max);
    // the tiny bundle is barely trained: a finite, positive score is all it promises
    assertTrue(note.bitsPerDim() > 0 && Double.isFinite(note.bitsPerDim()), "" + note.bitsPerDim());
  }

  @Test
  void batchedEncodingEqualsOneByOne() {
    Features a = model.features(brass);
    Features b = model.features(flute);
    List<EncodedNote> both =
        model.encode(List.of(a, b), List.of(model.condition(60, 1), model.condition(72, 2)));
    assertArrayEquals(
        model.encode(b, model.condition(72, 2)).latent().values(), both.get(1).latent().values());
  }

  @Test
  void samplingAtTemperatureZeroIsThePriorMeanAndASeedFixesTheSample() {
    Condition c = model.condition(60, 1);
    int frames = model.stft().noteFrames();
    PriorParams prior = model.bundle().prior(new long[] {60}, new long[] {1}, frames);
    assertArrayEquals(prior.mean(), model.sample(c, 0, 7).values());
    assertEquals(model.sample(c, 0.7, 7), model.sample(c, 0.7, 7));
    assertNotEquals(model.sample(c, 0.7, 7), model.sample(c, 0.7, 8));
    assertThrows(TimbreflowException.class, () -> model.sample(c, -1, 0));
  }

  @Test
  void interpolationStartsAtOneNoteEndsAtTheOtherAndStretches() {
    Latent a = model.encode(model.features(brass), model.condition(60, 1)).latent();
    Latent b = model.encode(model.features(flute), model.condition(72, 2)).latent();
    List<Latent> sweep = model.interpolate(a, b, new double[] {0, 0.5, 1}, 1.5);
    assertEquals(3, sweep.size());
    assertEquals(Math.round(a.frames() * 1.5), sweep.get(0).frames());
    assertEquals(a.stretched(sweep.get(0).frames()), sweep.get(0));
    assertEquals(66.0, sweep.get(1).condition().pitch(), 1e-12);
    List<Features> decoded = model.decode(sweep, 1.0);
    assertEquals(3, decoded.size());
  }

  @Test
  void renderingPeakNormalisesNotesOfUnknownLoudness() {
    Features y = model.decode(model.sample(model.condition(60, 1), 0.5, 3), 1.0);
    RenderedNote note =
        model.render(
            y,
            GriffinLimConfig.builder().optIterations(4).optSeed(3).build(),
            new GriffinLimListener() {},
            true);
    float peak = 0;
    for (float s : note.samples()) {
      peak = Math.max(peak, Math.abs(s));
    }
    assertEquals(NoteModel.PEAK, peak, 1e-6);
    assertEquals(4, note.phase().iterations());
  }

  @Test
  void anUnconditionalBundleDecodesTheSameUnderAnyCondition() {
    assertFalse(model.bundle().conditionalFlow());
    Latent z = model.sample(model.condition(60, 1), 0.7, 1);
    Latent other = new Latent(z.values(), z.bins(), z.frames(), model.condition(30, 5));
    assertArrayEquals(model.decode(z, 1.0).values(), model.decode(other, 1.0).values());
  }

  @Test
  void aPitchOutsideTheBundlesRangeIsRefused() {
    TimbreflowException e = assertThrows(TimbreflowException.class, () -> model.condition(500, 0));
    assertTrue(e.getMessage().contains("pitch"), e.getMessage());
  }
}
