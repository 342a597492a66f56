package timbreflow.runtime.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;

class ConstantQTest {

  private static final int RATE = 16_000;
  private static final ConstantQ CQT = new ConstantQ(RATE);

  static float[] tone(double hz, int n, double amplitude) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (amplitude * Math.cos(2 * Math.PI * hz * i / RATE + 0.3));
    }
    return x;
  }

  private static int loudestBin(Magnitude m, int frame) {
    int best = 0;
    for (int k = 1; k < m.bins(); k++) {
      if (m.get(k, frame) > m.get(best, frame)) {
        best = k;
      }
    }
    return best;
  }

  @Test
  void defaultBinsRunFromC1AtThirtySixPerOctaveToJustBelowNyquist() {
    double[] f = CQT.frequencies();
    assertEquals(286, CQT.bins());
    assertEquals(32.7032, f[0], 1e-4);
    assertEquals(65.4064, f[36], 1e-4);
    assertEquals(8000 / Math.pow(2, 0.5 / 36), f[f.length - 1], 60);
    assertTrue(f[f.length - 1] * Math.pow(2, 0.5 / 36) < 8000);
    assertTrue(f[f.length - 1] * Math.pow(2, 1.5 / 36) >= 8000, "no room for one more bin");
  }

  @Test
  void aFourSecondNoteHas251FramesOfEveryBin() {
    ConstantQSpectrum c = CQT.transform(new float[64_000]);
    assertEquals(251, c.frames());
    assertEquals(286, c.bins());
    assertEquals(286 * 251, c.real().length);
    assertArrayEquals(CQT.frequencies(), c.frequencies());
  }

  @Test
  void aToneAtABinCentrePeaksInThatBinAtHalfItsAmplitude() {
    for (int k : new int[] {40, 108, 150, 200, 250, 280}) {
      double hz = CQT.frequencies()[k];
      Magnitude m = CQT.transform(tone(hz, 64_000, 0.5)).magnitude();
      assertEquals(k, loudestBin(m, 125), "tone at bin " + k + " (" + hz + " Hz)");
      assertEquals(0.25, m.get(k, 125), 0.25e-3, "|C| of a 0.5-amplitude tone at bin " + k);
    }
  }

  @Test
  void aToneBetweenTwoBinsPeaksInOneOfThem() {
    double[] f = CQT.frequencies();
    for (int k : new int[] {60, 130, 210}) {
      double hz = Math.sqrt(f[k] * f[k + 1]) * Math.pow(2, 0.1 / 36); // a little nearer k + 1
      Magnitude m = CQT.transform(tone(hz, 64_000, 0.5)).magnitude();
      assertEquals(k + 1, loudestBin(m, 125), "tone at " + hz + " Hz");
      assertTrue(m.get(k, 125) > 0.5 * m.get(k + 1, 125), "the other neighbour is close behind");
    }
  }

  @Test
  void aSteadyToneHasAConstantMagnitudeInTheMiddleOfTheNote() {
    int k = 120;
    ConstantQSpectrum c = CQT.transform(tone(CQT.frequencies()[k], 64_000, 0.5));
    Magnitude m = c.magnitude();
    for (int t = 60; t < 190; t++) {
      assertEquals(0.25, m.get(k, t), 0.25e-3, "frame " + t);
    }
  }

  @Test
  void matchesADirectSumWithTheKernelInTheTimeDomain() {
    float[] x = Signals.noise(9_000, 7);
    ConstantQSpectrum c = CQT.transform(x);
    assertTrue(!CQT.direct(0, x.length) && !CQT.direct(77, x.length), "low bins: FFT route");
    assertTrue(CQT.direct(200, x.length) && CQT.direct(285, x.length), "high bins: direct route");
    for (int k : new int[] {0, 77, 200, 285}) {
      int h = CQT.kernelLength(k) / 2;
      double omega = 2 * Math.PI * CQT.frequencies()[k] / RATE;
      for (int t : new int[] {0, 3, 20, 35}) {
        double re = 0;
        double im = 0;
        double sum = 0;
        for (int u = -h; u <= h; u++) {
          double w = 0.5 + 0.5 * Math.cos(Math.PI * u / (h + 1));
          sum += w;
          int n = t * 256 + u;
          if (n >= 0 && n < x.length) {
            re += x[n] * w * Math.cos(omega * u);
            im -= x[n] * w * Math.sin(omega * u);
          }
        }
        int i = k * c.frames() + t;
        double scale = Math.hypot(re, im) / sum;
        assertEquals(re / sum, c.real()[i], 1e-3 * Math.max(scale, 1e-3), "re " + k + "," + t);
        assertEquals(im / sum, c.imag()[i], 1e-3 * Math.max(scale, 1e-3), "im " + k + "," + t);
      }
    }
  }

  @Test
  void theDirectAndTheFrequencyDomainRoutesAgreeToBelowMinus80Decibels() {
    float[] x = Signals.noise(20_000, 11);
    int frames = 1 + x.length / 256;
    int half0 = CQT.kernelLength(0) / 2;
    int size = 65_536; // a multiple of the hop that holds the signal and the longest kernel
    assertTrue(size >= x.length + 2 * half0 + 1);
    CqtSpectralFilter spectral = new CqtSpectralFilter(x, size, 256);
    for (int k : new int[] {100, 150, 200, 250, 285}) {
      int half = CQT.kernelLength(k) / 2;
      double[] f = CQT.frequencies();
      CqtKernel kernel = new CqtKernel(half, 2 * Math.PI * f[k] / RATE);
      float[] re = new float[frames];
      float[] im = new float[frames];
      float[] re2 = new float[frames];
      float[] im2 = new float[frames];
      kernel.apply(x, frames, 256, re, im, 0);
      spectral.apply(f[k] / RATE, half, frames, re2, im2, 0);
      double peak = 0;
      double error = 0;
      for (int t = 0; t < frames; t++) {
        peak = Math.max(peak, Math.hypot(re[t], im[t]));
        error = Math.max(error, Math.hypot(re[t] - re2[t], im[t] - im2[t]));
      }
      assertTrue(error < 1e-4 * peak, "bin " + k + ": error " + error + " of peak " + peak);
    }
  }

  @Test
  void principalArgumentWrapsIntoMinusPiToPi() {
    assertEquals(0.5, ConstantQSpectrum.principalArgument(0.5 + 4 * Math.PI), 1e-12);
    assertEquals(-0.5, ConstantQSpectrum.principalArgument(-0.5 - 6 * Math.PI), 1e-12);
    assertEquals(Math.PI, ConstantQSpectrum.principalArgument(-Math.PI), 1e-12);
    assertEquals(Math.PI, ConstantQSpectrum.principalArgument(3 * Math.PI), 1e-12);
  }

  @Test
  void rejectsAnEmptySignalNamingIt() {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> CQT.transform(new float[0]));
    assertEquals(TimbreflowException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith("signal:"), e.getMessage());
  }
}
