package timbreflow.trainer.report;

/**
 * One interpolated pair of test notes of two families at the same pitch.
 *
 * @param familyA first family
 * @param familyB second family
 * @param pitch the shared MIDI pitch
 * @param noteA note A's {@code note_str}
 * @param noteB note B's {@code note_str}
 * @param distances where the decoded midpoint lies
 * @param closerToMix {@link InterpolationDistances#closerToMix()}
 */
public record InterpolationPair(
    String familyA,
    String familyB,
    int pitch,
    String noteA,
    String noteB,
    InterpolationDistances distances,
    double closerToMix) {}
