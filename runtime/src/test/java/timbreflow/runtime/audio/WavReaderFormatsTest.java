package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import timbreflow.runtime.audio.WavInfo.SampleFormat;

class WavReaderFormatsTest {

  private static final int FRAMES = 777;

  static Stream<Arguments> encodings() {
    List<Arguments> all = new ArrayList<>();
    int[][] formats = {{1, 8}, {1, 16}, {1, 24}, {1, 32}, {3, 32}, {3, 64}};
    for (int[] f : formats) {
      for (int channels : new int[] {1, 2, 3, 6}) {
        for (boolean extensible : new boolean[] {false, true}) {
          all.add(Arguments.of(f[0], f[1], channels, extensible));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "tag {0}, {1}-bit, {2} channels, extensible {3}")
  @MethodSource("encodings")
  void everyEncodingDecodesToTheAverageOfItsChannels(
      int tag, int bits, int channels, boolean extensible) {
    boolean isFloat = tag == 3;
    double[][] x = WavBytes.signal(channels, FRAMES, 31L * bits + channels);
    byte[] fmt =
        extensible
            ? WavBytes.extensibleFmt(tag, channels, 44_100, bits, bits)
            : WavBytes.fmt(tag, channels, 44_100, bits);
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("fmt ", fmt),
            WavBytes.chunk("data", WavBytes.interleave(x, isFloat, bits)));

    Waveform w = WavReader.read(file);

    assertEquals(44_100, w.sampleRate());
    assertEquals(FRAMES, w.length());
    double[] expected = WavBytes.expectedMono(x, isFloat, bits);
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(expected[i], w.samples()[i], 1e-7, "sample " + i);
    }
    WavInfo info = WavReader.probe(file);
    assertEquals(isFloat ? SampleFormat.IEEE_FLOAT : SampleFormat.PCM, info.sampleFormat());
    assertEquals(channels, info.channels());
    assertEquals(bits, info.bitsPerSample());
    assertEquals(FRAMES, info.frames());
  }

  @ParameterizedTest(name = "{0}-bit")
  @MethodSource("fullScale")
  void pcmFullScaleMapsToMinusOneAndJustBelowOne(int bits, byte[] lowest, byte[] highest) {
    byte[] data = new byte[lowest.length + highest.length];
    System.arraycopy(lowest, 0, data, 0, lowest.length);
    System.arraycopy(highest, 0, data, lowest.length, highest.length);

    float[] s = WavReader.read(WavBytes.wav(1, 1, 8000, bits, data)).samples();

    assertEquals(-1.0, s[0], 0.0);
    assertEquals(1.0 - Math.pow(2, 1 - bits), s[1], 1e-9);
  }

  static Stream<Arguments> fullScale() {
    return Stream.of(
        Arguments.of(8, new byte[] {0}, new byte[] {(byte) 0xFF}),
        Arguments.of(16, new byte[] {0, (byte) 0x80}, new byte[] {(byte) 0xFF, 0x7F}),
        Arguments.of(
            24, new byte[] {0, 0, (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F}),
        Arguments.of(
            32,
            new byte[] {0, 0, 0, (byte) 0x80},
            new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}));
  }
}
