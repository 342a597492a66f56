package timbreflow.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.dsp.Features;

class SpectrogramImageTest {

  @Test
  void lowBinsAreDrawnAtTheBottomAndLoudIsBrighterThanQuiet() {
    float[] v = new float[3 * 2];
    v[0] = 1f; // bin 0, frame 0: loud
    v[1] = 0f; // bin 0, frame 1: silent
    BufferedImage image = SpectrogramImage.render(new Features(v, 3, 2, 1.0), 1);
    assertEquals(2, image.getWidth());
    assertEquals(3, image.getHeight());
    int loud = image.getRGB(0, 2) & 0xffffff;
    int quiet = image.getRGB(1, 2) & 0xffffff;
    assertNotEquals(loud, quiet);
    assertEquals(0xfcfdbf, loud);
    assertEquals(0x000004, quiet);
  }

  @Test
  void pngDecodesBackToTheRenderedPixelsAndIsAtLeast400Wide() throws IOException {
    float[] v = new float[513 * 251];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 251) / 250f;
    }
    byte[] png = SpectrogramImage.png(new Features(v, 513, 251, 2.0));
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG signature");
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(502, back.getWidth());
    assertEquals(513, back.getHeight());
  }

  @Test
  void rejectsAZeroFrameWidth() {
    Features f = new Features(new float[] {0.5f}, 1, 1, 1.0);
    assertThrows(IllegalArgumentException.class, () -> SpectrogramImage.render(f, 0));
  }
}
