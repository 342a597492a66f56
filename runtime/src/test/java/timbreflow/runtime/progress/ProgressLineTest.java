package timbreflow.runtime.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.progress.ProgressLine.Mode;

class ProgressLineTest {

  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();

  private ProgressLine bar(Mode mode) {
    return new ProgressLine(new PrintWriter(text), "render", "notes", mode, nanos::get);
  }

  @Test
  void logModePrintsOnePlainLineForEachTenthOfTheWork() {
    try (ProgressLine bar = bar(Mode.LINES)) {
      for (int done = 1; done <= 1000; done++) {
        nanos.addAndGet(1_000_000L); // 1 ms a unit: the 30 s rule never fires
        bar.update(done, 1000);
      }
    }
    String out = text.toString();
    assertFalse(out.contains("\r"), out);
    List<String> lines = out.lines().toList();
    // the first unit, then 10 %, 20 %, … 100 %
    assertEquals(11, lines.size(), out);
    assertTrue(lines.get(0).startsWith("render ["), out);
    assertTrue(lines.get(0).contains(" 1/1000 "), out);
    assertTrue(lines.get(1).contains(" 100/1000  10%"), out);
    assertTrue(lines.get(10).contains(" 1000/1000 100%  1000.0 notes/s  eta 0s"), out);
  }

  @Test
  void logModeAlsoPrintsALineEvery30SecondsOfSlowProgress() {
    try (ProgressLine bar = bar(Mode.LINES)) {
      for (int done = 1; done <= 20; done++) {
        nanos.addAndGet(10_000_000_000L); // 10 s a unit of 1000: a line every third unit
        bar.update(done, 1000, "loss 4.20 bits/dim");
      }
    }
    List<String> lines = text.toString().lines().toList();
    // the first unit, units 4, 7, …, 19 (30 s apart), and the last state (20) on close
    assertEquals(8, lines.size(), text.toString());
    assertTrue(lines.get(1).contains(" 4/1000 "), lines.get(1));
    assertTrue(lines.get(7).contains(" 20/1000 "), lines.get(7));
    assertTrue(lines.get(7).endsWith("0.10 notes/s  eta 2h43m  loss 4.20 bits/dim"), lines.get(7));
  }

  @Test
  void terminalModeRedrawsInPlaceAtMostEvery200Milliseconds() {
    ProgressLine bar = bar(Mode.TERMINAL);
    for (int done = 1; done <= 100; done++) {
      nanos.addAndGet(10_000_000L); // 10 ms a unit: one frame in 20 units
      bar.update(done, 100);
    }
    String frames = text.toString();
    assertFalse(frames.contains("\n"), "no line ends before close: " + frames);
    // the first unit, every 20th unit after it, and the last
    assertEquals(6, frames.split("\r", -1).length - 1, frames);
    bar.message("valid 4.9 bits/dim");
    bar.close();
    String[] lines = text.toString().split("\n"); // String.lines() would split at \r too
    assertEquals("valid 4.9 bits/dim", lines[1]);
    assertTrue(lines[2].startsWith("\rrender [########################] 100/100 100%"), lines[2]);
  }

  @Test
  void reportsFromSlowerThreadsNeverMoveTheBarBack() {
    try (ProgressLine bar = bar(Mode.LINES)) {
      bar.update(500, 1000);
      bar.update(400, 1000);
    }
    assertFalse(text.toString().contains("400/1000"), text.toString());
  }

  @Test
  void rateAndEtaCountOnlyTheWorkOfThisSession() {
    try (ProgressLine bar = bar(Mode.LINES)) {
      bar.startAt(9_000);
      nanos.addAndGet(4_000_000_000L);
      bar.update(9_010, 10_000);
    }
    assertTrue(text.toString().contains("2.50 notes/s  eta 6m36s"), text.toString());
  }

  @Test
  void aBadModeNameIsRejectedWithWhatWasFound() {
    assertEquals(Mode.LINES, Mode.parse(" Lines"));
    TimbreflowException e = assertThrows(TimbreflowException.class, () -> Mode.parse("fancy"));
    assertTrue(
        e.getMessage().contains("expected terminal or lines, found 'fancy'"), e.getMessage());
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertEquals("38s", ProgressLine.duration(38.2));
    assertEquals("3m05s", ProgressLine.duration(185));
    assertEquals("1h50m", ProgressLine.duration(6600));
    assertEquals("?", ProgressLine.duration(Double.POSITIVE_INFINITY));
  }
}
