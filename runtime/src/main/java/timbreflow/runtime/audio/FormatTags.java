package timbreflow.runtime.audio;

import java.util.Locale;
import java.util.Map;

/** Names of WAVE format tags, so an unsupported file can be named in an error message. */
final class FormatTags {

  static final int PCM = 0x0001;
  static final int IEEE_FLOAT = 0x0003;
  static final int EXTENSIBLE = 0xFFFE;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x0000, "unknown"),
          Map.entry(PCM, "PCM"),
          Map.entry(0x0002, "MS ADPCM"),
          Map.entry(IEEE_FLOAT, "IEEE float"),
          Map.entry(0x0006, "A-law"),
          Map.entry(0x0007, "mu-law"),
          Map.entry(0x0011, "IMA ADPCM"),
          Map.entry(0x0016, "ITU G.723 ADPCM"),
          Map.entry(0x0031, "GSM 6.10"),
          Map.entry(0x0040, "G.721 ADPCM"),
          Map.entry(0x0050, "MPEG"),
          Map.entry(0x0055, "MP3"),
          Map.entry(0x0092, "Dolby AC-3 SPDIF"),
          Map.entry(0x00FF, "AAC"),
          Map.entry(0x0160, "WMA v1"),
          Map.entry(0x0161, "WMA v2"),
          Map.entry(0x0162, "WMA Pro"),
          Map.entry(0x0163, "WMA Lossless"),
          Map.entry(0x1610, "HE-AAC"),
          Map.entry(0x2000, "Dolby AC-3"),
          Map.entry(0x2001, "DTS"),
          Map.entry(0x674F, "Ogg Vorbis"),
          Map.entry(0x6750, "Ogg Vorbis"),
          Map.entry(0x6751, "Ogg Vorbis"),
          Map.entry(0xF1AC, "FLAC"),
          Map.entry(EXTENSIBLE, "extensible"));

  private FormatTags() {}

  /** {@code "0x0055 (MP3)"}, or just the hex for tags without a name. */
  static String describe(int tag) {
    String hex = String.format(Locale.ROOT, "0x%04X", tag);
    String name = NAMES.get(tag);
    return name == null ? hex : hex + " (" + name + ")";
  }
}
