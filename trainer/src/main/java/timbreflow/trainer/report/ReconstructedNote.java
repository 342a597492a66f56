package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.phase.GriffinLim;
import timbreflow.runtime.phase.GriffinLimResult;

/**
 * A {@link RoundTrip} rendered with Griffin-Lim, and how far each rendering is from the input.
 *
 * @param trip the note, its latent and its decodings
 * @param noise {@code decode(z + σ·ε)} against {@code decode(z)} in feature units
 * @param clean the audio of {@code decode(z)}
 * @param fromNoise the audio of {@code decode(z + σ·ε)}
 * @param cleanDb spectral convergence of {@code clean} against the input magnitude, dB
 * @param noisyDb spectral convergence of {@code fromNoise} against the input magnitude, dB
 */
record ReconstructedNote(
    RoundTrip trip,
    FeatureErrors noise,
    GriffinLimResult clean,
    GriffinLimResult fromNoise,
    double cleanDb,
    double noisyDb) {

  /**
   * Every trip's two decodings rendered in one batch, clean and noisy interleaved, with the
   * report's Griffin-Lim settings and seed.
   */
  static List<ReconstructedNote> render(
      List<RoundTrip> trips,
      AudioRenderer renderer,
      ReportConfig config,
      SectionProgress progress) {
    List<Features> toRender = new ArrayList<>();
    for (RoundTrip trip : trips) {
      toRender.add(trip.decoded());
      toRender.add(trip.noisy());
    }
    List<GriffinLimResult> audio;
    try (SectionProgress.Tracker bar = progress.start("reconstruction", "renders")) {
      audio =
          renderer.render(
              toRender, config.iterations(), config.momentum(), config.seed(), false, bar);
    }
    LogMagnitude logMagnitude = AudioRenderer.logMagnitude();
    Stft stft = new Stft(AudioRenderer.stft());
    List<ReconstructedNote> rendered = new ArrayList<>();
    for (int i = 0; i < trips.size(); i++) {
      RoundTrip trip = trips.get(i);
      Magnitude target = logMagnitude.magnitude(trip.input());
      GriffinLimResult clean = audio.get(2 * i);
      GriffinLimResult fromNoise = audio.get(2 * i + 1);
      rendered.add(
          new ReconstructedNote(
              trip,
              FeatureErrors.between(trip.noisy().values(), trip.decoded().values()),
              clean,
              fromNoise,
              GriffinLim.spectralConvergenceDb(target, stft.magnitude(clean.samples())),
              GriffinLim.spectralConvergenceDb(target, stft.magnitude(fromNoise.samples()))));
    }
    return rendered;
  }
}
