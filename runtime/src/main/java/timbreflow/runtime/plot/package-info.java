/**
 * Pictures of spectrograms for people: {@link timbreflow.runtime.plot.SpectrogramImage} draws
 * {@code [513][T]} features as a PNG, shared by the server's {@code view=png} and the evaluation
 * report. Pure {@code java.awt.image} and {@code ImageIO}, so it runs headless.
 */
package timbreflow.runtime.plot;
