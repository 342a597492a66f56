package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavReaderChunksTest {

  private static final double[][] SIGNAL = WavBytes.signal(2, 301, 7);
  private static final byte[] FMT = WavBytes.fmt(1, 2, 22_050, 16);
  private static final byte[] DATA = WavBytes.interleave(SIGNAL, false, 16);
  private static final float[] EXPECTED = toFloats(WavBytes.expectedMono(SIGNAL, false, 16));

  @Test
  void oddSizedListChunkWithPadByteIsSkipped() {
    byte[] list = "INFOISFT\u0003\u0000\u0000\u0000sox".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(1, list.length % 2);
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("fmt ", FMT),
            WavBytes.chunk("LIST", list),
            WavBytes.chunk("data", DATA));

    assertArrayEquals(EXPECTED, WavReader.read(file).samples());
  }

  @Test
  void factBextAndJunkChunksBeforeAndAfterDataAreSkipped() {
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("JUNK", new byte[28]),
            WavBytes.chunk("fmt ", FMT),
            WavBytes.chunk("fact", new byte[] {45, 1, 0, 0}),
            WavBytes.chunk("bext", new byte[603]),
            WavBytes.chunk("data", DATA),
            WavBytes.chunk("id3 ", new byte[11]));

    assertArrayEquals(EXPECTED, WavReader.read(file).samples());
  }

  @Test
  void fmtAfterDataIsStillFound() {
    byte[] file = WavBytes.riff(WavBytes.chunk("data", DATA), WavBytes.chunk("fmt ", FMT));

    assertArrayEquals(EXPECTED, WavReader.read(file).samples());
  }

  @Test
  void streamingDataSizesMeanToTheEndOfTheFile() {
    for (long marker : new long[] {0xFFFF_FFFFL, 0x7FFF_F000L}) {
      byte[] file =
          WavBytes.riff(WavBytes.chunk("fmt ", FMT), WavBytes.chunk("data", marker, DATA, false));

      assertArrayEquals(EXPECTED, WavReader.read(file).samples(), "marker " + marker);
    }
  }

  @Test
  void trailingPartialFrameAndTrailingBytesAreDropped() {
    byte[] data = Arrays.copyOf(DATA, DATA.length + 3);
    byte[] file = WavBytes.riff(WavBytes.chunk("fmt ", FMT), WavBytes.chunk("data", data));
    byte[] withTail = Arrays.copyOf(file, file.length + 5);

    assertArrayEquals(EXPECTED, WavReader.read(withTail).samples());
  }

  @Test
  void damagedChunkAfterTheAudioIsIgnored() {
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("fmt ", FMT),
            WavBytes.chunk("data", DATA),
            WavBytes.chunk("LIST", 1_000_000, new byte[10], false));

    assertArrayEquals(EXPECTED, WavReader.read(file).samples());
  }

  @Test
  void rf64WithDs64DataSizeIsRead() {
    byte[] ds64 =
        ByteBuffer.allocate(28)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(0)
            .putLong(DATA.length)
            .putLong(SIGNAL[0].length)
            .putInt(0)
            .array();
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("ds64", ds64),
            WavBytes.chunk("fmt ", FMT),
            WavBytes.chunk("data", 0xFFFF_FFFFL, DATA, false),
            WavBytes.chunk("LIST", new byte[4]));
    file[0] = 'R';
    file[1] = 'F';
    file[2] = '6';
    file[3] = '4';

    assertArrayEquals(EXPECTED, WavReader.read(file).samples());
  }

  @Test
  void streamReadReturnsTheSameAsByteRead() {
    byte[] file = WavBytes.wav(1, 2, 22_050, 16, DATA);

    Waveform w = WavReader.read(new ByteArrayInputStream(file), file.length);

    assertArrayEquals(EXPECTED, w.samples());
  }

  @Test
  void probeDescribesTheFile() {
    WavInfo info = WavReader.probe(WavBytes.wav(1, 2, 22_050, 16, DATA));

    assertEquals("16-bit PCM, 2 channels, 22050 Hz, 0.01 s", info.describe());
  }

  private static float[] toFloats(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
