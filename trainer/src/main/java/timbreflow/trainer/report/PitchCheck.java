package timbreflow.trainer.report;

import java.util.OptionalDouble;
import timbreflow.runtime.dsp.PitchEstimator;

/**
 * Scores a note's estimated fundamental against the pitch it was asked for.
 *
 * <p>A note counts as right when YIN finds a fundamental and it lies within {@code window} cents of
 * the requested MIDI pitch; an unvoiced note (no fundamental) counts as wrong.
 */
final class PitchCheck {

  private final PitchEstimator estimator = new PitchEstimator();
  private final double window;

  /**
   * @param window tolerance in cents (50: the nearest semitone)
   */
  PitchCheck(double window) {
    this.window = window;
  }

  /**
   * One note's score.
   *
   * @param requested the MIDI pitch asked for
   * @param estimatedHz YIN's fundamental, NaN when unvoiced
   * @param centsOff cents from the requested pitch to the estimate, NaN when unvoiced
   * @param right whether the estimate is within the window
   */
  record Score(int requested, double estimatedHz, double centsOff, boolean right) {}

  /** Estimates the pitch of {@code samples} at {@code sampleRate} and scores it. */
  Score score(float[] samples, int sampleRate, int requested) {
    return score(estimator.estimateHz(samples, sampleRate), requested);
  }

  /** Scores an estimate (empty: unvoiced) against the requested MIDI pitch. */
  Score score(OptionalDouble estimateHz, int requested) {
    if (estimateHz.isEmpty()) {
      return new Score(requested, Double.NaN, Double.NaN, false);
    }
    double hz = estimateHz.getAsDouble();
    double cents = PitchEstimator.centsBetween(PitchEstimator.midiToHz(requested), hz);
    return new Score(requested, hz, cents, Math.abs(cents) <= window);
  }
}
