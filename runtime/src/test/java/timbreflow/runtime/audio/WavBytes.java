package timbreflow.runtime.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds WAV files byte by byte for tests, including ones no sane writer would produce. */
final class WavBytes {

  private WavBytes() {}

  /** A chunk: id, 32-bit size, body, and a pad byte when the body is odd. */
  static byte[] chunk(String id, byte[] body) {
    return chunk(id, body.length, body, true);
  }

  /** A chunk whose size field says {@code declared} whatever the body's length. */
  static byte[] chunk(String id, long declared, byte[] body, boolean pad) {
    ByteBuffer b =
        ByteBuffer.allocate(8 + body.length + (pad ? body.length & 1 : 0))
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declared).put(body);
    return b.array();
  }

  /** A 16-byte {@code fmt } body. */
  static byte[] fmt(int tag, int channels, int rate, int bits) {
    return fmt(tag, channels, rate, bits, channels * bits / 8);
  }

  static byte[] fmt(int tag, int channels, int rate, int bits, int blockAlign) {
    return ByteBuffer.allocate(16)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) tag)
        .putShort((short) channels)
        .putInt(rate)
        .putInt(rate * blockAlign)
        .putShort((short) blockAlign)
        .putShort((short) bits)
        .array();
  }

  /** A 40-byte WAVE_FORMAT_EXTENSIBLE {@code fmt } body with a KSDATAFORMAT sub-format. */
  static byte[] extensibleFmt(int subTag, int channels, int rate, int bits, int validBits) {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fmt(0xFFFE, channels, rate, bits));
    b.putShort((short) 22).putShort((short) validBits).putInt((1 << channels) - 1);
    b.putInt(subTag).putShort((short) 0).putShort((short) 0x10);
    b.put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
    return b.array();
  }

  /** A RIFF/WAVE file from chunks, with a correct RIFF size. */
  static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    byte[] inner = body.toByteArray();
    return ByteBuffer.allocate(8 + inner.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(inner.length)
        .put(inner)
        .array();
  }

  /** A plain WAV: fmt then data. */
  static byte[] wav(int tag, int channels, int rate, int bits, byte[] data) {
    return riff(chunk("fmt ", fmt(tag, channels, rate, bits)), chunk("data", data));
  }

  /** One sample encoded the way a WAV stores it. */
  static void put(ByteBuffer b, boolean isFloat, int bits, double v) {
    if (isFloat) {
      if (bits == 32) {
        b.putFloat((float) v);
      } else {
        b.putDouble(v);
      }
      return;
    }
    long q = quantize(v, bits);
    switch (bits) {
      case 8 -> b.put((byte) (q + 128));
      case 16 -> b.putShort((short) q);
      case 24 -> b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
      default -> b.putInt((int) q);
    }
  }

  /** What the reader must decode for {@code v} stored at {@code bits}. */
  static double decoded(boolean isFloat, int bits, double v) {
    if (isFloat) {
      return bits == 32 ? (float) v : v;
    }
    return quantize(v, bits) / Math.pow(2, bits - 1);
  }

  private static long quantize(double v, int bits) {
    double full = Math.pow(2, bits - 1);
    return Math.max((long) -full, Math.min((long) full - 1, Math.round(v * full)));
  }

  /** Interleaves {@code [channel][frame]} samples into a data chunk body. */
  static byte[] interleave(double[][] x, boolean isFloat, int bits) {
    int frames = x[0].length;
    ByteBuffer b = ByteBuffer.allocate(frames * x.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < frames; f++) {
      for (double[] channel : x) {
        put(b, isFloat, bits, channel[f]);
      }
    }
    return b.array();
  }

  /** The mono signal the reader must produce from {@code [channel][frame]} samples. */
  static double[] expectedMono(double[][] x, boolean isFloat, int bits) {
    double[] m = new double[x[0].length];
    for (int f = 0; f < m.length; f++) {
      double s = 0;
      for (double[] channel : x) {
        s += decoded(isFloat, bits, channel[f]);
      }
      m[f] = s / x.length;
    }
    return m;
  }

  /** Channels of distinct sines with a little seeded noise, within (-1, 1). */
  static double[][] signal(int channels, int frames, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[channels][frames];
    for (int c = 0; c < channels; c++) {
      for (int f = 0; f < frames; f++) {
        x[c][f] = 0.8 * Math.sin(0.05 * (c + 1) * f + c) + 0.1 * (r.nextDouble() * 2 - 1);
      }
    }
    return x;
  }
}
