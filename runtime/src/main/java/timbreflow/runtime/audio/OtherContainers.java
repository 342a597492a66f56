package timbreflow.runtime.audio;

/** Recognises common non-WAV audio files by their magic bytes, to name them in an error. */
final class OtherContainers {

  private OtherContainers() {}

  /** A human name such as {@code "an Ogg stream ('OggS')"}, or null when not recognised. */
  static String name(byte[] b) {
    if (LittleEndian.is(b, 0, "RIFX")) {
      return "a big-endian RIFX file";
    }
    if (LittleEndian.is(b, 0, "FORM")
        && (LittleEndian.is(b, 8, "AIFF") || LittleEndian.is(b, 8, "AIFC"))) {
      return "an AIFF file";
    }
    if (LittleEndian.is(b, 0, "OggS")) {
      return "an Ogg stream ('OggS')";
    }
    if (LittleEndian.is(b, 0, "fLaC")) {
      return "a FLAC file ('fLaC')";
    }
    if (b.length >= 3 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
      return "an MP3 file with an ID3 tag";
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
      return "an MPEG audio frame (MP3)";
    }
    if (LittleEndian.is(b, 4, "ftyp")) {
      return "an MP4/M4A file";
    }
    return null;
  }
}
