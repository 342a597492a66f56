package timbreflow.runtime.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Reads RIFF/WAVE files into mono {@link Waveform}s.
 *
 * <p>Accepts integer PCM of 8 (unsigned), 16, 24 and 32 bits and IEEE float of 32 and 64 bits, in
 * plain or {@code WAVE_FORMAT_EXTENSIBLE} headers, RF64/BW64, with any number of channels, which
 * are averaged to mono. Unknown chunks are skipped; a {@code data} size of {@code 0xFFFFFFFF} or
 * sox's {@code 0x7FFFF000} (written when the output could not be seeked) means "to the end of the
 * file"; a trailing partial frame is dropped. PCM is scaled so full scale is [-1, 1); float samples
 * are kept as they are (they may exceed 1) but must be finite.
 *
 * <p>Anything else throws {@link TimbreflowException} with reason {@code MALFORMED_AUDIO} (the
 * bytes contradict themselves) or {@code UNSUPPORTED_AUDIO} (a valid file in an encoding not read
 * here, such as MP3 or ADPCM), with a message that says what was expected and what was found. No
 * allocation is ever sized from a header field before that field is checked against the bytes
 * actually present.
 */
public final class WavReader {

  /** The largest file {@link #read(Path)} accepts: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private static final int READ_CHUNK = 1 << 16;

  private WavReader() {}

  /** Reads a WAV file of at most {@link #DEFAULT_MAX_BYTES}. */
  public static Waveform read(Path path) {
    try {
      long size = Files.size(path);
      if (size > DEFAULT_MAX_BYTES) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            "expected a WAV file of at most "
                + DEFAULT_MAX_BYTES
                + " bytes, found "
                + size
                + " bytes in "
                + path);
      }
      return read(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new TimbreflowException(
          Reason.IO, "could not read WAV file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a WAV from a stream, refusing more than {@code maxBytes}; the stream is not closed.
   *
   * @throws TimbreflowException {@code INVALID_ARGUMENT} when the stream holds more than {@code
   *     maxBytes}, {@code IO} when reading fails
   */
  public static Waveform read(InputStream in, long maxBytes) {
    if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected maxBytes in [0, " + (Integer.MAX_VALUE - 16) + "], found " + maxBytes);
    }
    return read(readAtMost(in, (int) maxBytes));
  }

  /** Reads a WAV held in memory. */
  public static Waveform read(byte[] bytes) {
    if (bytes == null) {
      throw new TimbreflowException(Reason.INVALID_ARGUMENT, "bytes must not be null");
    }
    RiffLayout layout = RiffLayout.scan(bytes);
    FmtChunk fmt = FmtChunk.parse(bytes, layout.fmtOffset(), layout.fmtSize());
    int frames = frames(layout, fmt);
    return new Waveform(
        SampleDecoder.decode(bytes, layout.dataOffset(), frames, fmt), fmt.sampleRate());
  }

  /** Checks a WAV's header and chunk layout without decoding its samples. */
  public static WavInfo probe(byte[] bytes) {
    if (bytes == null) {
      throw new TimbreflowException(Reason.INVALID_ARGUMENT, "bytes must not be null");
    }
    RiffLayout layout = RiffLayout.scan(bytes);
    FmtChunk fmt = FmtChunk.parse(bytes, layout.fmtOffset(), layout.fmtSize());
    return new WavInfo(
        fmt.sampleFormat(),
        fmt.formatTag(),
        fmt.channels(),
        fmt.sampleRate(),
        fmt.bitsPerSample(),
        frames(layout, fmt));
  }

  private static int frames(RiffLayout layout, FmtChunk fmt) {
    long frames = layout.dataSize() / fmt.blockAlign();
    if (frames == 0) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected at least one "
              + fmt.blockAlign()
              + "-byte frame in the 'data' chunk, found "
              + layout.dataSize()
              + " bytes");
    }
    // dataSize never exceeds the array, so frames fits an int
    return (int) frames;
  }

  private static byte[] readAtMost(InputStream in, int maxBytes) {
    byte[] buf = new byte[Math.min(READ_CHUNK, maxBytes + 1)];
    int n = 0;
    try {
      while (true) {
        if (n == buf.length) {
          if (n > maxBytes) {
            throw new TimbreflowException(
                Reason.INVALID_ARGUMENT,
                "expected a WAV of at most " + maxBytes + " bytes, found more");
          }
          buf = Arrays.copyOf(buf, (int) Math.min((long) maxBytes + 1, 2L * n));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          return Arrays.copyOf(buf, n);
        }
        n += r;
      }
    } catch (IOException e) {
      throw new TimbreflowException(
          Reason.IO, "could not read WAV stream after " + n + " bytes: " + e.getMessage(), e);
    }
  }
}
