package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.NoteModel;
import timbreflow.runtime.phase.GriffinLimResult;
import timbreflow.trainer.data.ProgressListener;

/**
 * One sample per family at one pitch, temperature and seed: their decoded spectrograms as one
 * figure, and their audio rendered as the server renders it with the report's full Griffin-Lim
 * iterations.
 *
 * @param figures the spectrogram figure, or none when there is no example
 * @param audio one WAV per example
 */
record SampleShowcase(List<ReportFile> figures, List<ReportFile> audio) {

  /**
   * One example.
   *
   * @param score its request and verdicts
   * @param decoded its decoded features, {@code [bins][frames]}
   */
  record Example(SampleScore score, Features decoded) {}

  /**
   * The figure and audio of {@code examples}, all drawn with {@code seed} at {@code temperature}.
   */
  static SampleShowcase of(
      List<Example> examples,
      long seed,
      double temperature,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out) {
    List<ReportFile> figures = new ArrayList<>();
    List<ReportFile> audio = new ArrayList<>();
    if (!examples.isEmpty()) {
      String t = String.format(Locale.ROOT, "%.2f", temperature);
      figures.add(figure(examples, seed, t, out));
      audio.addAll(audio(examples, seed, t, config, renderer, out));
    }
    return new SampleShowcase(figures, audio);
  }

  private static ReportFile figure(
      List<Example> examples, long seed, String temperature, ReportOutput out) {
    List<ReportFigures.Spectrogram> panels = new ArrayList<>();
    for (Example e : examples) {
      panels.add(
          new ReportFigures.Spectrogram(
              e.score().family() + ", MIDI " + e.score().pitch(), e.decoded()));
    }
    return out.figure(
        "samples-per-family",
        "Decoded samples from the prior, one per family at MIDI "
            + examples.get(0).score().pitch()
            + ", temperature "
            + temperature
            + ", seed "
            + seed,
        ReportFigures.spectrograms("Samples at temperature " + temperature, panels, 4, 1));
  }

  private static List<ReportFile> audio(
      List<Example> examples,
      long seed,
      String temperature,
      ReportConfig config,
      AudioRenderer renderer,
      ReportOutput out) {
    List<GriffinLimResult> rendered =
        renderer.render(
            examples.stream().map(Example::decoded).toList(),
            config.iterations(),
            config.momentum(),
            i -> seed,
            true,
            ProgressListener.NONE);
    List<ReportFile> files = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      SampleScore s = examples.get(i).score();
      files.add(
          out.audio(
              String.format(
                  Locale.ROOT,
                  "sample-%s-%03d-t%s-seed%d",
                  s.family(),
                  s.pitch(),
                  temperature.replace(".", ""),
                  seed),
              String.format(
                  Locale.ROOT,
                  "sample: %s, MIDI %d, temperature %s, seed %d: the server's /v1/sample with"
                      + " iterations=%d (peak-normalised to %.1f)",
                  s.family(),
                  s.pitch(),
                  temperature,
                  seed,
                  config.iterations(),
                  NoteModel.PEAK),
              AudioRenderer.asIs(rendered.get(i).samples())));
    }
    return files;
  }
}
