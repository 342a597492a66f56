package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.files.AtomicFilesTest;

class WavWriterTest {

  private static float[] noise(int n, long seed, double amplitude) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
    }
    return x;
  }

  @Test
  void float32RoundTripIsBitExactIncludingValuesBeyondFullScale() {
    float[] x = noise(1001, 1, 3.0);
    Waveform w = WavReader.read(WavWriter.toBytes(new Waveform(x, 48_000), WavEncoding.FLOAT_32));

    assertEquals(48_000, w.sampleRate());
    assertArrayEquals(x, w.samples());
  }

  @Test
  void pcm16RoundTripIsWithinHalfAQuantisationStep() {
    float[] x = noise(1001, 2, 1.0);
    float[] y =
        WavReader.read(WavWriter.toBytes(new Waveform(x, 16_000), WavEncoding.PCM_16)).samples();

    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 0.5 / 32768 + 1e-7, "sample " + i);
    }
  }

  @Test
  void pcm16RereadAndRewrittenIsByteIdentical() {
    byte[] once = WavWriter.toBytes(new Waveform(noise(999, 3, 1.0), 22_050), WavEncoding.PCM_16);
    byte[] twice = WavWriter.toBytes(WavReader.read(once), WavEncoding.PCM_16);

    assertArrayEquals(once, twice);
  }

  @Test
  void pcm16ClipsAndRoundsHalfUp() {
    assertEquals(32767, WavWriter.pcm16(1.0f));
    assertEquals(32767, WavWriter.pcm16(7.5f));
    assertEquals(-32768, WavWriter.pcm16(-1.0f));
    assertEquals(-32768, WavWriter.pcm16(-3f));
    assertEquals(1, WavWriter.pcm16(0.5f / 32768));
    assertEquals(0, WavWriter.pcm16(-0.5f / 32768));
    assertEquals(0, WavWriter.pcm16(0.49f / 32768));
  }

  @Test
  void headerIsCanonical() {
    byte[] pcm = WavWriter.toBytes(new Waveform(new float[10], 16_000), WavEncoding.PCM_16);
    byte[] flt = WavWriter.toBytes(new Waveform(new float[10], 16_000), WavEncoding.FLOAT_32);

    assertEquals(44 + 20, pcm.length);
    assertEquals(58 + 40, flt.length);
    WavInfo p = WavReader.probe(pcm);
    WavInfo f = WavReader.probe(flt);
    assertEquals(new WavInfo(WavInfo.SampleFormat.PCM, 1, 1, 16_000, 16, 10), p);
    assertEquals(new WavInfo(WavInfo.SampleFormat.IEEE_FLOAT, 3, 1, 16_000, 32, 10), f);
    assertEquals(pcm.length - 8, LittleEndian.i32(pcm, 4));
    assertEquals(flt.length - 8, LittleEndian.i32(flt, 4));
  }

  @Test
  void nonFiniteSamplesAreRefused() {
    Waveform w = new Waveform(new float[] {0f, Float.NaN}, 16_000);
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> WavWriter.toBytes(w, WavEncoding.PCM_16));
    assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    assertEquals("expected finite samples, found NaN at index 1", e.getMessage());
  }

  @Test
  void writeReplacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("note.wav");
    Files.writeString(out, "old contents");
    float[] x = noise(500, 4, 0.9);

    WavWriter.write(new Waveform(x, 16_000), out, WavEncoding.FLOAT_32);

    assertArrayEquals(x, WavReader.read(out).samples());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aWrittenWavHasTheModeOfAnyNewFileNotATemporarysOwnerOnlyOne(@TempDir Path dir)
      throws IOException {
    Set<PosixFilePermission> expected = AtomicFilesTest.modeOfANewFile(dir, "reference");
    Path out = dir.resolve("note.wav");
    WavWriter.write(new Waveform(noise(100, 3, 0.5), 16_000), out, WavEncoding.PCM_16);
    assertEquals(expected, Files.getPosixFilePermissions(out));
  }

  @Test
  void writeIntoAMissingDirectoryIsAnIoError(@TempDir Path dir) {
    Path out = dir.resolve("missing").resolve("note.wav");
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class,
            () -> WavWriter.write(new Waveform(new float[4], 16_000), out, WavEncoding.PCM_16));
    assertEquals(Reason.IO, e.reason());
  }

  @Test
  void readingAMissingFileIsAnIoError(@TempDir Path dir) {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> WavReader.read(dir.resolve("none.wav")));
    assertEquals(Reason.IO, e.reason());
  }
}
