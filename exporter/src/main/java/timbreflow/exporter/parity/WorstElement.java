package timbreflow.exporter.parity;

/**
 * The element of one check where DJL and ONNX Runtime differ most.
 *
 * @param check what was compared, e.g. {@code encoder z}
 * @param graph the graph that produced the ONNX Runtime value
 * @param tensor the tensor name
 * @param batchSize the batch size of the run
 * @param note the note the element belongs to
 * @param index the element's index in the note's tensor ({@code [c, t]}, or {@code []} for a
 *     per-note scalar)
 * @param reference the reference value (DJL, or x for the round trip)
 * @param found the ONNX Runtime value
 * @param tolerance the largest accepted absolute difference
 */
public record WorstElement(
    String check,
    String graph,
    String tensor,
    int batchSize,
    String note,
    String index,
    double reference,
    double found,
    double tolerance) {

  /** {@code |reference − found|}; NaN when either is NaN. */
  public double difference() {
    return Math.abs(reference - found);
  }

  /** Whether the difference is within tolerance (NaN never is). */
  public boolean passed() {
    return difference() <= tolerance;
  }

  @Override
  public String toString() {
    return String.format(
        "%-24s %s worst |Δ| %.3g (tolerance %.0e) at graph %s tensor %s batch %d note %s index %s:"
            + " reference %.9g, onnxruntime %.9g",
        check,
        passed() ? "ok  " : "FAIL",
        difference(),
        tolerance,
        graph,
        tensor,
        batchSize,
        note,
        index,
        reference,
        found);
  }
}
