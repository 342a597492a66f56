package timbreflow.trainer.report;

import timbreflow.runtime.dsp.PitchEstimator;

/**
 * Scores a note's estimated fundamental against the pitch it was asked for.
 *
 * <p>The fundamental is YIN's as published ({@link PitchEstimator.Analysis#fundamentalHz}: the
 * median over loud frames of each frame's estimate, a frame without a dip below the threshold
 * taking its global minimum). A note counts as right when it lies within {@code window} cents of
 * the requested MIDI pitch; a silent note counts as wrong. Whether the note is periodic by YIN's
 * voicing rule, and its aperiodicity, are kept beside the score: a breathy note can be right and
 * aperiodic.
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
   * @param estimatedHz YIN's fundamental, NaN when the note is silent
   * @param centsOff cents from the requested pitch to the estimate, NaN when silent
   * @param right whether the estimate is within the window
   * @param periodic whether at least half of the note's loud frames dip below YIN's threshold
   * @param aperiodicity the median over loud frames of YIN's d' at the chosen lag, NaN when silent
   */
  record Score(
      int requested,
      double estimatedHz,
      double centsOff,
      boolean right,
      boolean periodic,
      double aperiodicity) {}

  /** Estimates the pitch of {@code samples} at {@code sampleRate} and scores it. */
  Score score(float[] samples, int sampleRate, int requested) {
    return score(estimator.analyse(samples, sampleRate), requested);
  }

  /** Scores YIN's reading of a note against the requested MIDI pitch. */
  Score score(PitchEstimator.Analysis analysis, int requested) {
    boolean periodic = analysis.voicedHz().isPresent();
    if (analysis.fundamentalHz().isEmpty()) {
      return new Score(requested, Double.NaN, Double.NaN, false, periodic, Double.NaN);
    }
    double hz = analysis.fundamentalHz().getAsDouble();
    double cents = PitchEstimator.centsBetween(PitchEstimator.midiToHz(requested), hz);
    return new Score(
        requested, hz, cents, Math.abs(cents) <= window, periodic, analysis.aperiodicity());
  }
}
