package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;

class NoteLevelTest {

  private static final StftConfig STFT = StftConfig.DEFAULT;

  /** A 4 s note of 6 harmonics of MIDI 60 whose amplitude is {@code exp(-rate·t)}. */
  static Features note(double decayPerSecond) {
    float[] x = new float[STFT.noteSamples()];
    double hz = 261.63;
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) STFT.sampleRate();
      double v = 0;
      for (int h = 1; h <= 6; h++) {
        v += Math.sin(2 * Math.PI * h * hz * t) / h;
      }
      x[i] = (float) (0.3 * Math.exp(-decayPerSecond * t) * v);
    }
    return new LogMagnitude(STFT).features(x);
  }

  @Test
  void aHeldNoteIsAtItsPeakLevelAtTwoSeconds() {
    assertEquals(0, NoteLevel.sustainDb(note(0), STFT), 0.5);
  }

  @Test
  void aNoteDecayingByEOverASecondIsSeventeenDecibelsDownAtTwoSeconds() {
    // amplitude exp(-2) at 2 s: 20·log10(e^-2) = -17.4 dB
    assertEquals(-17.4, NoteLevel.sustainDb(note(1), STFT), 1.0);
  }

  @Test
  void theEnvelopeTellsAHeldNoteFromADecayingOneOfTheSameSpectrum() {
    double[] held = NoteDescriptor.of(note(0), 60, STFT);
    double[] decaying = NoteDescriptor.of(note(1), 60, STFT);
    int last = held.length - 1;
    assertEquals(NoteDescriptor.length(STFT.bins()), held.length);
    assertTrue(held[last - 4] > -0.02, "held: " + held[last - 4]);
    assertTrue(decaying[last - 4] < -0.15, "decaying: " + decaying[last - 4]);
    // the first harmonic is the loudest bin of both
    int h1 = (STFT.bins() + NoteDescriptor.BAND - 1) / NoteDescriptor.BAND;
    assertTrue(held[h1] > held[h1 + 5], "h1 " + held[h1] + " vs h6 " + held[h1 + 5]);
  }
}
