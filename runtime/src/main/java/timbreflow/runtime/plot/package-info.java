/**
 * Pictures of notes for people, drawn headless with {@code java.awt} and encoded by {@code
 * ImageIO}: {@link timbreflow.runtime.plot.SpectrogramImage} draws {@code [513][T]} features (the
 * server's {@code view=png}), {@link timbreflow.runtime.plot.Rainbowgram} a note's constant-Q
 * magnitude and instantaneous frequency as NSynth does, {@link
 * timbreflow.runtime.plot.SpectrumPlot} spectra over frequency (the interpolation figure) and
 * {@link timbreflow.runtime.plot.FigureGrid} lays titled panels out for the evaluation report. Text
 * uses the logical {@code SansSerif} font, present on every JDK.
 */
package timbreflow.runtime.plot;
