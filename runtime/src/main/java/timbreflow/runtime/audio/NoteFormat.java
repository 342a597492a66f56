package timbreflow.runtime.audio;

/**
 * The sample rate and length of the model's notes (16 kHz, 64 000 samples by default), which the
 * audio is brought to before any analysis; the STFT configuration is one.
 */
public interface NoteFormat {

  /** Samples per second, Hz. */
  int sampleRate();

  /** Samples of one note. */
  int noteSamples();
}
