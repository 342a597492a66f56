package timbreflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;

class RuntimeCliTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RuntimeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void griffinlimRebuildsA44kHzFileAt16kHzAndReportsConvergence() {
    Path in = dir.resolve("in.wav");
    Path target = dir.resolve("out.wav");
    Waveform note = DemoNote.synthesise(44_100, 44_100);
    WavWriter.write(note, in, WavEncoding.PCM_16);
    int code = run("griffinlim", in.toString(), target.toString(), "--iterations", "30");
    assertEquals(0, code, err.toString());
    Waveform rebuilt = WavReader.read(target);
    assertEquals(16_000, rebuilt.sampleRate());
    assertEquals(16_000, rebuilt.length());
    assertTrue(out.toString().contains("spectral convergence"), out.toString());
    assertTrue(out.toString().contains("30 iterations"), out.toString());
  }

  @Test
  void aFileThatIsNotAWavGivesOneLineAndTheMalformedAudioExitCode() throws IOException {
    Path in = dir.resolve("bad.wav");
    Files.writeString(in, "this is not a RIFF file at all");
    int code = run("griffinlim", in.toString(), dir.resolve("o.wav").toString());
    assertEquals(ExitCodes.of(Reason.MALFORMED_AUDIO), code);
    String message = err.toString().strip();
    assertFalse(message.contains("\n"), "one line expected: " + message);
    assertTrue(message.startsWith("timbreflow-runtime: MALFORMED_AUDIO:"), message);
    assertFalse(message.contains("Exception"), message);
    assertFalse(Files.exists(dir.resolve("o.wav")));
  }

  @Test
  void aMissingFileIsAnIoError() {
    int code =
        run("griffinlim", dir.resolve("nope.wav").toString(), dir.resolve("o.wav").toString());
    assertEquals(ExitCodes.of(Reason.IO), code);
    assertTrue(err.toString().startsWith("timbreflow-runtime: IO:"), err.toString());
  }

  @Test
  void aMomentumOutOfRangeIsAUsageErrorNamingTheOption() {
    Path in = dir.resolve("in.wav");
    WavWriter.write(DemoNote.synthesise(16_000, 4_000), in, WavEncoding.PCM_16);
    int code = run("griffinlim", in.toString(), dir.resolve("o.wav").toString(), "--momentum", "1");
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().contains("momentum"), err.toString());
  }

  @Test
  void demoWritesItsNoteAndTheReconstruction() {
    Path target = dir.resolve("demo.wav");
    Path note = dir.resolve("note.wav");
    int code =
        run(
            "demo",
            "--out",
            target.toString(),
            "--note-out",
            note.toString(),
            "--iterations",
            "20",
            "--threads",
            "2");
    assertEquals(0, code, err.toString());
    assertEquals(64_000, WavReader.read(target).length());
    assertEquals(64_000, WavReader.read(note).length());
    assertTrue(out.toString().startsWith("demo: synthesised"), out.toString());
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    assertEquals(ExitCodes.USAGE, run("griffinlim", "--bogus"));
  }
}
