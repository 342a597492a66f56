package timbreflow.trainer.report;

import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.runtime.dsp.StftConfig;

/**
 * The fixed-length summary of a note that the family classifier sees, in feature units (1 = 120
 * dB): the time-averaged spectrum pooled into bands of {@value #BAND} bins (129 values for 513
 * bins), the time-averaged level of the first {@value #HARMONICS} harmonics of the note's pitch,
 * and its loudness envelope over time: each of {@value #SEGMENTS} equal time segments' level
 * relative to the loudest frame ({@link NoteLevel}), so attack, decay and sustain tell families
 * apart as much as the spectrum does.
 */
final class NoteDescriptor {

  /** Bins per spectral band. */
  static final int BAND = 4;

  /** Harmonics whose level is read (a harmonic above the top bin reads as the floor, 0). */
  static final int HARMONICS = 8;

  /** Time segments of the envelope. */
  static final int SEGMENTS = 16;

  /** Lowest envelope level, dB below the loudest frame (the features' dynamic range). */
  private static final double FLOOR_DB = 120;

  private NoteDescriptor() {}

  /** Length of a descriptor of {@code bins}-bin features. */
  static int length(int bins) {
    return (bins + BAND - 1) / BAND + HARMONICS + SEGMENTS;
  }

  /**
   * The descriptor of a note's features.
   *
   * @param pitch the note's MIDI pitch (the requested one for a sample, the label for a real note)
   */
  static double[] of(Features x, int pitch, StftConfig stft) {
    int bins = x.bins();
    int frames = x.frames();
    float[] v = x.values();
    int bands = (bins + BAND - 1) / BAND;
    double[] out = new double[length(bins)];
    double[] spectrum = new double[bins];
    for (int k = 0; k < bins; k++) {
      double sum = 0;
      for (int t = 0; t < frames; t++) {
        sum += v[k * frames + t];
      }
      spectrum[k] = sum / frames;
      out[k / BAND] += spectrum[k];
    }
    for (int band = 0; band < bands; band++) {
      out[band] /= Math.min(BAND, bins - band * BAND);
    }
    double binHz = stft.sampleRate() / (double) stft.nFft();
    for (int h = 1; h <= HARMONICS; h++) {
      int centre = (int) Math.round(h * PitchEstimator.midiToHz(pitch) / binHz);
      double level = 0;
      for (int k = Math.max(0, centre - 1); k <= Math.min(bins - 1, centre + 1); k++) {
        level = Math.max(level, spectrum[k]);
      }
      out[bands + h - 1] = level;
    }
    double[] power = NoteLevel.framePower(x);
    double peak = 0;
    for (double p : power) {
      peak = Math.max(peak, p);
    }
    for (int s = 0; s < SEGMENTS; s++) {
      int from = (int) ((long) s * frames / SEGMENTS);
      int to = Math.min(frames, Math.max(from + 1, (int) ((long) (s + 1) * frames / SEGMENTS)));
      double sum = 0;
      for (int t = from; t < to; t++) {
        sum += power[t];
      }
      double db = peak > 0 && sum > 0 ? 10 * Math.log10(sum / (to - from) / peak) : -FLOOR_DB;
      out[bands + HARMONICS + s] = Math.max(-FLOOR_DB, db) / FLOOR_DB;
    }
    return out;
  }
}
