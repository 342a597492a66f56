package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

class WavReaderMalformedTest {

  private static final byte[] DATA = new byte[420];

  private static TimbreflowException fails(byte[] file, Reason reason, String... fragments) {
    TimbreflowException e = assertThrows(TimbreflowException.class, () -> WavReader.read(file));
    assertEquals(reason, e.reason(), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
    }
    return e;
  }

  @Test
  void fileShorterThanTheRiffHeaderSaysHowManyBytesItFound() {
    fails(new byte[7], Reason.MALFORMED_AUDIO, "expected a 12-byte RIFF/WAVE header", "found 7");
  }

  @Test
  void bareTwelveByteHeaderSaysThereAreNoChunks() {
    byte[] header = Arrays.copyOf(WavBytes.riff(), 12);
    fails(header, Reason.MALFORMED_AUDIO, "expected a 'fmt ' chunk", "no chunks");
  }

  @Test
  void nonRiffBytesNameWhatWasFound() {
    fails(
        "hello world, not a wav".getBytes(StandardCharsets.US_ASCII),
        Reason.MALFORMED_AUDIO,
        "expected a RIFF/WAVE header",
        "'hell'");
  }

  @Test
  void otherContainersAreNamed() {
    fails(ascii("OggS\0\2\0\0\0\0\0\0\0\0"), Reason.UNSUPPORTED_AUDIO, "Ogg");
    fails(ascii("ID3\4\0\0\0\0\0\0\0\0\0\0"), Reason.UNSUPPORTED_AUDIO, "MP3");
    fails(ascii("fLaC\0\0\0\42\0\0\0\0\0\0"), Reason.UNSUPPORTED_AUDIO, "FLAC");
    fails(ascii("FORM\0\0\0\42AIFFCOMM"), Reason.UNSUPPORTED_AUDIO, "AIFF");
    fails(ascii("RIFX\0\0\0\42WAVEfmt "), Reason.UNSUPPORTED_AUDIO, "big-endian");
  }

  @Test
  void riffThatIsNotWaveNamesTheFormType() {
    byte[] avi = WavBytes.riff(WavBytes.chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)));
    avi[8] = 'A';
    avi[9] = 'V';
    avi[10] = 'I';
    avi[11] = ' ';
    fails(avi, Reason.MALFORMED_AUDIO, "expected form type 'WAVE'", "'AVI '");
  }

  @Test
  void dataChunkPastTheEndSaysWhatItClaimsAndWhatRemains() {
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("fmt ", WavBytes.fmt(1, 1, 16_000, 16)),
            WavBytes.chunk("data", 1_000_000, DATA, false));
    fails(file, Reason.MALFORMED_AUDIO, "chunk 'data' claims 1000000 bytes but only 420 remain");
  }

  @Test
  void truncatedFmtChunkSaysWhatItClaimsAndWhatRemains() {
    byte[] file = Arrays.copyOf(WavBytes.wav(1, 1, 16_000, 16, DATA), 30);
    fails(file, Reason.MALFORMED_AUDIO, "chunk 'fmt ' claims 16 bytes but only 10 remain");
  }

  @Test
  void hugeUnknownChunkBeforeTheAudioIsMalformed() {
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("LIST", 0xFFFF_FFF0L, new byte[4], false),
            WavBytes.chunk("fmt ", WavBytes.fmt(1, 1, 16_000, 16)));
    fails(file, Reason.MALFORMED_AUDIO, "chunk 'LIST' claims 4294967280 bytes");
  }

  @Test
  void zeroChannelsIsMalformed() {
    fails(
        WavBytes.wav(1, 0, 16_000, 16, DATA),
        Reason.MALFORMED_AUDIO,
        "expected at least 1 channel, found 0");
  }

  @Test
  void compressedFormatTagsAreNamed() {
    String[][] cases = {
      {"85", "0x0055 (MP3)"},
      {"80", "0x0050 (MPEG)"},
      {"2", "0x0002 (MS ADPCM)"},
      {"17", "0x0011 (IMA ADPCM)"},
      {"6", "0x0006 (A-law)"},
      {"7", "0x0007 (mu-law)"},
      {"4660", "0x1234"}
    };
    for (String[] c : cases) {
      fails(
          WavBytes.wav(Integer.parseInt(c[0]), 1, 16_000, 16, DATA),
          Reason.UNSUPPORTED_AUDIO,
          "expected PCM or IEEE float WAV",
          "found format tag " + c[1]);
    }
  }

  @Test
  void extensibleWithUnknownSubFormatGuidIsUnsupported() {
    byte[] fmt = WavBytes.extensibleFmt(1, 1, 16_000, 16, 16);
    fmt[39] = 0x72;
    fails(
        WavBytes.riff(WavBytes.chunk("fmt ", fmt), WavBytes.chunk("data", DATA)),
        Reason.UNSUPPORTED_AUDIO,
        "expected extensible sub-format PCM or IEEE float",
        "00000001-0000-0010-8000-00aa00389b72");
  }

  @Test
  void extensibleMp3SubFormatIsNamed() {
    byte[] fmt = WavBytes.extensibleFmt(0x55, 1, 16_000, 16, 16);
    fails(
        WavBytes.riff(WavBytes.chunk("fmt ", fmt), WavBytes.chunk("data", DATA)),
        Reason.UNSUPPORTED_AUDIO,
        "0x0055 (MP3) as extensible sub-format");
  }

  @Test
  void shortExtensibleFmtIsMalformed() {
    byte[] fmt = Arrays.copyOf(WavBytes.extensibleFmt(1, 1, 16_000, 16, 16), 18);
    fails(
        WavBytes.riff(WavBytes.chunk("fmt ", fmt), WavBytes.chunk("data", DATA)),
        Reason.MALFORMED_AUDIO,
        "expected a 40-byte 'fmt ' chunk",
        "found 18 bytes");
  }

  @Test
  void shortFmtIsMalformed() {
    byte[] fmt = Arrays.copyOf(WavBytes.fmt(1, 1, 16_000, 16), 14);
    fails(
        WavBytes.riff(WavBytes.chunk("fmt ", fmt), WavBytes.chunk("data", DATA)),
        Reason.MALFORMED_AUDIO,
        "at least 16 bytes, found 14 bytes");
  }

  @Test
  void absurdSampleRatesAreMalformed() {
    for (int rate : new int[] {0, 999, 768_001, -1}) {
      fails(
          WavBytes.wav(1, 1, rate, 16, DATA),
          Reason.MALFORMED_AUDIO,
          "expected a sample rate between 1000 and 768000 Hz",
          "found " + Integer.toUnsignedString(rate) + " Hz");
    }
  }

  @Test
  void oddBitDepthsAreUnsupported() {
    fails(WavBytes.wav(1, 1, 16_000, 12, DATA), Reason.UNSUPPORTED_AUDIO, "found 12-bit");
    fails(WavBytes.wav(3, 1, 16_000, 16, DATA), Reason.UNSUPPORTED_AUDIO, "IEEE float, found 16");
  }

  @Test
  void blockAlignMismatchNamesBothValues() {
    byte[] file =
        WavBytes.riff(
            WavBytes.chunk("fmt ", WavBytes.fmt(1, 2, 16_000, 16, 3)),
            WavBytes.chunk("data", DATA));
    fails(file, Reason.MALFORMED_AUDIO, "expected block align 4", "found 3");
  }

  @Test
  void emptyDataIsMalformed() {
    fails(
        WavBytes.wav(1, 2, 16_000, 16, new byte[0]),
        Reason.MALFORMED_AUDIO,
        "expected at least one 4-byte frame",
        "found 0 bytes");
    fails(WavBytes.wav(1, 2, 16_000, 16, new byte[3]), Reason.MALFORMED_AUDIO, "found 3 bytes");
  }

  @Test
  void missingChunksAreNamedWithWhatWasThere() {
    fails(
        WavBytes.riff(WavBytes.chunk("LIST", new byte[4]), WavBytes.chunk("data", DATA)),
        Reason.MALFORMED_AUDIO,
        "expected a 'fmt ' chunk",
        "'LIST', 'data'");
    fails(
        WavBytes.riff(WavBytes.chunk("fmt ", WavBytes.fmt(1, 1, 16_000, 16))),
        Reason.MALFORMED_AUDIO,
        "expected a 'data' chunk",
        "'fmt '");
  }

  @Test
  void nonFiniteFloatSamplesAreMalformed() {
    byte[] data = new byte[8];
    data[6] = (byte) 0xC0;
    data[7] = 0x7F; // NaN in the second sample
    fails(
        WavBytes.wav(3, 1, 16_000, 32, data),
        Reason.MALFORMED_AUDIO,
        "expected finite float samples",
        "NaN at frame 1");
  }

  @Test
  void streamLargerThanTheLimitIsRefused() {
    byte[] file = WavBytes.wav(1, 1, 16_000, 16, DATA);
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class,
            () -> WavReader.read(new ByteArrayInputStream(file), file.length - 1));
    assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().contains("at most " + (file.length - 1) + " bytes"));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
