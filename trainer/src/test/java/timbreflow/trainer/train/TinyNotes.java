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
    return FlowConfig.builder()
        .optChannels(STFT.bins())
        .optSteps(steps)
        .optHiddenChannels(16)
        .optLayers(2)
        .optKernelSize(3)
        .optShuffleSeed(11L)
        .optScaleOffset(2.0)
        .optActNorm(true)
        .optPitches(128)
        .optFamilies(11)
        .optPitchEmbedding(4)
        .optFamilyEmbedding(4)
        .optPriorFrames(0)
        .optFrequencyBranch(0, 0, 0)
        .optFlowCondition(0, 0)
        .optEnvelopeRank(0)
        .build();
  }

  /** A training config for tests: batch 4 × 16 frames, 1 thread, CPU. */
  static TrainingConfig training(int steps, int checkpointEvery) {
    return TrainingConfig.builder()
        .optBatchSize(4)
        .optCropFrames(16)
        .optSteps(steps)
        .optLearningRate(1e-2)
        .optWarmupSteps(3)
        .optMinLearningRate(1e-4)
        .optBeta1(0.9)
        .optBeta2(0.999)
        .optEpsilon(1e-8)
        .optWeightDecay(0.0)
        .optClipNorm(50.0)
        .optValidEvery(0)
        .optValidNotes(0)
        .optCheckpointEvery(checkpointEvery)
        .optKeepCheckpoints(3)
        .optMaxBadSteps(3)
        .optSeed(5L)
        .optThreads(1)
        .optDevice(DeviceChoice.CPU)
        .build();
  }
}
