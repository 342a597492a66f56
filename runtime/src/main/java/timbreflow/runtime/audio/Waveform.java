package timbreflow.runtime.audio;

import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Mono audio: samples in [-1, 1] at a sample rate in Hz.
 *
 * <p>Multi-channel files are downmixed to this on read. The array is not copied; treat it as
 * read-only once it is wrapped.
 *
 * @param samples the signal, one float per sample
 * @param sampleRate samples per second
 */
public record Waveform(float[] samples, int sampleRate) {

  public Waveform {
    if (samples == null) {
      throw new TimbreflowException(Reason.INVALID_ARGUMENT, "samples must not be null");
    }
    if (sampleRate <= 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "expected a positive sample rate, found " + sampleRate);
    }
  }

  /** Number of samples. */
  public int length() {
    return samples.length;
  }

  /** Duration in seconds. */
  public double seconds() {
    return samples.length / (double) sampleRate;
  }
}
