package timbreflow.runtime.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import timbreflow.runtime.TimbreflowException;

class StftTest {

  private final Stft stft = new Stft(StftConfig.DEFAULT);

  @Test
  void inverseOfForwardGivesNoiseBackWithin1e5() {
    float[] x = Signals.noise(64_000, 7);
    float[] y = stft.inverse(stft.forward(x), x.length);
    assertTrue(Signals.relativeMaxError(x, y) < 1e-5, "error " + Signals.relativeMaxError(x, y));
  }

  @Test
  void inverseOfForwardGivesChirpBackWithin1e5AtAnOddLength() {
    float[] x = Signals.chirp(10_007, 16_000, 50, 7_900);
    float[] y = stft.inverse(stft.forward(x), x.length);
    assertTrue(Signals.relativeMaxError(x, y) < 1e-5, "error " + Signals.relativeMaxError(x, y));
  }

  @Test
  void aFourSecondNoteHas251FramesOf513Bins() {
    Magnitude m = stft.magnitude(new float[64_000]);
    assertEquals(513, m.bins());
    assertEquals(251, m.frames());
  }

  @ParameterizedTest
  @CsvSource({"1,1", "255,1", "256,2", "257,2", "1023,4", "1025,5", "10007,40", "64001,251"})
  void framesAreOnePlusLengthOverHop(int samples, int frames) {
    ComplexSpectrogram s = stft.forward(Signals.noise(samples, samples));
    assertEquals(frames, s.frames());
    assertEquals(513, s.bins());
  }

  @Test
  void inverseZeroFillsPastTheLastFrameAndCutsShortLengths() {
    float[] x = Signals.noise(1000, 3);
    ComplexSpectrogram s = stft.forward(x);
    float[] longer = stft.inverse(s, 3000);
    float[] shorter = stft.inverse(s, 500);
    assertEquals(3000, longer.length);
    assertEquals(0f, longer[2999]);
    assertEquals(x[499], shorter[499], 1e-6);
  }

  @Test
  void aToneAtABinFrequencyPeaksInThatBin() {
    int bin = 37;
    double hz = bin * 16_000.0 / 1024;
    float[] x = new float[16_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.cos(2 * Math.PI * hz * i / 16_000));
    }
    Magnitude m = stft.magnitude(x);
    for (int t = 4; t < m.frames() - 4; t++) {
      int best = 0;
      for (int k = 1; k < m.bins(); k++) {
        if (m.get(k, t) > m.get(best, t)) {
          best = k;
        }
      }
      assertEquals(bin, best, "frame " + t);
      // a Hann window sums to nFft/2, a cosine of amplitude A puts A/2 of it in its bin
      assertEquals(0.5 * 512 / 2, m.get(bin, t), 1e-2);
      assertEquals(0.5 * 512 / 4, m.get(bin + 1, t), 1e-2);
      assertTrue(m.get(bin + 2, t) < 1e-3);
    }
  }

  @Test
  void magnitudeMatchesTheComplexSpectrum() {
    float[] x = Signals.chirp(3000, 16_000, 100, 3000);
    Magnitude direct = stft.magnitude(x);
    Magnitude viaComplex = stft.forward(x).magnitude();
    assertTrue(Signals.relativeMaxError(viaComplex.values(), direct.values()) < 1e-6);
  }

  @Test
  void anEmptySignalIsRejected() {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> stft.magnitude(new float[0]));
    assertEquals(TimbreflowException.Reason.INVALID_ARGUMENT, e.reason());
  }
}
