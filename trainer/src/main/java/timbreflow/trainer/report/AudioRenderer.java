package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.GriffinLim;
import timbreflow.runtime.dsp.GriffinLimConfig;
import timbreflow.runtime.dsp.GriffinLimListener;
import timbreflow.runtime.dsp.GriffinLimResult;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.ProgressListener;

/**
 * Features to audio with Griffin-Lim, many notes at once: each note runs on one thread of a pool
 * (on a busy machine whole notes in parallel scale better than the frames of one note), with a
 * per-note seed so results do not depend on scheduling.
 */
final class AudioRenderer {

  private static final StftConfig STFT = StftConfig.DEFAULT;
  private static final LogMagnitude LOG_MAGNITUDE = new LogMagnitude(STFT);

  private final int threads;

  AudioRenderer(int threads) {
    this.threads = threads;
  }

  /** The STFT conventions of every rendering. */
  static StftConfig stft() {
    return STFT;
  }

  /** The features' magnitude reconstructed with {@code iterations} iterations; seed per note. */
  List<GriffinLimResult> render(
      List<Features> notes, int iterations, double momentum, long seed, ProgressListener progress) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "griffin-lim");
              t.setDaemon(true);
              return t;
            });
    try {
      AtomicLong done = new AtomicLong();
      List<Future<GriffinLimResult>> futures = new ArrayList<>();
      for (int i = 0; i < notes.size(); i++) {
        Features note = notes.get(i);
        GriffinLimConfig config =
            GriffinLimConfig.builder()
                .optIterations(iterations)
                .optMomentum(momentum)
                .optSeed(seed + i)
                .optLength(STFT.noteSamples())
                .build();
        futures.add(
            pool.submit(
                () -> {
                  GriffinLimResult r =
                      new GriffinLim(STFT, config)
                          .reconstruct(
                              List.of(LOG_MAGNITUDE.magnitude(note)), GriffinLimListener.NONE)
                          .get(0);
                  progress.progressed(done.incrementAndGet(), notes.size());
                  return r;
                }));
      }
      List<GriffinLimResult> results = new ArrayList<>();
      for (Future<GriffinLimResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.IO, "interrupted while rendering audio", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimbreflowException te) {
        throw new TrainerException(
            Reason.INVALID_CONFIG, "Griffin-Lim failed: " + te.getMessage(), te);
      }
      throw new IllegalStateException("Griffin-Lim failed", e.getCause());
    } finally {
      pool.shutdownNow();
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
