package timbreflow.runtime.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import timbreflow.runtime.TimbreflowException;

class PitchEstimatorTest {

  private static final int RATE = 16_000;
  private static final PitchEstimator YIN = new PitchEstimator();

  /**
   * A 3.2-s note at 16 kHz (the estimator reads the first 3 s): harmonics 1..count below Nyquist
   * with amplitude 1/k, decaying.
   */
  private static float[] note(double hz, int harmonics, long seed) {
    Random r = new Random(seed);
    double[] phase = new double[harmonics + 1];
    for (int k = 1; k <= harmonics; k++) {
      phase[k] = 2 * Math.PI * r.nextDouble();
    }
    float[] x = new float[16 * RATE / 5];
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) RATE;
      double s = 0;
      for (int k = 1; k <= harmonics && k * hz < RATE / 2.0; k++) {
        s += Math.sin(2 * Math.PI * k * hz * t + phase[k]) / k;
      }
      double envelope = Math.min(1, t / 0.01) * Math.exp(-t / 1.5);
      x[i] = (float) (0.4 * envelope * s);
    }
    return x;
  }

  private static void assertWithinTenCents(double hz, OptionalDouble estimate) {
    assertTrue(estimate.isPresent(), "no pitch for " + hz + " Hz");
    double cents = PitchEstimator.centsBetween(hz, estimate.getAsDouble());
    assertTrue(
        Math.abs(cents) <= 10, hz + " Hz estimated " + estimate.getAsDouble() + " (" + cents + ")");
  }

  @ParameterizedTest(name = "MIDI {0}")
  @ValueSource(ints = {21, 24, 33, 40, 48, 57, 60, 69, 76, 84, 93, 100, 105, 108})
  void pureToneIsEstimatedWithinTenCents(int midi) {
    double hz = PitchEstimator.midiToHz(midi);

    assertWithinTenCents(hz, YIN.estimateHz(note(hz, 1, midi), RATE));
  }

  @ParameterizedTest(name = "MIDI {0}")
  @ValueSource(ints = {21, 28, 36, 43, 50, 55, 62, 67, 72, 79, 86, 91, 98, 103})
  void harmonicToneIsEstimatedWithinTenCents(int midi) {
    double hz = PitchEstimator.midiToHz(midi);

    assertWithinTenCents(hz, YIN.estimateHz(note(hz, 30, midi), RATE));
  }

  @Test
  void detunedToneBetweenSemitonesIsEstimatedWithinTenCents() {
    for (double midi = 45.25; midi < 90; midi += 7.4) {
      double hz = PitchEstimator.midiToHz(midi);
      assertWithinTenCents(hz, YIN.estimateHz(note(hz, 12, 9), RATE));
    }
  }

  @Test
  void toneAtAnotherSampleRateIsEstimatedWithinTenCents() {
    double hz = 261.63;
    float[] x = new float[2 * 44_100];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 44_100));
    }

    assertWithinTenCents(hz, YIN.estimateHz(x, 44_100));
  }

  @Test
  void whiteNoiseIsUnvoiced() {
    for (long seed = 1; seed <= 5; seed++) {
      Random r = new Random(seed);
      float[] x = new float[4 * RATE];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.3 * r.nextGaussian());
      }
      assertTrue(YIN.estimateHz(x, RATE).isEmpty(), "seed " + seed);
    }
  }

  @Test
  void whiteNoiseIsAperiodicUnderBothReadings() {
    Random r = new Random(11);
    float[] x = new float[3 * RATE];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.3 * r.nextGaussian());
    }
    PitchEstimator.Analysis a = YIN.analyse(x, RATE);
    assertTrue(a.voicedHz().isEmpty());
    assertTrue(a.fundamentalHz().isPresent(), "YIN as published always has an estimate");
    assertTrue(a.periodicShare() < 0.1, "periodic share " + a.periodicShare());
    assertTrue(a.aperiodicity() > 0.5, "aperiodicity " + a.aperiodicity());
  }

  @Test
  void aCleanToneIsPeriodicAndBothReadingsAgree() {
    double hz = PitchEstimator.midiToHz(45);
    PitchEstimator.Analysis a = YIN.analyse(note(hz, 12, 4), RATE);
    assertEquals(1.0, a.periodicShare());
    assertTrue(a.aperiodicity() < 0.05, "aperiodicity " + a.aperiodicity());
    assertEquals(a.voicedHz(), a.fundamentalHz());
    assertWithinTenCents(hz, a.fundamentalHz());
  }

  /**
   * A low harmonic tone under white noise loud enough that no frame's d' dips below the threshold:
   * the voicing rule calls it unvoiced, YIN as published still hears its fundamental.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aBreathyLowToneFailsTheVoicingRuleButKeepsItsFundamental(long seed) {
    double hz = PitchEstimator.midiToHz(36);
    float[] x = note(hz, 20, seed);
    Random r = new Random(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] += (float) (0.12 * r.nextGaussian());
    }
    PitchEstimator.Analysis a = YIN.analyse(x, RATE);
    assertTrue(a.voicedHz().isEmpty(), "voiced " + a);
    assertTrue(a.aperiodicity() > PitchEstimator.DEFAULT_THRESHOLD, "aperiodicity " + a);
    assertTrue(a.fundamentalHz().isPresent(), a.toString());
    double cents = PitchEstimator.centsBetween(hz, a.fundamentalHz().getAsDouble());
    assertTrue(Math.abs(cents) <= 50, "fundamental " + a.fundamentalHz() + " (" + cents + ")");
  }

  @Test
  void silenceAndTooShortInputAreUnvoiced() {
    assertTrue(YIN.estimateHz(new float[4 * RATE], RATE).isEmpty());
    assertTrue(YIN.estimateHz(new float[300], RATE).isEmpty());
    PitchEstimator.Analysis silent = YIN.analyse(new float[4 * RATE], RATE);
    assertTrue(silent.fundamentalHz().isEmpty() && silent.voicedHz().isEmpty());
    assertEquals(0, silent.periodicShare());
    assertTrue(Double.isNaN(silent.aperiodicity()));
  }

  @Test
  void midiConversionsInvertEachOther() {
    assertEquals(440.0, PitchEstimator.midiToHz(69), 1e-12);
    assertEquals(27.5, PitchEstimator.midiToHz(21), 1e-12);
    assertEquals(4186.009, PitchEstimator.midiToHz(108), 1e-3);
    for (double m = 0; m <= 127; m += 0.37) {
      assertEquals(m, PitchEstimator.hzToMidi(PitchEstimator.midiToHz(m)), 1e-9);
    }
    assertEquals(1200.0, PitchEstimator.centsBetween(220, 440), 1e-9);
    assertEquals(-100.0, PitchEstimator.centsBetween(440, PitchEstimator.midiToHz(68)), 1e-9);
  }

  @Test
  void nonPositiveFrequenciesAndBadSettingsAreRefused() {
    assertThrows(TimbreflowException.class, () -> PitchEstimator.hzToMidi(0));
    assertThrows(TimbreflowException.class, () -> PitchEstimator.centsBetween(-1, 440));
    assertThrows(TimbreflowException.class, () -> new PitchEstimator(1.5, 30, 4000, 3));
    assertThrows(TimbreflowException.class, () -> new PitchEstimator(0.1, 400, 300, 3));
  }
}
