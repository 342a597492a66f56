package timbreflow.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.dsp.ConstantQ;
import timbreflow.runtime.dsp.ConstantQSpectrum;

class RainbowgramTest {

  private static final int RATE = 16_000;
  private static final ConstantQ CQT = new ConstantQ(RATE);

  private static float[] tone(double hz, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return x;
  }

  private static int red(int rgb) {
    return (rgb >> 16) & 0xff;
  }

  private static int green(int rgb) {
    return (rgb >> 8) & 0xff;
  }

  private static int blue(int rgb) {
    return rgb & 0xff;
  }

  /** The pixel of bin {@code k}, frame {@code t} in a rendered rainbowgram. */
  private static int cell(BufferedImage image, int bins, int k, int t) {
    int y = Rainbowgram.TOP + Rainbowgram.PIXELS_PER_CELL * (bins - 1 - k);
    int x = Rainbowgram.LEFT + Rainbowgram.PIXELS_PER_CELL * t;
    return image.getRGB(x, y) & 0xffffff;
  }

  @Test
  void instantaneousFrequencyInTheTonesBinAndItsNeighboursIsTheTone() {
    double hz = 997.3;
    ConstantQSpectrum c = CQT.transform(tone(hz, 32_000));
    int k = (int) Math.round(36 * Math.log(hz / ConstantQ.C1_HZ) / Math.log(2));
    float[] inst = c.instantaneousFrequency();
    for (int bin = k - 1; bin <= k + 1; bin++) {
      for (int t = 20; t < 100; t++) {
        assertEquals(hz, inst[bin * c.frames() + t], 0.01, "bin " + bin + ", frame " + t);
      }
    }
  }

  @Test
  void instantaneousFrequencyFollowsAToneAboveAndBelowTheBinCentre() {
    int k = 150;
    double centre = CQT.frequencies()[k];
    for (double offset : new double[] {-20, -3, 3, 20}) {
      ConstantQSpectrum c = CQT.transform(tone(centre + offset, 32_000));
      float[] deviation = c.phaseDeviation();
      double expected = 2 * Math.PI * offset * 256 / RATE;
      assertEquals(expected, deviation[k * c.frames() + 60], 1e-3, "offset " + offset + " Hz");
      assertEquals(centre + offset, c.instantaneousFrequency()[k * c.frames() + 60], 0.01);
    }
  }

  @Test
  void aToneOnItsBinCentreIsDrawnBrightRedAndFarBinsBlack() {
    int k = 130;
    float[] x = tone(CQT.frequencies()[k], 64_000);
    BufferedImage image = Rainbowgram.render(x, RATE);
    int on = cell(image, CQT.bins(), k, 125);
    assertTrue(red(on) > 240 && green(on) < 30 && blue(on) < 30, Integer.toHexString(on));
    assertEquals(0, cell(image, CQT.bins(), k - 72, 125), "two octaves below");
    assertEquals(0, cell(image, CQT.bins(), k + 72, 125), "two octaves above");
  }

  @Test
  void hueGoesOnceAroundTheColourCircleOverMinusPiToPi() {
    assertEquals(0f, Rainbowgram.hue(0f), 1e-6f);
    assertEquals(0.25f, Rainbowgram.hue((float) (Math.PI / 2)), 1e-6f);
    assertEquals(0.75f, Rainbowgram.hue((float) (-Math.PI / 2)), 1e-6f);
    assertEquals(0.5f, Rainbowgram.hue((float) Math.PI), 1e-6f);
  }

  @Test
  void aFourSecondNoteIsTwoPixelsPerFrameAndBinInsideItsAxes() {
    BufferedImage image = Rainbowgram.render(tone(440, 64_000), RATE);
    assertEquals(Rainbowgram.LEFT + 2 * 251 + Rainbowgram.RIGHT, image.getWidth());
    assertEquals(Rainbowgram.TOP + 2 * 286 + Rainbowgram.BOTTOM, image.getHeight());
    assertEquals(0xffffff, image.getRGB(2, 2) & 0xffffff, "margin is white");
    boolean labelled = false;
    for (int y = Rainbowgram.TOP; y < image.getHeight() && !labelled; y++) {
      for (int x = 0; x < Rainbowgram.LEFT - 10 && !labelled; x++) {
        labelled = (image.getRGB(x, y) & 0xffffff) != 0xffffff;
      }
    }
    assertTrue(labelled, "the frequency axis has tick labels");
  }

  @Test
  void theHueKeyBelowTheAxesIsRedInTheMiddleAndCyanAtBothEnds() {
    BufferedImage image = Rainbowgram.render(tone(440, 64_000), RATE);
    int y = Rainbowgram.TOP + 2 * 286 + 48 + Rainbowgram.KEY_HEIGHT / 2;
    int right = Rainbowgram.LEFT + 2 * 251;
    int middle = image.getRGB(right - Rainbowgram.KEY_WIDTH / 2, y) & 0xffffff;
    int leftEnd = image.getRGB(right - Rainbowgram.KEY_WIDTH + 1, y) & 0xffffff;
    int rightEnd = image.getRGB(right - 2, y) & 0xffffff;
    assertTrue(red(middle) > 240 && green(middle) < 20 && blue(middle) < 20, hex(middle));
    for (int end : new int[] {leftEnd, rightEnd}) {
      assertTrue(red(end) < 30 && green(end) > 230 && blue(end) > 230, hex(end));
    }
  }

  private static String hex(int rgb) {
    return Integer.toHexString(rgb);
  }

  @Test
  void silenceRendersBlackAndFinite() {
    float[] silence = new float[8_000];
    ConstantQSpectrum c = CQT.transform(silence);
    for (float d : c.phaseDeviation()) {
      assertTrue(Float.isFinite(d));
    }
    float[] bright = Rainbowgram.brightness(c);
    assertArrayEquals(new float[bright.length], bright);
    BufferedImage image = Rainbowgram.render(silence, RATE);
    assertEquals(0, cell(image, c.bins(), 100, 10));
  }

  @Test
  void brightnessIsOneAtThePeakAndFallsLinearlyInDecibelsToZeroAtMinus80() {
    ConstantQSpectrum c =
        new ConstantQSpectrum(
            new float[] {0f, 0.02f, 0f, 2e-5f},
            new float[] {2f, 0f, 0f, 0f},
            4,
            1,
            new double[] {100, 200, 300, 400},
            RATE,
            256);
    assertArrayEquals(new float[] {1f, 0.5f, 0f, 0f}, Rainbowgram.brightness(c), 1e-6f);
  }

  @Test
  void pngDecodesToTheRenderedSize() throws IOException {
    float[] x = tone(261.6, 16_000);
    BufferedImage image = Rainbowgram.render(x, RATE);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(Rainbowgram.png(x, RATE)));
    assertEquals(image.getWidth(), back.getWidth());
    assertEquals(image.getHeight(), back.getHeight());
  }

  @Test
  void rejectsASampleRateWithNoRoomForC1() {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> Rainbowgram.render(new float[100], 60));
    assertEquals(TimbreflowException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith("minFrequency:"), e.getMessage());
  }
}
