package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.trainer.TrainerException;

class ReportOutputTest {

  @TempDir Path dir;

  private static List<Path> listing(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void nothingAppearsInTheReportFolderBeforeCommitAndTheStagingFolderIsGoneAfter()
      throws IOException {
    Path out = dir.resolve("report");
    try (ReportOutput o = new ReportOutput(out)) {
      ReportFile f =
          o.figure("one", "a figure", new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
      ReportFile a = o.audio("tone", "a tone", new Waveform(new float[] {0, 0.5f, -0.5f}, 16_000));
      assertEquals("figures/one.png", f.path());
      assertEquals("audio/tone.wav", a.path());
      assertFalse(Files.exists(out.resolve("figures")));
      assertFalse(Files.exists(out.resolve("evaluation.md")));
      o.commit("{}\n", "# r\n");
      assertEquals(List.of(f), o.figures());
      assertEquals(List.of(a), o.audioFiles());
    }
    assertEquals(
        List.of(
            out.resolve("audio"),
            out.resolve("evaluation.json"),
            out.resolve("evaluation.md"),
            out.resolve("figures")),
        listing(out));
    assertEquals(3, WavReader.read(out.resolve("audio/tone.wav")).length());
    assertEquals(4, javax.imageio.ImageIO.read(out.resolve("figures/one.png").toFile()).getWidth());
  }

  @Test
  void aSecondReportReplacesTheFiguresOfTheFirst() throws IOException {
    Path out = dir.resolve("report");
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    try (ReportOutput o = new ReportOutput(out)) {
      o.figure("old", "old", image);
      o.commit("{}", "old");
    }
    try (ReportOutput o = new ReportOutput(out)) {
      o.figure("new", "new", image);
      o.commit("{}", "new");
    }
    assertEquals(List.of(out.resolve("figures/new.png")), listing(out.resolve("figures")));
    assertEquals("new", Files.readString(out.resolve("evaluation.md")));
    assertEquals(4, listing(out).size(), "no staging folder left: " + listing(out));
  }

  @Test
  void aReportThatFailsBeforeCommitLeavesTheOldReportAlone() throws IOException {
    Path out = dir.resolve("report");
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    try (ReportOutput o = new ReportOutput(out)) {
      o.figure("kept", "kept", image);
      o.commit("{}", "kept");
    }
    try (ReportOutput o = new ReportOutput(out)) {
      o.figure("lost", "lost", image);
    }
    assertEquals(List.of(out.resolve("figures/kept.png")), listing(out.resolve("figures")));
    assertEquals("kept", Files.readString(out.resolve("evaluation.md")));
  }

  @Test
  void fileNamesAreCheckedAndNeverWrittenTwice() {
    try (ReportOutput o = new ReportOutput(dir.resolve("report"))) {
      BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
      TrainerException bad =
          assertThrows(TrainerException.class, () -> o.figure("../escape", "x", image));
      assertTrue(bad.getMessage().contains("'../escape'"), bad.getMessage());
      o.figure("twice", "x", image);
      assertThrows(TrainerException.class, () -> o.figure("twice", "x", image));
    }
  }
}
