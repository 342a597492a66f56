package timbreflow.trainer.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.plot.FigureGrid;
import timbreflow.runtime.plot.Rainbowgram;
import timbreflow.runtime.plot.SpectrogramImage;
import timbreflow.runtime.plot.SpectrumPlot;

/** The report's pictures, drawn with the runtime's plots. */
final class ReportFigures {

  private ReportFigures() {}

  /** A titled spectrogram panel. */
  record Spectrogram(String title, Features features) {}

  /** A titled waveform at {@code sampleRate}. */
  record Audio(String title, float[] samples, int sampleRate) {}

  /** A labelled spectrum line, one value per frequency bin. */
  record Line(String label, float[] values) {}

  /**
   * Feature spectrograms side by side under a heading.
   *
   * @param frameWidth pixels per frame (a 4 s note is 251 frames)
   */
  static BufferedImage spectrograms(
      String heading, List<Spectrogram> panels, int columns, int frameWidth) {
    List<FigureGrid.Panel> out = new ArrayList<>();
    for (Spectrogram p : panels) {
      out.add(new FigureGrid.Panel(p.title(), SpectrogramImage.render(p.features(), frameWidth)));
    }
    return FigureGrid.render(heading, out, columns);
  }

  /** Rainbowgrams (CQT magnitude as brightness, instantaneous frequency as colour). */
  static BufferedImage rainbowgrams(String heading, List<Audio> panels, int columns) {
    List<FigureGrid.Panel> out = new ArrayList<>();
    for (Audio a : panels) {
      out.add(new FigureGrid.Panel(a.title(), Rainbowgram.render(a.samples(), a.sampleRate())));
    }
    return FigureGrid.render(heading, out, columns);
  }

  /** Spectra as lines over frequency. */
  static BufferedImage spectra(String title, List<Line> lines, int sampleRate) {
    List<SpectrumPlot.Series> series = new ArrayList<>();
    for (Line l : lines) {
      series.add(new SpectrumPlot.Series(l.label(), l.values()));
    }
    return SpectrumPlot.render(title, series, sampleRate);
  }

  /** The mean over frames of each bin: {@code [bins]} from {@code [bins][frames]}. */
  static float[] timeAverage(float[] values, int bins, int frames) {
    float[] out = new float[bins];
    for (int k = 0; k < bins; k++) {
      double sum = 0;
      for (int t = 0; t < frames; t++) {
        sum += values[k * frames + t];
      }
      out[k] = (float) (sum / frames);
    }
    return out;
  }
}
