package timbreflow.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import timbreflow.runtime.TimbreflowException;

class FigureGridTest {

  private static BufferedImage solid(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  private static int titleHeight() {
    return Drawing.lineHeight(FigureGrid.TITLE_FONT) + FigureGrid.TITLE_GAP;
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xffffff;
  }

  private static boolean anyNonWhite(BufferedImage image, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if (rgb(image, x, y) != 0xffffff) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void twoPanelsSideBySideMakeOneRowJustLargeEnough() {
    List<FigureGrid.Panel> panels =
        List.of(
            new FigureGrid.Panel("a", solid(100, 50, 0x0000ff)),
            new FigureGrid.Panel("b", solid(120, 40, 0xff0000)));
    BufferedImage grid = FigureGrid.render(panels, 2);
    int m = FigureGrid.MARGIN;
    assertEquals(2 * m + 100 + FigureGrid.GAP + 120, grid.getWidth());
    assertEquals(2 * m + titleHeight() + 50, grid.getHeight());
    assertEquals(0x0000ff, rgb(grid, m + 50, m + titleHeight() + 25), "first panel");
    assertEquals(
        0xff0000, rgb(grid, m + 100 + FigureGrid.GAP + 60, m + titleHeight() + 20), "second panel");
    assertEquals(0xffffff, rgb(grid, 2, 2), "white background");
  }

  @Test
  void panelsWrapOntoRowsAndSmallerOnesAreCentredInTheirColumn() {
    List<FigureGrid.Panel> panels =
        List.of(
            new FigureGrid.Panel("wide", solid(200, 30, 0x00ff00)),
            new FigureGrid.Panel("x", solid(50, 30, 0x00ff00)),
            new FigureGrid.Panel("narrow", solid(40, 30, 0x0000ff)));
    BufferedImage grid = FigureGrid.render(panels, 2);
    int m = FigureGrid.MARGIN;
    int rowHeight = titleHeight() + 30;
    assertEquals(2 * m + 2 * rowHeight + FigureGrid.GAP, grid.getHeight());
    int secondRowImageTop = m + rowHeight + FigureGrid.GAP + titleHeight();
    assertEquals(0x0000ff, rgb(grid, m + 100, secondRowImageTop + 15), "centre of column 0");
    assertEquals(0xffffff, rgb(grid, m + 10, secondRowImageTop + 15), "left of the narrow panel");
  }

  @Test
  void titlesAreDrawnAboveTheirPanelsAndEmptyTitlesLeaveWhite() {
    List<FigureGrid.Panel> panels =
        List.of(
            new FigureGrid.Panel("original", solid(200, 40, 0x808080)),
            new FigureGrid.Panel("", solid(200, 40, 0x808080)));
    BufferedImage grid = FigureGrid.render(panels, 2);
    int m = FigureGrid.MARGIN;
    int second = m + 200 + FigureGrid.GAP;
    assertTrue(anyNonWhite(grid, m, m, m + 200, m + titleHeight()), "title of the first");
    assertTrue(
        !anyNonWhite(grid, second, m, second + 200, m + titleHeight()), "no title on the second");
  }

  @Test
  void aHeadingAddsALineAcrossTheTop() {
    List<FigureGrid.Panel> panels = List.of(new FigureGrid.Panel("p", solid(300, 40, 0)));
    BufferedImage plain = FigureGrid.render(panels, 1);
    BufferedImage headed = FigureGrid.render("Interpolation sweep", panels, 1);
    int headingHeight = Drawing.lineHeight(FigureGrid.HEADING_FONT) + FigureGrid.GAP;
    assertEquals(plain.getWidth(), headed.getWidth());
    assertEquals(plain.getHeight() + headingHeight, headed.getHeight());
    int m = FigureGrid.MARGIN;
    assertTrue(anyNonWhite(headed, m, m, headed.getWidth() - m, m + headingHeight - 10));
  }

  @Test
  void aHeadingWiderThanTheGridWidensTheImage() {
    List<FigureGrid.Panel> panels = List.of(new FigureGrid.Panel("", solid(10, 10, 0)));
    String heading = "a heading much wider than a ten pixel panel";
    BufferedImage headed = FigureGrid.render(heading, panels, 1);
    assertEquals(
        Drawing.textWidth(FigureGrid.HEADING_FONT, heading) + 2 * FigureGrid.MARGIN,
        headed.getWidth());
  }

  private static void assertRejected(String field, Executable call) {
    TimbreflowException e = assertThrows(TimbreflowException.class, call);
    assertEquals(TimbreflowException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }

  @Test
  void rejectsNoPanelsZeroColumnsAndMissingPartsNamingThem() {
    List<FigureGrid.Panel> one = List.of(new FigureGrid.Panel("p", solid(4, 4, 0)));
    assertRejected("panels", () -> FigureGrid.render(List.of(), 2));
    assertRejected("panels", () -> FigureGrid.render("h", List.of(), 2));
    assertRejected("columns", () -> FigureGrid.render(one, 0));
    assertRejected("heading", () -> FigureGrid.render(null, one, 1));
    assertRejected("image", () -> new FigureGrid.Panel("p", null));
    assertRejected("title", () -> new FigureGrid.Panel(null, solid(4, 4, 0)));
  }
}
