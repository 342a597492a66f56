package timbreflow.runtime.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Lays figures out in a grid, each under its title, for a report: panels fill rows left to right,
 * {@code columns} per row, on a white background, optionally under a heading across the top.
 *
 * <p>A column is as wide as its widest panel (or title), a row as high as its tallest panel;
 * smaller panels are centred in their cell.
 */
public final class FigureGrid {

  /**
   * One picture in the grid.
   *
   * @param title text drawn centred above the image; may be empty
   * @param image the picture, drawn at its own size
   */
  public record Panel(String title, BufferedImage image) {

    public Panel {
      if (title == null) {
        throw Drawing.invalid("title", "text (empty for none)", "null");
      }
      if (image == null) {
        throw Drawing.invalid("image", "a picture", "null");
      }
    }
  }

  static final int MARGIN = 16;
  static final int GAP = 20;
  static final int TITLE_GAP = 6;
  static final Font TITLE_FONT = Drawing.font(Font.BOLD, 14);
  static final Font HEADING_FONT = Drawing.font(Font.BOLD, 20);

  private FigureGrid() {}

  /**
   * Lays {@code panels} out {@code columns} to a row.
   *
   * @param panels at least one
   * @param columns panels per row, at least 1
   * @return an RGB image just large enough for the grid
   */
  public static BufferedImage render(List<Panel> panels, int columns) {
    return layout(null, panels, columns);
  }

  /**
   * Lays {@code panels} out {@code columns} to a row under {@code heading}.
   *
   * @param heading text centred across the top
   * @param panels at least one
   * @param columns panels per row, at least 1
   * @return an RGB image just large enough for the heading and the grid
   */
  public static BufferedImage render(String heading, List<Panel> panels, int columns) {
    if (heading == null) {
      throw Drawing.invalid("heading", "text", "null");
    }
    return layout(heading, panels, columns);
  }

  private static BufferedImage layout(String heading, List<Panel> panels, int columns) {
    if (panels == null || panels.isEmpty()) {
      throw Drawing.invalid("panels", "at least one", "none");
    }
    if (columns < 1) {
      throw Drawing.invalid("columns", ">= 1", columns);
    }
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int titleHeight = Drawing.lineHeight(TITLE_FONT) + TITLE_GAP;
    int[] widths = new int[cols];
    int[] heights = new int[rows];
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      int c = i % cols;
      int r = i / cols;
      widths[c] =
          Math.max(
              widths[c], Math.max(p.image().getWidth(), Drawing.textWidth(TITLE_FONT, p.title())));
      heights[r] = Math.max(heights[r], titleHeight + p.image().getHeight());
    }
    int gridWidth = sum(widths) + GAP * (cols - 1);
    int gridHeight = sum(heights) + GAP * (rows - 1);
    int headingHeight = 0;
    int width = gridWidth;
    if (heading != null) {
      headingHeight = Drawing.lineHeight(HEADING_FONT) + GAP;
      width = Math.max(width, Drawing.textWidth(HEADING_FONT, heading));
    }
    BufferedImage image =
        new BufferedImage(
            width + 2 * MARGIN,
            headingHeight + gridHeight + 2 * MARGIN,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.canvas(image, Color.WHITE);
    try {
      g.setColor(Drawing.INK);
      if (heading != null) {
        g.setFont(HEADING_FONT);
        Drawing.centred(g, heading, image.getWidth() / 2, MARGIN);
      }
      int left = MARGIN + (width - gridWidth) / 2;
      g.setFont(TITLE_FONT);
      int y = MARGIN + headingHeight;
      for (int r = 0; r < rows; r++) {
        int x = left;
        for (int c = 0; c < cols && r * cols + c < panels.size(); c++) {
          Panel p = panels.get(r * cols + c);
          int centre = x + widths[c] / 2;
          g.setColor(Drawing.INK);
          Drawing.centred(g, p.title(), centre, y);
          g.drawImage(p.image(), centre - p.image().getWidth() / 2, y + titleHeight, null);
          x += widths[c] + GAP;
        }
        y += heights[r] + GAP;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int v : values) {
      total += v;
    }
    return total;
  }
}
