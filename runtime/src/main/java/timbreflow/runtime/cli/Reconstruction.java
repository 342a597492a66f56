package timbreflow.runtime.cli;

import java.io.PrintWriter;
import java.util.List;
import timbreflow.runtime.audio.Resampler;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.phase.GriffinLim;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;
import timbreflow.runtime.phase.GriffinLimResult;
import timbreflow.runtime.progress.ProgressLine;

/** Magnitude of a waveform, then Griffin-Lim back to a waveform: what the commands share. */
final class Reconstruction {

  /** Below this many iterations no progress bar is drawn. */
  private static final int BAR_FROM = 100;

  private Reconstruction() {}

  /** The waveform at the STFT's sample rate. */
  static Waveform atModelRate(Waveform wave) {
    return Resampler.resample(wave, StftConfig.DEFAULT.sampleRate());
  }

  /** Reconstructs {@code wave} (already at the model rate) from its STFT magnitude. */
  static GriffinLimResult run(Waveform wave, ReconstructionOptions options, PrintWriter err) {
    Magnitude magnitude = new Stft(StftConfig.DEFAULT).magnitude(wave.samples());
    GriffinLimConfig config = options.config(wave.length());
    GriffinLim griffinLim = new GriffinLim(StftConfig.DEFAULT, config);
    if (config.iterations() < BAR_FROM) {
      return griffinLim.reconstruct(List.of(magnitude), GriffinLimListener.NONE).get(0);
    }
    int total = config.iterations();
    try (ProgressLine bar =
        new ProgressLine(err, "griffin-lim", "iterations", ProgressLine.Mode.detect())) {
      GriffinLimListener progress =
          new GriffinLimListener() {
            @Override
            public void progress(int note, int iteration) {
              bar.update(iteration, total);
            }
          };
      return griffinLim.reconstruct(List.of(magnitude), progress).get(0);
    }
  }

  /** One summary line: spectral convergence, iterations, time. */
  static String summary(GriffinLimResult result, int threads) {
    return String.format(
        "spectral convergence %.2f dB after %d iterations in %.3f s (%d thread%s)",
        result.spectralConvergenceDb(),
        result.iterations(),
        result.nanos() / 1e9,
        threads,
        threads == 1 ? "" : "s");
  }
}
