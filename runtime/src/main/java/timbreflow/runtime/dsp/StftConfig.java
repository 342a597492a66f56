package timbreflow.runtime.dsp;

import timbreflow.runtime.audio.NoteFormat;

/**
 * The spectral analysis conventions shared by training and serving.
 *
 * <p>Periodic Hann window of {@code nFft} samples, hop {@code hop}, centered frames with zero
 * padding of {@code nFft / 2} on both sides (librosa &ge; 0.10), so a signal of {@code n} samples
 * has {@code 1 + n / hop} frames of {@code nFft / 2 + 1} bins.
 *
 * @param sampleRate Hz
 * @param nFft FFT size in samples
 * @param hop hop size in samples
 * @param noteSamples the model's note length in samples
 */
public record StftConfig(int sampleRate, int nFft, int hop, int noteSamples) implements NoteFormat {

  /** 16 kHz, n_fft 1024, hop 256, 4 s notes: 251 frames × 513 bins. */
  public static final StftConfig DEFAULT = new StftConfig(16_000, 1024, 256, 64_000);

  public StftConfig {
    if (sampleRate <= 0 || nFft <= 0 || hop <= 0 || noteSamples <= 0) {
      throw new IllegalArgumentException(
          "expected positive sampleRate, nFft, hop, noteSamples, found "
              + sampleRate
              + ", "
              + nFft
              + ", "
              + hop
              + ", "
              + noteSamples);
    }
    if (Integer.bitCount(nFft) != 1) {
      throw new IllegalArgumentException("expected nFft to be a power of two, found " + nFft);
    }
    if (hop > nFft) {
      throw new IllegalArgumentException("expected hop <= nFft, found hop " + hop + " > " + nFft);
    }
  }

  /** Frequency bins per frame: {@code nFft / 2 + 1}. */
  public int bins() {
    return nFft / 2 + 1;
  }

  /** Frames of a centered STFT of {@code samples} samples: {@code 1 + samples / hop}. */
  public int frames(int samples) {
    return 1 + samples / hop;
  }

  /** Frames of one note: 251 for the default. */
  public int noteFrames() {
    return frames(noteSamples);
  }
}
