package timbreflow.trainer.report;

import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.runtime.dsp.StftConfig;

/**
 * The sampling section's control: a spectrogram with its harmonic comb smoothed away, keeping its
 * spectral envelope. Each frame's log-magnitude is averaged along frequency over a window as wide
 * as the spacing of the requested pitch's harmonics (odd, at least 3 bins), which cancels a ripple
 * of that period. If YIN still finds the requested pitch after this, the pitch came from somewhere
 * other than the harmonics.
 */
final class CombRemoval {

  private CombRemoval() {}

  /** The window in bins for harmonics of MIDI {@code pitch}: their spacing, rounded up to odd. */
  static int width(int pitch, StftConfig stft) {
    double spacing = PitchEstimator.midiToHz(pitch) * stft.nFft() / stft.sampleRate();
    int w = (int) Math.round(spacing);
    return Math.max(3, w % 2 == 0 ? w + 1 : w);
  }

  /**
   * {@code values} ({@code [bins, frames]}, bin-major) averaged along bins over {@code width} bins
   * centred on each bin (fewer at the edges).
   */
  static float[] smoothed(float[] values, int bins, int frames, int width) {
    int half = width / 2;
    float[] out = new float[values.length];
    double[] column = new double[bins + 1];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < bins; c++) {
        column[c + 1] = column[c] + values[c * frames + t];
      }
      for (int c = 0; c < bins; c++) {
        int lo = Math.max(0, c - half);
        int hi = Math.min(bins - 1, c + half);
        out[c * frames + t] = (float) ((column[hi + 1] - column[lo]) / (hi - lo + 1));
      }
    }
    return out;
  }
}
