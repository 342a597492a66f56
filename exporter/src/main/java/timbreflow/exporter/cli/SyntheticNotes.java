package timbreflow.exporter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import timbreflow.exporter.parity.ParityNote;

/**
 * Seeded spectrogram-like notes in [0, 1] for exercising graphs without a dataset: harmonic
 * partials of the note's pitch over a noise floor, decaying over time.
 */
public final class SyntheticNotes {

  private SyntheticNotes() {}

  /** {@code count} notes of {@code bins × frames} features with pitches 24–96 and families 0–10. */
  public static List<ParityNote> generate(int count, int bins, int frames, long seed) {
    Random rnd = new Random(seed);
    List<ParityNote> notes = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int pitch = 24 + rnd.nextInt(73);
      int family = rnd.nextInt(11);
      double f0Bin = 440 * Math.pow(2, (pitch - 69) / 12.0) / 16000 * 1024;
      double decay = 40 + rnd.nextDouble() * 200;
      double[] partials = new double[bins];
      for (int k = 0; k < bins; k++) {
        for (int h = 1; h * f0Bin < bins; h++) {
          double dist = (k - h * f0Bin) / 1.5;
          partials[k] += dist * dist < 50 ? 0.7 / Math.sqrt(h) * Math.exp(-dist * dist) : 0;
        }
      }
      float[] x = new float[bins * frames];
      for (int k = 0; k < bins; k++) {
        for (int t = 0; t < frames; t++) {
          double v = 0.25 + 0.05 * rnd.nextGaussian() + partials[k] * Math.exp(-t / decay);
          x[k * frames + t] = (float) Math.min(1, Math.max(0, v));
        }
      }
      notes.add(new ParityNote("synthetic-" + n, x, frames, pitch, family));
    }
    return notes;
  }
}
