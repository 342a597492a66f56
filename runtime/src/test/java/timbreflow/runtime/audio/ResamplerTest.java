package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

class ResamplerTest {

  private static Waveform tone(double hz, int rate, double seconds, double amplitude) {
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
    }
    return new Waveform(x, rate);
  }

  /** Amplitude of the {@code hz} component by least squares over the middle half. */
  private static double amplitudeAt(Waveform w, double hz) {
    int from = w.length() / 4;
    int to = 3 * w.length() / 4;
    double ss = 0;
    double cc = 0;
    double sc = 0;
    double xs = 0;
    double xc = 0;
    for (int i = from; i < to; i++) {
      double ph = 2 * Math.PI * hz * i / w.sampleRate();
      double s = Math.sin(ph);
      double c = Math.cos(ph);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += w.samples()[i] * s;
      xc += w.samples()[i] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (xs * cc - xc * sc) / det;
    double b = (xc * ss - xs * sc) / det;
    return Math.hypot(a, b);
  }

  /** RMS over the middle half, in dB relative to an amplitude. */
  private static double rmsDb(Waveform w, double reference) {
    double e = 0;
    int from = w.length() / 4;
    int to = 3 * w.length() / 4;
    for (int i = from; i < to; i++) {
      e += w.samples()[i] * (double) w.samples()[i];
    }
    double rms = Math.sqrt(e / (to - from));
    return 20 * Math.log10(rms / (reference / Math.sqrt(2)));
  }

  @ParameterizedTest(name = "{0} Hz tone from {1} Hz to {2} Hz")
  @CsvSource({
    "100, 48000, 16000",
    "1000, 48000, 16000",
    "4000, 48000, 16000",
    "7000, 48000, 16000",
    "1000, 44100, 16000",
    "5000, 44100, 16000",
    "7100, 44100, 16000",
    "3000, 22050, 16000",
    "7000, 32000, 16000",
    "3000, 8000, 16000",
    "3500, 8000, 16000",
    "7000, 44101, 16000",
    "1000, 16000, 44100"
  })
  void toneBelowTheNewNyquistKeepsItsAmplitudeWithinAHundredthOfADecibel(
      double hz, int from, int to) {
    Waveform out = Resampler.resample(tone(hz, from, 1.0, 0.5), to);

    double db = 20 * Math.log10(amplitudeAt(out, hz) / 0.5);
    assertTrue(Math.abs(db) <= 0.01, hz + " Hz changed by " + db + " dB");
  }

  @ParameterizedTest(name = "{0} Hz tone from {1} Hz to {2} Hz")
  @CsvSource({
    "9000, 48000, 16000",
    "12000, 48000, 16000",
    "20000, 48000, 16000",
    "8200, 48000, 16000",
    "9000, 44100, 16000",
    "12000, 44100, 16000",
    "21000, 44100, 16000",
    "10000, 22050, 16000",
    "9000, 44101, 16000"
  })
  void toneAboveTheNewNyquistIsAttenuatedBySixtyDecibels(double hz, int from, int to) {
    Waveform out = Resampler.resample(tone(hz, from, 1.0, 0.9), to);

    double db = rmsDb(out, 0.9);
    assertTrue(db <= -60, hz + " Hz leaks at " + db + " dB");
  }

  @Test
  void upsamplingCreatesNoImagesAboveTheOldNyquist() {
    Waveform out = Resampler.resample(tone(3000, 8000, 1.0, 0.9), 16_000);

    double imageAmplitude = amplitudeAt(out, 5000);
    assertTrue(20 * Math.log10(imageAmplitude / 0.9) <= -80, "image at " + imageAmplitude);
  }

  @Test
  void equalRatesReturnTheSameWaveform() {
    Waveform w = tone(440, 16_000, 0.1, 0.5);

    assertSame(w, Resampler.resample(w, 16_000));
  }

  @Test
  void outputLengthCoversTheInputDuration() {
    assertEquals(
        64_000, Resampler.resample(new Waveform(new float[192_000], 48_000), 16_000).length());
    assertEquals(
        64_000, Resampler.resample(new Waveform(new float[176_400], 44_100), 16_000).length());
    assertEquals(4, Resampler.resample(new Waveform(new float[10], 44_100), 16_000).length());
    assertEquals(0, Resampler.resample(new Waveform(new float[0], 44_100), 16_000).length());
  }

  @Test
  void constantSignalStaysConstantAwayFromTheEdges() {
    float[] x = new float[44_100];
    Arrays.fill(x, 0.25f);
    float[] y = Resampler.resample(new Waveform(x, 44_100), 16_000).samples();

    for (int i = 200; i < y.length - 200; i++) {
      assertEquals(0.25, y[i], 1e-6, "sample " + i);
    }
  }

  @Test
  void impulseStaysCentredAtItsTime() {
    float[] x = new float[48_000];
    x[24_000] = 1;
    float[] y = Resampler.resample(new Waveform(x, 48_000), 16_000).samples();

    int peak = 0;
    for (int i = 1; i < y.length; i++) {
      peak = Math.abs(y[i]) > Math.abs(y[peak]) ? i : peak;
    }
    assertEquals(8_000, peak);
  }

  @Test
  void awkwardRatiosUseTheInterpolatedKernelAndCommonOnesTheExactOne() {
    assertTrue(Resampler.kernel(44_100, 16_000).exact());
    assertTrue(Resampler.kernel(48_000, 16_000).exact());
    assertFalse(Resampler.kernel(44_101, 16_000).exact());
  }

  @Test
  void noiseIsDeterministic() {
    Random r = new Random(5);
    float[] x = new float[10_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian() * 0.1f;
    }
    Waveform w = new Waveform(x, 44_100);

    org.junit.jupiter.api.Assertions.assertArrayEquals(
        Resampler.resample(w, 16_000).samples(), Resampler.resample(w, 16_000).samples());
  }

  @Test
  void extremeRatiosAndBadRatesAreRefused() {
    Waveform w = new Waveform(new float[10], 1_000);
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> Resampler.resample(w, 768_000));
    assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().contains("1000 Hz to 768000 Hz"), e.getMessage());
    assertThrows(TimbreflowException.class, () -> Resampler.resample(w, 0));
  }
}
