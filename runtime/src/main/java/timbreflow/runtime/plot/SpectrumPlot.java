package timbreflow.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A line plot of one or more spectra over frequency, as the seed post's interpolation figure: two
 * source spectra, the spectrum decoded from the latent midpoint and the linear mix.
 *
 * <p>The x axis is frequency from 0 to {@code sampleRate / 2} Hz (value {@code i} of {@code n} at
 * {@code i·(sampleRate/2)/(n − 1)} Hz, so the model's 513 features per frame map onto the FFT
 * bins), the y axis the feature value from 0 to 1 (values outside are clipped to the frame). Each
 * series gets its own colour (matplotlib's ten, dashed after the tenth) and an entry in the legend
 * below the axes.
 */
public final class SpectrumPlot {

  /**
   * One line of the plot.
   *
   * @param label legend text
   * @param values one value per frequency bin, at least two, finite; 0..1 is the visible range
   */
  public record Series(String label, float[] values) {

    public Series {
      if (label == null) {
        throw Drawing.invalid("label", "legend text", "null");
      }
      if (values == null) {
        throw Drawing.invalid("values", "an array of values per frequency bin", "null");
      }
    }
  }

  static final int WIDTH = 880;
  static final int LEFT = 70;
  static final int RIGHT = 24;
  static final int TOP = 44;
  static final int PLOT_HEIGHT = 360;
  static final int AXIS_HEIGHT = 46;
  static final int LEGEND_ROW = 22;
  static final int LEGEND_PADDING = 10;

  /** Matplotlib's tab10 palette. */
  static final Color[] COLOURS = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  private static final Color GRID = new Color(0xe4e4e4);
  private static final int SWATCH = 26;

  private SpectrumPlot() {}

  /**
   * Draws the series over frequency.
   *
   * @param title text above the axes
   * @param series at least one; all with the same number of values
   * @param sampleRate Hz of the signal the spectra came from; the axis ends at its Nyquist
   * @return an RGB image {@value #WIDTH} pixels wide; its height grows with the legend's rows
   */
  public static BufferedImage render(String title, List<Series> series, int sampleRate) {
    check(title, series, sampleRate);
    Font legendFont = Drawing.font(Font.PLAIN, 13);
    List<List<Integer>> rows = legendRows(series, legendFont);
    int plotBottom = TOP + PLOT_HEIGHT;
    int legendTop = plotBottom + AXIS_HEIGHT;
    int height = legendTop + rows.size() * LEGEND_ROW + LEGEND_PADDING;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.canvas(image, Color.WHITE);
    try {
      g.setColor(Drawing.INK);
      g.setFont(Drawing.font(Font.BOLD, 16));
      Drawing.centred(g, title, LEFT + plotWidth() / 2, 12);
      drawAxes(g, sampleRate);
      for (int s = 0; s < series.size(); s++) {
        drawLine(g, series.get(s).values(), s);
      }
      drawLegend(g, series, rows, legendTop, legendFont);
    } finally {
      g.dispose();
    }
    return image;
  }

  static int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static void check(String title, List<Series> series, int sampleRate) {
    if (title == null) {
      throw Drawing.invalid("title", "text", "null");
    }
    if (series == null || series.isEmpty()) {
      throw Drawing.invalid("series", "at least one", "none");
    }
    if (sampleRate <= 0) {
      throw Drawing.invalid("sampleRate", "> 0 Hz", sampleRate);
    }
    int n = series.get(0).values().length;
    for (int s = 0; s < series.size(); s++) {
      float[] values = series.get(s).values();
      if (values.length < 2) {
        throw Drawing.invalid("series[" + s + "].values", "at least 2 values", values.length);
      }
      if (values.length != n) {
        throw Drawing.invalid(
            "series[" + s + "].values", n + " values like series[0]", values.length);
      }
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          throw Drawing.invalid("series[" + s + "].values[" + i + "]", "a finite value", values[i]);
        }
      }
    }
  }

  private static void drawAxes(Graphics2D g, int sampleRate) {
    int plotBottom = TOP + PLOT_HEIGHT;
    int right = LEFT + plotWidth();
    double nyquist = sampleRate / 2.0;
    g.setFont(Drawing.font(Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      double value = i / 5.0;
      int y = (int) Math.round(plotBottom - value * PLOT_HEIGHT);
      g.setColor(GRID);
      g.drawLine(LEFT, y, right, y);
      g.setColor(Drawing.INK);
      g.drawLine(LEFT - 5, y, LEFT, y);
      Drawing.rightAligned(g, Axes.format(value), LEFT - 8, y);
    }
    double step = Axes.niceStep(nyquist / 8);
    for (int i = 0; i * step <= nyquist + 1e-9; i++) {
      int x = (int) Math.round(LEFT + i * step / nyquist * plotWidth());
      g.setColor(GRID);
      g.drawLine(x, TOP, x, plotBottom);
      g.setColor(Drawing.INK);
      g.drawLine(x, plotBottom, x, plotBottom + 5);
      Drawing.centred(g, Axes.format(i * step), x, plotBottom + 7);
    }
    g.setColor(Drawing.INK);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(LEFT, TOP, plotWidth(), PLOT_HEIGHT);
    g.setFont(Drawing.font(Font.PLAIN, 13));
    Drawing.centred(g, "frequency (Hz)", LEFT + plotWidth() / 2, plotBottom + 25);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, 18, TOP + PLOT_HEIGHT / 2.0);
    Drawing.centred(g, "feature value", 18, TOP + PLOT_HEIGHT / 2 - 8);
    g.setTransform(saved);
  }

  private static void drawLine(Graphics2D g, float[] values, int index) {
    int plotBottom = TOP + PLOT_HEIGHT;
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < values.length; i++) {
      double x = LEFT + i / (double) (values.length - 1) * plotWidth();
      double y = plotBottom - Math.max(0, Math.min(1, values[i])) * PLOT_HEIGHT;
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    g.setColor(colour(index));
    g.setStroke(stroke(index, 1.6f));
    g.draw(path);
  }

  private static void drawLegend(
      Graphics2D g, List<Series> series, List<List<Integer>> rows, int top, Font font) {
    g.setFont(font);
    for (int r = 0; r < rows.size(); r++) {
      int x = LEFT;
      int y = top + r * LEGEND_ROW + LEGEND_ROW / 2;
      for (int s : rows.get(r)) {
        g.setColor(colour(s));
        g.setStroke(stroke(s, 3f));
        g.drawLine(x, y, x + SWATCH, y);
        g.setColor(Drawing.INK);
        String label = series.get(s).label();
        g.drawString(label, x + SWATCH + 6, y + 5);
        x += entryWidth(label, font);
      }
    }
  }

  /** Series indices per legend row, filling each row up to the plot's width. */
  private static List<List<Integer>> legendRows(List<Series> series, Font font) {
    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> row = new ArrayList<>();
    int used = 0;
    for (int s = 0; s < series.size(); s++) {
      int w = entryWidth(series.get(s).label(), font);
      if (!row.isEmpty() && used + w > plotWidth()) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(s);
      used += w;
    }
    rows.add(row);
    return rows;
  }

  private static int entryWidth(String label, Font font) {
    return SWATCH + 6 + Drawing.textWidth(font, label) + 24;
  }

  static Color colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  /** Solid for the first ten series, dashed for the next ten, and so on alternating. */
  private static BasicStroke stroke(int index, float width) {
    if ((index / COLOURS.length) % 2 == 0) {
      return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
  }
}
