package timbreflow.exporter.parity;

import java.util.List;

/**
 * The outcome of the parity gate: the worst element of every check.
 *
 * @param notes validation notes compared
 * @param batchSizes batch sizes run
 * @param worst the worst element per check
 */
public record ParityReport(int notes, List<Integer> batchSizes, List<WorstElement> worst) {

  public ParityReport {
    batchSizes = List.copyOf(batchSizes);
    worst = List.copyOf(worst);
  }

  /** Whether every check is within tolerance. */
  public boolean passed() {
    return worst.stream().allMatch(WorstElement::passed);
  }

  /** A multi-line human-readable summary, one line per check. */
  public String summary() {
    StringBuilder sb =
        new StringBuilder(
            "parity gate "
                + (passed() ? "PASSED" : "FAILED")
                + ": "
                + notes
                + " notes, batch sizes "
                + batchSizes
                + "\n");
    for (WorstElement w : worst) {
      sb.append("  ").append(w).append('\n');
    }
    return sb.toString();
  }
}
