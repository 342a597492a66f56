package timbreflow.trainer.report;

import java.util.List;
import java.util.function.IntToLongFunction;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.note.NoteModel;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;
import timbreflow.runtime.phase.GriffinLimResult;
import timbreflow.trainer.data.ProgressListener;

/**
 * Features to audio through {@link NoteModel#render} with the server's Griffin-Lim settings (one
 * thread per note, the default length, a seeded random initial phase), many notes at once, each
 * with its own seed so results do not depend on scheduling.
 */
final class AudioRenderer {

  private static final StftConfig STFT = StftConfig.DEFAULT;
  private static final LogMagnitude LOG_MAGNITUDE = new LogMagnitude(STFT);

  private final NoteModel model;
  private final int threads;

  AudioRenderer(NoteModel model, int threads) {
    this.model = model;
    this.threads = threads;
  }

  /** The STFT conventions of the data and of every rendering. */
  static StftConfig stft() {
    return STFT;
  }

  /** The server's Griffin-Lim settings for a request with these controls. */
  static GriffinLimConfig griffinLim(int iterations, double momentum, long seed) {
    return GriffinLimConfig.builder()
        .optIterations(iterations)
        .optMomentum(momentum)
        .optSeed(seed)
        .optThreads(1)
        .build();
  }

  /**
   * One note's audio on the caller's thread.
   *
   * @param normalise peak-normalise to {@link NoteModel#PEAK} (notes whose loudness is unknown)
   */
  GriffinLimResult render(
      Features note, int iterations, double momentum, long seed, boolean normalise) {
    return model
        .render(note, griffinLim(iterations, momentum, seed), GriffinLimListener.NONE, normalise)
        .phase();
  }

  /** Every note's audio in parallel, note {@code i} with seed {@code seed + i}. */
  List<GriffinLimResult> render(
      List<Features> notes,
      int iterations,
      double momentum,
      long seed,
      boolean normalise,
      ProgressListener progress) {
    return render(notes, iterations, momentum, i -> seed + i, normalise, progress);
  }

  /** Every note's audio in parallel, note {@code i} with seed {@code seedOf(i)}. */
  List<GriffinLimResult> render(
      List<Features> notes,
      int iterations,
      double momentum,
      IntToLongFunction seedOf,
      boolean normalise,
      ProgressListener progress) {
    try (NotePool pool = new NotePool(threads, "griffin-lim")) {
      return pool.map(
          notes,
          (i, note) -> render(note, iterations, momentum, seedOf.applyAsLong(i), normalise),
          progress);
    }
  }

  /** Audio scaled so its peak is {@code peak} (silence stays silent). */
  static Waveform normalised(float[] samples, double peak) {
    float max = 0;
    for (float v : samples) {
      max = Math.max(max, Math.abs(v));
    }
    float[] out = samples.clone();
    if (max > 0) {
      float gain = (float) (peak / max);
      for (int i = 0; i < out.length; i++) {
        out[i] *= gain;
      }
    }
    return new Waveform(out, STFT.sampleRate());
  }

  /** Audio as it came out, clipped to [-1, 1] only by the WAV writer. */
  static Waveform asIs(float[] samples) {
    return new Waveform(samples, STFT.sampleRate());
  }

  /** The magnitude behind features. */
  static LogMagnitude logMagnitude() {
    return LOG_MAGNITUDE;
  }
}
