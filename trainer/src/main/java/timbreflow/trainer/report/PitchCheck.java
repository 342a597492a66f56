package timbreflow.trainer.report;

import java.util.OptionalDouble;
import timbreflow.runtime.dsp.PitchEstimator;

/**
 * Judges whether a note sounds at the pitch it was asked for, by one of two readings of YIN.
 *
 * <p>{@link Rule#STRICT} is the report's headline judge: YIN with threshold {@value
 * #STRICT_THRESHOLD}, a frame counts only when its d′ dips below the threshold (no global-minimum
 * fallback), a note is voiced only when at least half of its loud frames are, its pitch is the
 * median over the voiced frames, and an unvoiced note is wrong. {@link Rule#AS_PUBLISHED} is YIN as
 * published (threshold {@value PitchEstimator#DEFAULT_THRESHOLD}; a frame without a dip takes the
 * lag of d′'s global minimum): it finds a pitch in aperiodic noise whose spectrum carries a faint
 * harmonic ripple, so it is a diagnostic only. A note is right when its estimate lies within {@code
 * window} cents of the requested MIDI pitch.
 */
final class PitchCheck {

  /** YIN's threshold on d′ under the strict rule. */
  static final double STRICT_THRESHOLD = 0.1;

  /** The two readings of YIN. */
  enum Rule {
    /** Threshold 0.1, voiced frames only, at least half of the loud frames voiced. */
    STRICT,
    /** Threshold 0.15, the global minimum of d′ where no dip falls below it. */
    AS_PUBLISHED
  }

  private final Rule rule;
  private final PitchEstimator estimator;
  private final double window;

  private PitchCheck(Rule rule, double window) {
    this.rule = rule;
    this.estimator =
        rule == Rule.STRICT
            ? new PitchEstimator(
                STRICT_THRESHOLD, PitchEstimator.midiToHz(21), PitchEstimator.midiToHz(108), 3.0)
            : new PitchEstimator();
    this.window = window;
  }

  /** The headline judge with a tolerance of {@code window} cents (50: the nearest semitone). */
  static PitchCheck strict(double window) {
    return new PitchCheck(Rule.STRICT, window);
  }

  /** YIN as published with a tolerance of {@code window} cents: a diagnostic. */
  static PitchCheck asPublished(double window) {
    return new PitchCheck(Rule.AS_PUBLISHED, window);
  }

  Rule rule() {
    return rule;
  }

  /** The tolerance in cents. */
  double window() {
    return window;
  }

  /** One sentence saying what this judge does, for the report. */
  String description() {
    return rule == Rule.STRICT
        ? "YIN with threshold "
            + STRICT_THRESHOLD
            + " on d′ over the loud frames (within 30 dB of the loudest) of the first 3 s; a frame"
            + " is voiced only when d′ dips below the threshold (no global-minimum fallback), a"
            + " note only when at least half of its loud frames are, its pitch is the median over"
            + " its voiced frames, and an unvoiced note is wrong; right within ±"
            + ReportMarkdown.num(window)
            + " cents of the requested pitch"
        : "YIN as published: threshold "
            + PitchEstimator.DEFAULT_THRESHOLD
            + ", a frame without a dip below it takes the lag of d′'s global minimum (the paper's"
            + " step 4), the note's pitch is the median over all loud frames; right within ±"
            + ReportMarkdown.num(window)
            + " cents of the requested pitch";
  }

  /** Estimates the pitch of {@code samples} at {@code sampleRate} and scores it. */
  PitchScore score(float[] samples, int sampleRate, int requested) {
    return score(estimator.analyse(samples, sampleRate), requested);
  }

  /** Scores YIN's reading of a note against the requested MIDI pitch. */
  PitchScore score(PitchEstimator.Analysis analysis, int requested) {
    boolean voiced = analysis.voicedHz().isPresent();
    OptionalDouble estimate = rule == Rule.STRICT ? analysis.voicedHz() : analysis.fundamentalHz();
    if (estimate.isEmpty()) {
      return new PitchScore(
          requested,
          Double.NaN,
          Double.NaN,
          false,
          voiced,
          analysis.periodicShare(),
          analysis.aperiodicity());
    }
    double hz = estimate.getAsDouble();
    double cents = PitchEstimator.centsBetween(PitchEstimator.midiToHz(requested), hz);
    return new PitchScore(
        requested,
        hz,
        cents,
        Math.abs(cents) <= window,
        voiced,
        analysis.periodicShare(),
        analysis.aperiodicity());
  }
}
