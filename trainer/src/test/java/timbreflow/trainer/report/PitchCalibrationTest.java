package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import timbreflow.runtime.dsp.PitchEstimator;

/**
 * The pitch judge's calibration: a control that can fail. White noise whose log spectrum carries a
 * faint ripple at a pitch's harmonics is not a note a listener hears at that pitch, so the strict
 * judge must call it wrong; a clean harmonic tone it must call right. YIN as published calls the
 * rippled noise right, which is why its figure is a diagnostic and not the headline.
 */
class PitchCalibrationTest {

  private static final int RATE = 16_000;
  private static final int SAMPLES = 64_000;

  /**
   * 4 s of white noise shaped so that its log-magnitude spectrum rises and falls by {@code depthDb}
   * (peak to trough) with a period of the pitch's fundamental: peaks at every harmonic.
   */
  static float[] rippledNoise(int midi, double depthDb, long seed) {
    int n = 1 << 16;
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    DoubleFFT_1D fft = new DoubleFFT_1D(n);
    fft.realForward(x);
    double f0 = PitchEstimator.midiToHz(midi);
    for (int k = 1; k < n / 2; k++) {
      double hz = k * (double) RATE / n;
      double gain = Math.pow(10, depthDb / 2 * Math.cos(2 * Math.PI * hz / f0) / 20);
      x[2 * k] *= gain;
      x[2 * k + 1] *= gain;
    }
    fft.realInverse(x, true);
    double peak = 0;
    for (int i = 0; i < SAMPLES; i++) {
      peak = Math.max(peak, Math.abs(x[i]));
    }
    float[] out = new float[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      out[i] = (float) (0.5 * x[i] / peak);
    }
    return out;
  }

  @ParameterizedTest(name = "MIDI {0}, {1} dB ripple")
  @CsvSource({"36, 3", "48, 3", "60, 3", "36, 6", "48, 6", "60, 6"})
  void noiseWithAHarmonicRippleIsWrongByTheStrictJudge(int midi, double depthDb) {
    float[] noise = rippledNoise(midi, depthDb, midi * 31L + (long) depthDb);
    PitchScore s = PitchCheck.strict(50).score(noise, RATE, midi);
    assertFalse(s.right(), s.toString());
    assertFalse(s.voiced(), s.toString());
  }

  @ParameterizedTest(name = "MIDI {0}, {1} dB ripple")
  @CsvSource({"36, 3", "48, 3", "60, 3", "36, 6", "48, 6", "60, 6"})
  void yinAsPublishedCallsTheSameRippledNoiseRight(int midi, double depthDb) {
    float[] noise = rippledNoise(midi, depthDb, midi * 31L + (long) depthDb);
    PitchScore s = PitchCheck.asPublished(50).score(noise, RATE, midi);
    assertTrue(s.right(), s.toString());
    assertFalse(s.voiced(), "right but not voiced: " + s);
  }

  @ParameterizedTest(name = "MIDI {0}")
  @ValueSource(ints = {24, 36, 48, 60, 72, 84})
  void aCleanHarmonicToneIsRightByTheStrictJudge(int midi) {
    PitchScore s = PitchCheck.strict(50).score(PitchCheckTest.tone(midi), RATE, midi);
    assertTrue(s.right() && s.voiced(), s.toString());
  }
}
