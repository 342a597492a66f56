package timbreflow.runtime.audio;

import java.io.IOException;
import java.nio.file.Path;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.files.AtomicFiles;

/**
 * Writes mono {@link Waveform}s as canonical RIFF/WAVE files.
 *
 * <p>{@link WavEncoding#PCM_16} clips to [-1, 1] and rounds {@code x * 32768} half up, clamped to
 * [-32768, 32767], so it inverts {@link WavReader}'s scaling exactly on every 16-bit value. {@link
 * WavEncoding#FLOAT_32} stores samples bit for bit (with the {@code fact} chunk non-PCM files
 * carry). Files are written to a temporary file in the target's directory and renamed over the
 * target atomically, so readers never see half a file.
 */
public final class WavWriter {

  private static final int PCM_HEADER_BYTES = 44;
  private static final int FLOAT_HEADER_BYTES = 58;

  private WavWriter() {}

  /**
   * Encodes a waveform as WAV bytes.
   *
   * @throws TimbreflowException {@code INVALID_ARGUMENT} if a sample is NaN or infinite, or the
   *     result would not fit a RIFF file
   */
  public static byte[] toBytes(Waveform wave, WavEncoding encoding) {
    float[] x = wave.samples();
    checkFinite(x);
    if (wave.sampleRate() > Integer.MAX_VALUE / 4) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected a sample rate a WAV header can hold, found " + wave.sampleRate());
    }
    int width = encoding == WavEncoding.PCM_16 ? 2 : 4;
    int header = encoding == WavEncoding.PCM_16 ? PCM_HEADER_BYTES : FLOAT_HEADER_BYTES;
    long dataBytes = (long) x.length * width;
    if (dataBytes + header > Integer.MAX_VALUE - 16) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected at most "
              + ((Integer.MAX_VALUE - 16 - header) / width)
              + " samples for a WAV, found "
              + x.length);
    }
    byte[] b = new byte[header + (int) dataBytes];
    LittleEndian.putAscii(b, 0, "RIFF");
    LittleEndian.put32(b, 4, b.length - 8);
    LittleEndian.putAscii(b, 8, "WAVE");
    LittleEndian.putAscii(b, 12, "fmt ");
    int at;
    if (encoding == WavEncoding.PCM_16) {
      LittleEndian.put32(b, 16, 16);
      putFormat(b, FormatTags.PCM, wave.sampleRate(), 16);
      at = 36;
    } else {
      LittleEndian.put32(b, 16, 18);
      putFormat(b, FormatTags.IEEE_FLOAT, wave.sampleRate(), 32);
      LittleEndian.put16(b, 36, 0); // cbSize
      LittleEndian.putAscii(b, 38, "fact");
      LittleEndian.put32(b, 42, 4);
      LittleEndian.put32(b, 46, x.length);
      at = 50;
    }
    LittleEndian.putAscii(b, at, "data");
    LittleEndian.put32(b, at + 4, (int) dataBytes);
    int p = at + 8;
    if (encoding == WavEncoding.PCM_16) {
      for (float v : x) {
        LittleEndian.put16(b, p, pcm16(v));
        p += 2;
      }
    } else {
      for (float v : x) {
        LittleEndian.put32(b, p, Float.floatToRawIntBits(v));
        p += 4;
      }
    }
    return b;
  }

  /**
   * Writes a waveform to {@code path} atomically ({@link AtomicFiles}: a temporary file in the same
   * directory, then a rename over the target), with the permissions of any new file.
   *
   * @throws TimbreflowException {@code IO} when the file cannot be written
   */
  public static void write(Waveform wave, Path path, WavEncoding encoding) {
    try {
      AtomicFiles.write(path, toBytes(wave, encoding));
    } catch (IOException e) {
      throw failed(path, e);
    }
  }

  private static TimbreflowException failed(Path path, IOException e) {
    return new TimbreflowException(
        Reason.IO, "could not write WAV file " + path + ": " + e.getMessage(), e);
  }

  /** The 16-bit code of a sample: clip to [-1, 1], scale by 32768, round half up, clamp. */
  static int pcm16(float v) {
    long q = Math.round(Math.max(-1.0, Math.min(1.0, v)) * 32768.0);
    return (int) Math.max(-32768, Math.min(32767, q));
  }

  private static void putFormat(byte[] b, int tag, int sampleRate, int bits) {
    int blockAlign = bits / 8;
    LittleEndian.put16(b, 20, tag);
    LittleEndian.put16(b, 22, 1);
    LittleEndian.put32(b, 24, sampleRate);
    LittleEndian.put32(b, 28, sampleRate * blockAlign);
    LittleEndian.put16(b, 32, blockAlign);
    LittleEndian.put16(b, 34, bits);
  }

  private static void checkFinite(float[] x) {
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT, "expected finite samples, found " + x[i] + " at index " + i);
      }
    }
  }
}
