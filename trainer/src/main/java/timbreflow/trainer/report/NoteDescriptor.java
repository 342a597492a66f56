package timbreflow.trainer.report;

/**
 * The fixed-length summary of a note that the family classifier sees: the time-averaged feature
 * spectrum pooled into bands of {@value #BAND} bins (129 values for 513 bins: the timbre) followed
 * by the loudness envelope, the mean feature of each frame pooled into {@value #SEGMENTS} equal
 * time segments (attack, decay and release).
 */
final class NoteDescriptor {

  /** Bins per spectral band. */
  static final int BAND = 4;

  /** Time segments of the envelope. */
  static final int SEGMENTS = 16;

  private NoteDescriptor() {}

  /** Length of a descriptor of {@code bins}-bin features. */
  static int length(int bins) {
    return (bins + BAND - 1) / BAND + SEGMENTS;
  }

  /** The descriptor of {@code [bins][frames]} features. */
  static double[] of(float[] features, int bins, int frames) {
    int bands = (bins + BAND - 1) / BAND;
    double[] out = new double[bands + SEGMENTS];
    double[] frameMean = new double[frames];
    for (int k = 0; k < bins; k++) {
      double sum = 0;
      for (int t = 0; t < frames; t++) {
        float v = features[k * frames + t];
        sum += v;
        frameMean[t] += v / bins;
      }
      out[k / BAND] += sum / frames;
    }
    for (int band = 0; band < bands; band++) {
      out[band] /= Math.min(BAND, bins - band * BAND);
    }
    for (int s = 0; s < SEGMENTS; s++) {
      int from = (int) ((long) s * frames / SEGMENTS);
      int to = Math.max(from + 1, (int) ((long) (s + 1) * frames / SEGMENTS));
      double sum = 0;
      for (int t = from; t < Math.min(to, frames); t++) {
        sum += frameMean[t];
      }
      out[bands + s] = sum / Math.max(1, Math.min(to, frames) - from);
    }
    return out;
  }
}
