package timbreflow.runtime.audio;

import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.WavInfo.SampleFormat;

/** Decodes interleaved little-endian samples into mono floats by averaging the channels. */
final class SampleDecoder {

  private SampleDecoder() {}

  /**
   * Decodes {@code frames} frames starting at {@code at}; the caller has checked that {@code frames
   * * fmt.blockAlign()} bytes are there.
   *
   * @return mono samples, PCM scaled so that full scale is [-1, 1)
   */
  static float[] decode(byte[] b, int at, int frames, FmtChunk fmt) {
    float[] out = new float[frames];
    int channels = fmt.channels();
    int width = fmt.bytesPerSample();
    double scale = 1.0 / channels;
    boolean isFloat = fmt.sampleFormat() == SampleFormat.IEEE_FLOAT;
    int p = at;
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++, p += width) {
        sum += isFloat ? floatSample(b, p, width) : pcmSample(b, p, width);
      }
      double mono = sum * scale;
      out[f] = (float) mono;
      if (isFloat && !Float.isFinite(out[f])) {
        throw new TimbreflowException(
            Reason.MALFORMED_AUDIO,
            "expected finite float samples, found " + mono + " at frame " + f);
      }
    }
    return out;
  }

  private static double pcmSample(byte[] b, int p, int width) {
    switch (width) {
      case 1:
        return ((b[p] & 0xFF) - 128) / 128.0;
      case 2:
        return (short) LittleEndian.u16(b, p) / 32768.0;
      case 3:
        return ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16) / 8388608.0;
      default:
        return LittleEndian.i32(b, p) / 2147483648.0;
    }
  }

  private static double floatSample(byte[] b, int p, int width) {
    return width == 4
        ? Float.intBitsToFloat(LittleEndian.i32(b, p))
        : Double.longBitsToDouble(LittleEndian.i64(b, p));
  }
}
