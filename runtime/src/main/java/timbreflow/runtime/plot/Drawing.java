package timbreflow.runtime.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * What the figures share: headless drawing surfaces, the one font family, centred text and argument
 * checks.
 *
 * <p>Loading this class sets {@code java.awt.headless=true} unless the property was set already, so
 * figures render on servers and in CI without a display; an application that wants a display sets
 * the property itself before it draws.
 */
final class Drawing {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** A logical font every JDK has, headless or not. */
  static final String FONT = "SansSerif";

  static final Color INK = new Color(0x22, 0x22, 0x22);

  private Drawing() {}

  /** A new RGB image filled with {@code background}, and anti-aliased graphics on it. */
  static Graphics2D canvas(BufferedImage image, Color background) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(background);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  static Font font(int style, int size) {
    return new Font(FONT, style, size);
  }

  /** Width in pixels of {@code text} in {@code font}, measured without a display. */
  static int textWidth(Font font, String text) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      return g.getFontMetrics(font).stringWidth(text);
    } finally {
      g.dispose();
    }
  }

  /** Line height in pixels (ascent + descent) of {@code font}. */
  static int lineHeight(Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      FontMetrics m = g.getFontMetrics(font);
      return m.getAscent() + m.getDescent();
    } finally {
      g.dispose();
    }
  }

  /** Draws {@code text} centred horizontally on {@code x} with its top at {@code top}. */
  static void centred(Graphics2D g, String text, int x, int top) {
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, top + m.getAscent());
  }

  /** Draws {@code text} right-aligned to {@code x}, vertically centred on {@code y}. */
  static void rightAligned(Graphics2D g, String text, int x, int y) {
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text), y + (m.getAscent() - m.getDescent()) / 2);
  }

  static TimbreflowException invalid(String field, String expected, Object found) {
    return new TimbreflowException(
        Reason.INVALID_ARGUMENT, field + ": expected " + expected + ", found " + found);
  }
}
