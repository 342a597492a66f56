package timbreflow.trainer.report;

/**
 * One note's pitch as one rule of {@link PitchCheck} reads it, against the pitch asked for.
 *
 * @param requested the MIDI pitch asked for
 * @param estimatedHz the rule's fundamental, NaN when it finds none (unvoiced or silent)
 * @param centsOff cents from the requested pitch up to the estimate, NaN when there is none
 * @param right whether the estimate lies within the cents window (false when there is none)
 * @param voiced whether at least half of the note's loud frames dip below YIN's threshold
 * @param voicedShare share of the note's loud frames that dip below the threshold (0 when silent)
 * @param aperiodicity median over loud frames of YIN's d′ at the chosen lag (0 for a strictly
 *     periodic signal, about 1 for white noise), NaN when silent
 */
public record PitchScore(
    int requested,
    double estimatedHz,
    double centsOff,
    boolean right,
    boolean voiced,
    double voicedShare,
    double aperiodicity) {}
