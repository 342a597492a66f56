package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.phase.GriffinLim;
import timbreflow.runtime.phase.GriffinLimConfig;

class CombRemovalTest {

  private static final StftConfig STFT = StftConfig.DEFAULT;

  @Test
  void theWindowIsTheHarmonicSpacingRoundedToAnOddNumberOfBins() {
    // 15.625 Hz per bin: MIDI 36 = 65.4 Hz (4.19 bins), MIDI 69 = 440 Hz (28.2), MIDI 21 (1.76)
    assertEquals(5, CombRemoval.width(36, STFT));
    assertEquals(29, CombRemoval.width(69, STFT));
    assertEquals(3, CombRemoval.width(21, STFT));
    assertEquals(7, CombRemoval.width(43, STFT));
  }

  @Test
  void aRippleOfTheWindowsPeriodIsCancelledAndAStraightSlopeIsKept() {
    int bins = 40;
    int frames = 3;
    float[] x = new float[bins * frames];
    for (int c = 0; c < bins; c++) {
      for (int t = 0; t < frames; t++) {
        x[c * frames + t] = (float) (0.01 * c + t + 0.2 * Math.cos(2 * Math.PI * c / 5));
      }
    }
    float[] y = CombRemoval.smoothed(x, bins, frames, 5);
    for (int c = 2; c < bins - 2; c++) {
      for (int t = 0; t < frames; t++) {
        assertEquals(0.01 * c + t, y[c * frames + t], 1e-5, "bin " + c + ", frame " + t);
      }
    }
  }

  @Test
  void aHarmonicToneLosesItsPitchOnceItsCombIsSmoothedAway() {
    int midi = 43;
    double hz = PitchEstimator.midiToHz(midi);
    float[] x = new float[STFT.noteSamples()];
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int k = 1; k <= 30 && k * hz < 7900; k++) {
        s += Math.sin(2 * Math.PI * k * hz * i / STFT.sampleRate()) / k;
      }
      x[i] = (float) (0.3 * s * Math.exp(-i / (2.0 * STFT.sampleRate())));
    }
    LogMagnitude logMagnitude = new LogMagnitude(STFT);
    Features features = logMagnitude.features(x);
    Features combless =
        new Features(
            CombRemoval.smoothed(
                features.values(),
                features.bins(),
                features.frames(),
                CombRemoval.width(midi, STFT)),
            features.bins(),
            features.frames(),
            features.reference());
    float[] withComb = render(logMagnitude, features);
    float[] withoutComb = render(logMagnitude, combless);

    // even YIN as published, which finds a pitch in faintly rippled noise, loses it
    PitchCheck lenient = PitchCheck.asPublished(50);
    PitchScore before = lenient.score(withComb, STFT.sampleRate(), midi);
    PitchScore after = lenient.score(withoutComb, STFT.sampleRate(), midi);
    assertTrue(before.right() && before.voiced(), before.toString());
    assertFalse(after.right(), after.toString());
    assertFalse(after.voiced(), after.toString());
    PitchCheck strict = PitchCheck.strict(50);
    assertTrue(strict.score(withComb, STFT.sampleRate(), midi).right());
    assertFalse(strict.score(withoutComb, STFT.sampleRate(), midi).right());
  }

  private static float[] render(LogMagnitude logMagnitude, Features features) {
    GriffinLimConfig config =
        GriffinLimConfig.builder()
            .optIterations(60)
            .optMomentum(0.99)
            .optSeed(1)
            .optLength(STFT.noteSamples())
            .build();
    return new GriffinLim(STFT, config).reconstruct(logMagnitude.magnitude(features)).samples();
  }
}
