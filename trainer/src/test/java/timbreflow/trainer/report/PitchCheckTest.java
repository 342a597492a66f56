package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.dsp.PitchEstimator;

class PitchCheckTest {

  private static final int RATE = 16_000;

  /** A decaying tone of 6 harmonics at a fractional MIDI pitch, 2 s. */
  static float[] tone(double midi) {
    double hz = PitchEstimator.midiToHz(midi);
    float[] x = new float[2 * RATE];
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) RATE;
      double v = 0;
      for (int h = 1; h <= 6; h++) {
        v += Math.sin(2 * Math.PI * h * hz * t) / h;
      }
      x[i] = (float) (0.3 * Math.exp(-t) * v);
    }
    return x;
  }

  private final PitchCheck strict = PitchCheck.strict(50);
  private final PitchCheck lenient = PitchCheck.asPublished(50);

  @Test
  void aToneAtTheRequestedPitchIsRightByBothJudges() {
    for (PitchCheck check : new PitchCheck[] {strict, lenient}) {
      PitchScore s = check.score(tone(60), RATE, 60);
      assertTrue(s.right() && s.voiced(), check.rule() + ": " + s);
      assertEquals(PitchEstimator.midiToHz(60), s.estimatedHz(), 1.0);
      assertEquals(0, s.centsOff(), 5);
      assertEquals(1.0, s.voicedShare(), 1e-12);
    }
  }

  @Test
  void aToneThirtyCentsSharpIsRightAndSeventyCentsSharpIsWrong() {
    PitchScore near = strict.score(tone(57.3), RATE, 57);
    assertTrue(near.right(), "30 cents: " + near);
    assertEquals(30, near.centsOff(), 5);
    PitchScore far = strict.score(tone(57.7), RATE, 57);
    assertFalse(far.right(), "70 cents: " + far);
    assertEquals(70, far.centsOff(), 5);
  }

  @Test
  void aToneAnOctaveOffIsWrong() {
    PitchScore s = strict.score(tone(72), RATE, 60);
    assertFalse(s.right());
    assertEquals(1200, s.centsOff(), 5);
  }

  @Test
  void noiseIsUnvoicedAndWrongByTheStrictJudge() {
    Random random = new Random(3);
    float[] noise = new float[2 * RATE];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.3 * random.nextGaussian());
    }
    PitchScore s = strict.score(noise, RATE, 60);
    assertFalse(s.voiced(), s.toString());
    assertFalse(s.right(), s.toString());
    assertTrue(Double.isNaN(s.estimatedHz()), s.toString());
    assertTrue(s.aperiodicity() > 0.5, s.toString());
  }

  @Test
  void aBreathyLowToneIsRightOnlyByYinAsPublished() {
    float[] x = tone(36);
    Random random = new Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] += (float) (0.08 * random.nextGaussian());
    }
    PitchScore published = lenient.score(x, RATE, 36);
    assertTrue(published.right(), published.toString());
    assertFalse(published.voiced(), published.toString());
    PitchScore s = strict.score(x, RATE, 36);
    assertFalse(s.right(), s.toString());
    assertFalse(s.voiced(), s.toString());
  }

  @Test
  void silenceIsWrongWithNoEstimate() {
    for (PitchCheck check : new PitchCheck[] {strict, lenient}) {
      PitchScore s = check.score(new float[2 * RATE], RATE, 60);
      assertFalse(s.right());
      assertTrue(Double.isNaN(s.estimatedHz()) && Double.isNaN(s.centsOff()), s.toString());
    }
  }

  @Test
  void theStrictJudgeReadsOnlyTheVoicedEstimateAndTheLenientOneTheFundamental() {
    double hz = PitchEstimator.midiToHz(69);
    PitchEstimator.Analysis unvoiced =
        new PitchEstimator.Analysis(OptionalDouble.of(hz), OptionalDouble.empty(), 0.3, 0.4);
    assertFalse(strict.score(unvoiced, 69).right());
    assertTrue(lenient.score(unvoiced, 69).right());
  }

  private static PitchEstimator.Analysis heard(double hz) {
    return new PitchEstimator.Analysis(OptionalDouble.of(hz), OptionalDouble.of(hz), 1, 0);
  }

  @Test
  void theWindowIsInclusiveAndSymmetric() {
    double hz = PitchEstimator.midiToHz(69);
    assertTrue(strict.score(heard(hz * Math.pow(2, 49.9 / 1200)), 69).right());
    assertTrue(strict.score(heard(hz * Math.pow(2, -49.9 / 1200)), 69).right());
    assertFalse(strict.score(heard(hz * Math.pow(2, 50.1 / 1200)), 69).right());
    assertFalse(strict.score(heard(hz * Math.pow(2, -50.1 / 1200)), 69).right());
  }
}
