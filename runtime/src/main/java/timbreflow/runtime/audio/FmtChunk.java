package timbreflow.runtime.audio;

import java.util.Locale;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.WavInfo.SampleFormat;

/**
 * The validated contents of a {@code fmt } chunk: how samples are laid out in {@code data}.
 *
 * @param sampleFormat integer PCM or IEEE float (after resolving an extensible sub-format)
 * @param formatTag the tag as written ({@code 0xFFFE} for extensible)
 * @param channels interleaved channels, at least 1
 * @param sampleRate Hz, within [{@link #MIN_RATE}, {@link #MAX_RATE}]
 * @param bitsPerSample container bits per sample: 8, 16, 24, 32 (PCM) or 32, 64 (float)
 * @param blockAlign bytes per frame: {@code channels * bitsPerSample / 8}
 */
record FmtChunk(
    SampleFormat sampleFormat,
    int formatTag,
    int channels,
    int sampleRate,
    int bitsPerSample,
    int blockAlign) {

  /** Lowest sample rate accepted, Hz. */
  static final int MIN_RATE = 1_000;

  /** Highest sample rate accepted, Hz. */
  static final int MAX_RATE = 768_000;

  private static final int BASIC_SIZE = 16;
  private static final int EXTENSIBLE_SIZE = 40;

  /** The 12 bytes that follow the 32-bit format tag in KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT. */
  private static final byte[] GUID_SUFFIX = {
    0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };

  static FmtChunk parse(byte[] b, int at, int size) {
    if (size < BASIC_SIZE) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected a 'fmt ' chunk of at least 16 bytes, found " + size + " bytes");
    }
    int tag = LittleEndian.u16(b, at);
    int channels = LittleEndian.u16(b, at + 2);
    long rate = LittleEndian.u32(b, at + 4);
    int blockAlign = LittleEndian.u16(b, at + 12);
    int bits = LittleEndian.u16(b, at + 14);
    int effectiveTag = tag;
    if (tag == FormatTags.EXTENSIBLE) {
      if (size < EXTENSIBLE_SIZE) {
        throw new TimbreflowException(
            Reason.MALFORMED_AUDIO,
            "expected a 40-byte 'fmt ' chunk for format tag 0xFFFE (extensible), found "
                + size
                + " bytes");
      }
      effectiveTag = subFormat(b, at + 24);
    }
    SampleFormat format;
    if (effectiveTag == FormatTags.PCM) {
      format = SampleFormat.PCM;
    } else if (effectiveTag == FormatTags.IEEE_FLOAT) {
      format = SampleFormat.IEEE_FLOAT;
    } else {
      throw new TimbreflowException(
          Reason.UNSUPPORTED_AUDIO,
          "expected PCM or IEEE float WAV (format tag 0x0001, 0x0003 or 0xFFFE), found format tag "
              + FormatTags.describe(effectiveTag)
              + (tag == FormatTags.EXTENSIBLE ? " as extensible sub-format" : ""));
    }
    if (channels < 1) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO, "expected at least 1 channel, found " + channels);
    }
    if (rate < MIN_RATE || rate > MAX_RATE) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected a sample rate between "
              + MIN_RATE
              + " and "
              + MAX_RATE
              + " Hz, found "
              + rate
              + " Hz");
    }
    checkBits(format, bits);
    int expectedAlign = channels * (bits / 8);
    if (blockAlign != expectedAlign) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected block align "
              + expectedAlign
              + " ("
              + channels
              + " channels x "
              + bits
              + " bits), found "
              + blockAlign);
    }
    return new FmtChunk(format, tag, channels, (int) rate, bits, blockAlign);
  }

  private static int subFormat(byte[] b, int guid) {
    boolean known = LittleEndian.u16(b, guid + 2) == 0;
    for (int i = 0; i < GUID_SUFFIX.length && known; i++) {
      known = b[guid + 4 + i] == GUID_SUFFIX[i];
    }
    if (!known) {
      throw new TimbreflowException(
          Reason.UNSUPPORTED_AUDIO,
          "expected extensible sub-format PCM or IEEE float, found GUID " + guid(b, guid));
    }
    return LittleEndian.u16(b, guid);
  }

  private static void checkBits(SampleFormat format, int bits) {
    if (format == SampleFormat.PCM && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
      throw new TimbreflowException(
          Reason.UNSUPPORTED_AUDIO, "expected 8-, 16-, 24- or 32-bit PCM, found " + bits + "-bit");
    }
    if (format == SampleFormat.IEEE_FLOAT && bits != 32 && bits != 64) {
      throw new TimbreflowException(
          Reason.UNSUPPORTED_AUDIO, "expected 32- or 64-bit IEEE float, found " + bits + "-bit");
    }
  }

  private static String guid(byte[] b, int at) {
    return String.format(
        Locale.ROOT,
        "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
        LittleEndian.u32(b, at),
        LittleEndian.u16(b, at + 4),
        LittleEndian.u16(b, at + 6),
        b[at + 8] & 0xFF,
        b[at + 9] & 0xFF,
        b[at + 10] & 0xFF,
        b[at + 11] & 0xFF,
        b[at + 12] & 0xFF,
        b[at + 13] & 0xFF,
        b[at + 14] & 0xFF,
        b[at + 15] & 0xFF);
  }

  /** Bytes per sample of one channel. */
  int bytesPerSample() {
    return bitsPerSample / 8;
  }
}
