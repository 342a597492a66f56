package timbreflow.runtime.audio;

import java.util.Locale;

/** Little-endian reads and writes on byte arrays; callers check bounds first. */
final class LittleEndian {

  private LittleEndian() {}

  static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  static long u32(byte[] b, int at) {
    return i32(b, at) & 0xFFFF_FFFFL;
  }

  static int i32(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
  }

  static long i64(byte[] b, int at) {
    return (i32(b, at) & 0xFFFF_FFFFL) | (long) i32(b, at + 4) << 32;
  }

  static void put16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  static void put32(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  static void putAscii(byte[] b, int at, String fourCc) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) fourCc.charAt(i);
    }
  }

  /** A chunk id for a message: printable ASCII as is, anything else as {@code \xNN}. */
  static String fourCc(byte[] b, int at) {
    StringBuilder s = new StringBuilder(6).append('\'');
    for (int i = at; i < at + 4 && i < b.length; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        s.append((char) c);
      } else {
        s.append(String.format(Locale.ROOT, "\\x%02X", c));
      }
    }
    return s.append('\'').toString();
  }

  static boolean is(byte[] b, int at, String fourCc) {
    if (at < 0 || at + 4 > b.length) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (b[at + i] != (byte) fourCc.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
