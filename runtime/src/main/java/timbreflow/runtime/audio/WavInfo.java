package timbreflow.runtime.audio;

import java.util.Locale;

/**
 * What a WAV file's header says about its audio, as checked by {@link WavReader#probe(byte[])}.
 *
 * @param sampleFormat integer PCM or IEEE float
 * @param formatTag the {@code fmt } chunk's format tag ({@code 0xFFFE} for extensible files)
 * @param channels interleaved channels (downmixed to mono on read)
 * @param sampleRate frames per second, Hz
 * @param bitsPerSample container bits of one sample of one channel
 * @param frames complete frames in the {@code data} chunk
 */
public record WavInfo(
    SampleFormat sampleFormat,
    int formatTag,
    int channels,
    int sampleRate,
    int bitsPerSample,
    long frames) {

  /** How one sample is stored. */
  public enum SampleFormat {
    /** Signed integers (unsigned for 8 bits), little-endian. */
    PCM,
    /** IEEE 754 floats, little-endian. */
    IEEE_FLOAT
  }

  /** Duration in seconds. */
  public double seconds() {
    return frames / (double) sampleRate;
  }

  /** A one-line description such as {@code "24-bit PCM, 2 channels, 44100 Hz, 1.50 s"}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d-bit %s, %d channel%s, %d Hz, %.2f s",
        bitsPerSample,
        sampleFormat == SampleFormat.PCM ? "PCM" : "float",
        channels,
        channels == 1 ? "" : "s",
        sampleRate,
        seconds());
  }
}
