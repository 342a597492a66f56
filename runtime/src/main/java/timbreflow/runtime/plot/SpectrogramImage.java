package timbreflow.runtime.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import timbreflow.runtime.dsp.Features;

/**
 * Draws log-magnitude features as an image: time left to right, frequency bottom to top, feature
 * value 0 (−120 dB) dark to 1 (0 dB) bright on a magma-like palette.
 *
 * <p>One pixel per frame and bin, so a 4 s note is 251 × 513 pixels; {@link #png} upscales frames
 * horizontally by an integer factor so short inputs stay readable.
 */
public final class SpectrogramImage {

  /** Palette stops from 0 to 1 (approximates matplotlib's magma). */
  private static final int[][] STOPS = {
    {0, 0, 4},
    {40, 11, 84},
    {101, 21, 110},
    {159, 42, 99},
    {212, 72, 66},
    {245, 125, 21},
    {250, 193, 39},
    {252, 253, 191}
  };

  private static final int[] PALETTE = palette(256);

  private SpectrogramImage() {}

  /**
   * Renders {@code features} ({@code [bins][frames]}, values in [0, 1]; values outside are
   * clipped).
   *
   * @param frameWidth pixels per frame, at least 1
   */
  public static BufferedImage render(Features features, int frameWidth) {
    if (frameWidth < 1) {
      throw new IllegalArgumentException("frameWidth: expected >= 1, found " + frameWidth);
    }
    int bins = features.bins();
    int frames = features.frames();
    BufferedImage image = new BufferedImage(frames * frameWidth, bins, BufferedImage.TYPE_INT_RGB);
    float[] v = features.values();
    for (int k = 0; k < bins; k++) {
      int y = bins - 1 - k;
      for (int t = 0; t < frames; t++) {
        float x = v[k * frames + t];
        int index = Float.isNaN(x) ? 0 : (int) (Math.max(0f, Math.min(1f, x)) * 255f + 0.5f);
        int rgb = PALETTE[index];
        for (int dx = 0; dx < frameWidth; dx++) {
          image.setRGB(t * frameWidth + dx, y, rgb);
        }
      }
    }
    return image;
  }

  /** PNG bytes of {@link #render}, frames widened so the picture is at least 400 pixels wide. */
  public static byte[] png(Features features) {
    int frameWidth = Math.max(1, (int) Math.ceil(400.0 / Math.max(1, features.frames())));
    return png(render(features, Math.min(frameWidth, 16)));
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    }
    return out.toByteArray();
  }

  private static int[] palette(int size) {
    int[] colors = new int[size];
    for (int i = 0; i < size; i++) {
      double pos = i / (double) (size - 1) * (STOPS.length - 1);
      int lo = Math.min((int) pos, STOPS.length - 2);
      double f = pos - lo;
      int r = (int) Math.round(STOPS[lo][0] + f * (STOPS[lo + 1][0] - STOPS[lo][0]));
      int g = (int) Math.round(STOPS[lo][1] + f * (STOPS[lo + 1][1] - STOPS[lo][1]));
      int b = (int) Math.round(STOPS[lo][2] + f * (STOPS[lo + 1][2] - STOPS[lo][2]));
      colors[i] = (r << 16) | (g << 8) | b;
    }
    return colors;
  }
}
