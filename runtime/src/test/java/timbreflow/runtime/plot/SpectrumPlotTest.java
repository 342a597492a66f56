package timbreflow.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import timbreflow.runtime.TimbreflowException;

class SpectrumPlotTest {

  private static final int BINS = 513;

  private static float[] constant(float value) {
    float[] v = new float[BINS];
    Arrays.fill(v, value);
    return v;
  }

  private static List<SpectrumPlot.Series> fourSeries() {
    return List.of(
        new SpectrumPlot.Series("source A", constant(0.2f)),
        new SpectrumPlot.Series("source B", constant(0.4f)),
        new SpectrumPlot.Series("latent midpoint", constant(0.6f)),
        new SpectrumPlot.Series("linear mix", constant(0.8f)));
  }

  private static boolean anyPixel(BufferedImage image, int top, int bottom, int colour) {
    for (int y = top; y < bottom; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == colour) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyNonWhite(BufferedImage image, int top, int bottom) {
    for (int y = top; y < bottom; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          return true;
        }
      }
    }
    return false;
  }

  /** The series whose colour an anti-aliased pixel is nearest, or −1 for near-white. */
  private static int nearestSeries(int rgb) {
    Color c = new Color(rgb);
    if (distance(c, Color.WHITE) < 120) {
      return -1;
    }
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int s = 0; s < 4; s++) {
      Color colour = SpectrumPlot.colour(s);
      Color blend = blendWithWhite(colour, c);
      double d = distance(c, blend);
      if (d < bestDistance) {
        bestDistance = d;
        best = s;
      }
    }
    return best;
  }

  /** The mix of {@code colour} and white nearest to {@code pixel} (anti-aliasing's blend). */
  private static Color blendWithWhite(Color colour, Color pixel) {
    double best = 1;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i <= 100; i++) {
      double a = i / 100.0;
      Color mix = mix(colour, a);
      double d = distance(mix, pixel);
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return mix(colour, best);
  }

  private static Color mix(Color colour, double alpha) {
    return new Color(
        (int) Math.round(alpha * colour.getRed() + (1 - alpha) * 255),
        (int) Math.round(alpha * colour.getGreen() + (1 - alpha) * 255),
        (int) Math.round(alpha * colour.getBlue() + (1 - alpha) * 255));
  }

  private static double distance(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed())
        + Math.abs(a.getGreen() - b.getGreen())
        + Math.abs(a.getBlue() - b.getBlue());
  }

  private static int legendTop() {
    return SpectrumPlot.TOP + SpectrumPlot.PLOT_HEIGHT + SpectrumPlot.AXIS_HEIGHT;
  }

  @Test
  void fourShortLabelsMakeOneLegendRowBelowTheAxes() {
    BufferedImage image = SpectrumPlot.render("bass to organ", fourSeries(), 16_000);
    assertEquals(SpectrumPlot.WIDTH, image.getWidth());
    assertEquals(
        legendTop() + SpectrumPlot.LEGEND_ROW + SpectrumPlot.LEGEND_PADDING, image.getHeight());
  }

  @Test
  void eachSeriesHasItsOwnColourInTheLegend() {
    BufferedImage image = SpectrumPlot.render("bass to organ", fourSeries(), 16_000);
    for (int s = 0; s < 4; s++) {
      int colour = SpectrumPlot.colour(s).getRGB() & 0xffffff;
      assertTrue(anyPixel(image, legendTop(), image.getHeight(), colour), "series " + s);
    }
    int unused = SpectrumPlot.colour(4).getRGB() & 0xffffff;
    assertFalse(anyPixel(image, legendTop(), image.getHeight(), unused), "fifth colour unused");
  }

  @Test
  void eachLineIsDrawnAtItsValue() {
    BufferedImage image = SpectrumPlot.render("levels", fourSeries(), 16_000);
    int x = SpectrumPlot.LEFT + SpectrumPlot.plotWidth() / 3;
    for (int s = 0; s < 4; s++) {
      double value = 0.2 * (s + 1);
      int y = (int) Math.round(SpectrumPlot.TOP + SpectrumPlot.PLOT_HEIGHT * (1 - value));
      boolean found = false;
      for (int dy = -1; dy <= 1; dy++) {
        found |= nearestSeries(image.getRGB(x, y + dy)) == s;
      }
      assertTrue(found, "series " + s + " at y " + y);
    }
  }

  @Test
  void theTitleIsDrawnAboveTheAxesAndOnlyWhenGiven() {
    BufferedImage titled = SpectrumPlot.render("interpolation", fourSeries(), 16_000);
    BufferedImage untitled = SpectrumPlot.render("", fourSeries(), 16_000);
    int aboveTheTopTickLabel = SpectrumPlot.TOP - 10;
    assertTrue(anyNonWhite(titled, 0, aboveTheTopTickLabel));
    assertFalse(anyNonWhite(untitled, 0, aboveTheTopTickLabel));
  }

  @Test
  void manyLongLabelsWrapTheLegendOntoMoreRows() {
    List<SpectrumPlot.Series> series = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      series.add(new SpectrumPlot.Series("a rather long legend label number " + s, constant(0.5f)));
    }
    BufferedImage image = SpectrumPlot.render("many", series, 16_000);
    assertTrue(
        image.getHeight() >= legendTop() + 4 * SpectrumPlot.LEGEND_ROW,
        "height " + image.getHeight());
  }

  private static void assertRejected(String field, Executable call) {
    TimbreflowException e = assertThrows(TimbreflowException.class, call);
    assertEquals(TimbreflowException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }

  @Test
  void rejectsNoSeries() {
    assertRejected("series", () -> SpectrumPlot.render("t", List.of(), 16_000));
  }

  @Test
  void rejectsSeriesOfDifferentLengths() {
    List<SpectrumPlot.Series> series =
        List.of(
            new SpectrumPlot.Series("a", constant(0.5f)),
            new SpectrumPlot.Series("b", new float[BINS - 1]));
    assertRejected("series[1].values", () -> SpectrumPlot.render("t", series, 16_000));
  }

  @Test
  void rejectsANonFiniteValueNamingItsIndex() {
    float[] v = constant(0.5f);
    v[3] = Float.NaN;
    List<SpectrumPlot.Series> series = List.of(new SpectrumPlot.Series("a", v));
    assertRejected("series[0].values[3]", () -> SpectrumPlot.render("t", series, 16_000));
  }

  @Test
  void rejectsASingleValueANullLabelAndANonPositiveSampleRate() {
    List<SpectrumPlot.Series> one = List.of(new SpectrumPlot.Series("a", new float[1]));
    assertRejected("series[0].values", () -> SpectrumPlot.render("t", one, 16_000));
    assertRejected("label", () -> new SpectrumPlot.Series(null, constant(0f)));
    assertRejected("sampleRate", () -> SpectrumPlot.render("t", fourSeries(), 0));
  }
}
