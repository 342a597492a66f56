package timbreflow.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.flow.FlowConfig;

/**
 * A tiny dataset rendered by the test: harmonic notes (a decaying sum of partials whose spectral
 * tilt and decay depend on the family) at 8 kHz with a 64-point STFT, so features are 33 bins × 63
 * frames and a flow over them trains in milliseconds per step.
 */
final class TinyNotes {

  static final StftConfig STFT = new StftConfig(8_000, 64, 32, 2_000);

  private TinyNotes() {}

  /** {@code count} notes cycling over three families and a few pitches, fixed by {@code seed}. */
  static List<TrainingNote> render(int count, long seed) {
    LogMagnitude features = new LogMagnitude(STFT);
    SplittableRandom random = new SplittableRandom(seed);
    List<TrainingNote> notes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int family = i % 3;
      int pitch = 48 + 5 * (i % 5) + family;
      double f0 = 440 * Math.pow(2, (pitch - 69) / 12.0);
      double tilt = 0.4 + 0.5 * family;
      double decay = 1.5 + 2.0 * family;
      float[] signal = new float[STFT.noteSamples()];
      for (int h = 1; h * f0 < STFT.sampleRate() / 2.0; h++) {
        double amp = Math.pow(h, -1 - tilt) * (0.8 + 0.4 * random.nextDouble());
        double phase = 2 * Math.PI * random.nextDouble();
        for (int n = 0; n < signal.length; n++) {
          double t = n / (double) STFT.sampleRate();
          signal[n] +=
              (float) (amp * Math.exp(-decay * t) * Math.sin(2 * Math.PI * h * f0 * t + phase));
        }
      }
      for (int n = 0; n < signal.length; n++) {
        signal[n] += (float) (1e-3 * (random.nextDouble() - 0.5));
      }
      notes.add(new TrainingNote(features.features(signal), pitch, family));
    }
    return notes;
  }

  /** A flow sized for the tiny notes: 33 channels, 2 steps, 16 hidden channels, 2 layers. */
  static FlowConfig flow(int steps) {
    return new FlowConfig(STFT.bins(), steps, 16, 2, 3, 11L, 2.0, true, 128, 11, 4, 4, 0);
  }

  /** A training config for tests: batch 4 × 16 frames, 1 thread, CPU. */
  static TrainingConfig training(int steps, int checkpointEvery) {
    return new TrainingConfig(
        4,
        16,
        steps,
        1e-2,
        3,
        1e-4,
        0.9,
        0.999,
        1e-8,
        0.0,
        50.0,
        0,
        0,
        checkpointEvery,
        3,
        3,
        5L,
        1,
        DeviceChoice.CPU);
  }
}
