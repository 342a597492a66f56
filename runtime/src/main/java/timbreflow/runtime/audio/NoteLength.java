package timbreflow.runtime.audio;

import java.util.Arrays;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/** Brings audio to the model's fixed note length: 64 000 samples (4 s) at 16 kHz by default. */
public final class NoteLength {

  private NoteLength() {}

  /**
   * Keeps the first {@code samples} samples, padding with zeros at the end when shorter; returns
   * {@code wave} itself when it already has that length.
   */
  public static Waveform fit(Waveform wave, int samples) {
    if (samples < 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "expected a non-negative note length, found " + samples);
    }
    if (wave.length() == samples) {
      return wave;
    }
    return new Waveform(Arrays.copyOf(wave.samples(), samples), wave.sampleRate());
  }

  /**
   * Resamples to {@code format.sampleRate()} and fits to {@code format.noteSamples()}: what the
   * feature extractor expects.
   */
  public static Waveform toModelNote(Waveform wave, NoteFormat format) {
    return fit(Resampler.resample(wave, format.sampleRate()), format.noteSamples());
  }
}
