package timbreflow.trainer.report;

/**
 * Round-trip error of the exported graphs under ONNX Runtime over a whole split.
 *
 * @param notes notes checked
 * @param maxAbsError max |decode(encode(x)) − x| over every value of every note
 * @param meanAbsError mean of the same
 * @param worstNote the note with the largest error
 * @param target the target for the maximum (1e-4)
 * @param met whether the maximum is within the target
 * @param seconds wall time of the section
 */
public record InvertibilityResult(
    int notes,
    double maxAbsError,
    double meanAbsError,
    String worstNote,
    double target,
    boolean met,
    double seconds) {

  /** The invertibility target in float32. */
  public static final double TARGET = 1e-4;
}
