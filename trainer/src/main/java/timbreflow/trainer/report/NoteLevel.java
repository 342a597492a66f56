package timbreflow.trainer.report;

import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.StftConfig;

/**
 * How loud a note is over time, from the frame energies of its log-magnitude features: frame {@code
 * t}'s power is {@code Σ_k 10^(12·(x[k,t] − 1))} relative to the note's loudest bin (the features'
 * 120 dB scale undone), and a level is that power relative to the loudest frame's.
 */
final class NoteLevel {

  /** When sustain is read: 2 s after the onset. */
  static final double SUSTAIN_SECONDS = 2.0;

  /** Half the span averaged around that moment, seconds (a few frames, so a beat is smoothed). */
  static final double HALF_SPAN_SECONDS = 0.1;

  private NoteLevel() {}

  /** Each frame's power relative to the note's loudest bin, {@code [frames]}. */
  static double[] framePower(Features x) {
    double[] power = new double[x.frames()];
    float[] v = x.values();
    for (int k = 0; k < x.bins(); k++) {
      int row = k * x.frames();
      for (int t = 0; t < x.frames(); t++) {
        power[t] += Math.pow(10, 12.0 * (v[row + t] - 1));
      }
    }
    return power;
  }

  /**
   * The level in dB, relative to the loudest frame, of the frames centred within {@value
   * #HALF_SPAN_SECONDS} s of {@code seconds} (their mean power); 0 for a note of silence.
   */
  static double dbAt(Features x, double seconds, StftConfig stft) {
    double[] power = framePower(x);
    double peak = 0;
    for (double p : power) {
      peak = Math.max(peak, p);
    }
    double framesPerSecond = stft.sampleRate() / (double) stft.hop();
    int centre = (int) Math.round(seconds * framesPerSecond);
    int half = (int) Math.round(HALF_SPAN_SECONDS * framesPerSecond);
    int from = Math.max(0, centre - half);
    int to = Math.min(power.length - 1, centre + half);
    if (peak <= 0 || from > to) {
      return 0;
    }
    double sum = 0;
    for (int t = from; t <= to; t++) {
      sum += power[t];
    }
    return 10 * Math.log10(sum / (to - from + 1) / peak);
  }

  /** {@link #dbAt} at {@value #SUSTAIN_SECONDS} s. */
  static double sustainDb(Features x, StftConfig stft) {
    return dbAt(x, SUSTAIN_SECONDS, stft);
  }
}
