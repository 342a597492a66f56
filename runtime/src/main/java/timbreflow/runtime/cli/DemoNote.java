package timbreflow.runtime.cli;

import timbreflow.runtime.audio.Waveform;

/** The demo's and benchmark's deterministic note: a decaying, slightly inharmonic 220 Hz tone. */
final class DemoNote {

  private DemoNote() {}

  /**
   * Eleven partials of 220 Hz with amplitude 1/h, each decaying faster than the one below, a 10 ms
   * attack, peak about 0.5.
   */
  static Waveform synthesise(int sampleRate, int samples) {
    float[] x = new float[samples];
    for (int i = 0; i < samples; i++) {
      double t = i / (double) sampleRate;
      double s = 0;
      for (int h = 1; h <= 11; h++) {
        double f = 220.0 * h * (1 + 0.0005 * h * h);
        s += Math.sin(2 * Math.PI * f * t) / h * Math.exp(-t * (0.8 + 0.35 * h));
      }
      double attack = Math.min(1.0, t / 0.01);
      x[i] = (float) (0.25 * attack * s);
    }
    return new Waveform(x, sampleRate);
  }
}
