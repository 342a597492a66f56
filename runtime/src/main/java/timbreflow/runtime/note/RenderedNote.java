package timbreflow.runtime.note;

import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.phase.GriffinLimResult;

/**
 * A note turned into audio: the features it was rendered from and the phase retrieval's result.
 *
 * @param features the features whose magnitude was inverted
 * @param phase Griffin-Lim's samples (peak-normalised when the loudness is unknown), spectral
 *     convergence, iterations and time
 * @param sampleRate Hz of the samples
 */
public record RenderedNote(Features features, GriffinLimResult phase, int sampleRate) {

  /** The audio, mono in [-1, 1]. */
  public float[] samples() {
    return phase.samples();
  }
}
