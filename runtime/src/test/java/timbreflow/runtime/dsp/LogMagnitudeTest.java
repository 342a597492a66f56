package timbreflow.runtime.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.Waveform;

class LogMagnitudeTest {

  private final LogMagnitude features = new LogMagnitude(StftConfig.DEFAULT);

  @Test
  void featuresLieInZeroToOneWithThePeakAtOne() {
    Features f = features.features(Signals.harmonicNote(64_000, 16_000, 220, 11));
    assertEquals(513, f.bins());
    assertEquals(251, f.frames());
    float max = 0;
    for (float x : f.values()) {
      assertTrue(x >= 0f && x <= 1f, "feature " + x);
      max = Math.max(max, x);
    }
    assertEquals(1f, max);
  }

  @Test
  void inverseRestoresEveryMagnitudeAboveTheFloorWithin1e5() {
    float[] x = Signals.chirp(64_000, 16_000, 60, 6000);
    float[] hiss = Signals.noise(64_000, 5);
    for (int i = 32_000; i < x.length; i++) {
      x[i] += 1e-4f * hiss[i];
    }
    // first half: a pure chirp, mostly under the floor; second half: hiss above it
    Magnitude m = new Stft(StftConfig.DEFAULT).magnitude(x);
    Features f = features.features(m);
    Magnitude back = features.magnitude(f);
    double floor = Math.sqrt(f.reference() * 1e-12);
    int above = 0;
    for (int i = 0; i < m.values().length; i++) {
      float want = m.values()[i];
      if (want > floor * 1.001) {
        above++;
        assertEquals(want, back.values()[i], 1e-5 * want, "magnitude " + i);
      } else {
        assertEquals(Math.max(floor, want), back.values()[i], floor * 1e-3, "floored " + i);
      }
    }
    assertTrue(
        above > m.values().length / 3 && above < m.values().length * 0.9,
        "expected both floored and kept bins, kept: " + above);
  }

  @Test
  void referenceIsThePeakPowerAndSetsTheLoudness() {
    float[] values = {0f, 2f, 0.5f, 1f};
    Features f = features.features(new Magnitude(values, 2, 2));
    assertEquals(4.0, f.reference(), 1e-12);
    assertEquals(1f, f.get(0, 1));
    assertEquals(0f, f.get(0, 0));
    assertEquals(1 + 10 * Math.log10(0.25 / 4) / 120, f.get(1, 0), 1e-7);
    Magnitude back = features.magnitude(f);
    assertEquals(0.5f, back.get(1, 0), 1e-6);
  }

  @Test
  void aWaveformIsResampledAndFittedToTheModelsNote() {
    float[] twoSeconds = Signals.harmonicNote(88_200, 44_100, 220, 5);
    Features f = features.features(new Waveform(twoSeconds, 44_100));
    assertEquals(513, f.bins());
    assertEquals(251, f.frames());
    // the second half is the zero padding: every bin at the floor
    for (int k = 0; k < f.bins(); k++) {
      assertEquals(0f, f.get(k, 200), "bin " + k);
    }
    // 220 Hz is bin 14 at 16 kHz (15.6 Hz per bin)
    assertTrue(f.get(14, 50) > 0.9f, "fundamental " + f.get(14, 50));
  }

  @Test
  void theFastLogarithmMatchesMathLogWithin1e9() {
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 100_000; i++) {
      double p = Math.exp(random.nextDouble(-35, 25));
      assertEquals(Math.log(p), LogMagnitude.ln(p), 1e-9, "ln " + p);
    }
    assertEquals(0.0, LogMagnitude.ln(1.0), 1e-15);
    assertEquals(Math.log(1e-13), LogMagnitude.ln(1e-13), 1e-9);
  }

  @Test
  void silenceGivesTheFloorReferenceAndFeaturesOfOne() {
    Features f = features.features(new float[64_000]);
    assertEquals(LogMagnitude.POWER_FLOOR, f.reference());
    for (float x : f.values()) {
      assertEquals(1f, x);
    }
  }

  @Test
  void nanMagnitudesAreRejectedAsAnInvalidTensor() {
    float[] values = {1f, Float.NaN};
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class, () -> features.features(new Magnitude(values, 1, 2)));
    assertEquals(TimbreflowException.Reason.INVALID_TENSOR, e.reason());
  }

  @Test
  void featuresOfOneNoteTakeFarLessThan50Milliseconds() {
    float[] note = Signals.harmonicNote(64_000, 16_000, 220, 11);
    for (int i = 0; i < 20; i++) {
      features.features(note);
    }
    long start = System.nanoTime();
    int runs = 20;
    for (int i = 0; i < runs; i++) {
      features.features(note);
    }
    double ms = (System.nanoTime() - start) / 1e6 / runs;
    // generous bound so a loaded CI machine passes; typical is a few milliseconds
    assertTrue(ms < 50, "features of one note took " + ms + " ms");
  }
}
