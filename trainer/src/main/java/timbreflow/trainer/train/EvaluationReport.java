package timbreflow.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import timbreflow.trainer.TrainerException;

/**
 * Test-set figures of a flow beside its prior-only baseline and the 8-bit uniform bound.
 *
 * @param checkpoint the evaluated checkpoint
 * @param checkpointStep its training step
 * @param baselineCheckpoint the prior-only baseline's checkpoint, or {@code null}
 * @param baselineStep its training step (0 without a baseline)
 * @param notes test notes scored
 * @param flowBitsPerDim the flow's mean bits/dim over all test values
 * @param baselineBitsPerDim the baseline's, or NaN without a baseline
 * @param uniformBitsPerDim the bound of a uniform model on 8-bit data: 8
 * @param marginBitsPerDim baseline minus flow (positive: the flow is better)
 * @param families the same figures per instrument family present in the test set
 * @param inverseMaxAbsError max |inverse(forward(x)) − x| over every test value
 * @param inverseMeanAbsError mean of the same
 * @param seconds wall time of the evaluation
 */
public record EvaluationReport(
    String checkpoint,
    long checkpointStep,
    String baselineCheckpoint,
    long baselineStep,
    int notes,
    double flowBitsPerDim,
    double baselineBitsPerDim,
    double uniformBitsPerDim,
    double marginBitsPerDim,
    List<FamilyScore> families,
    double inverseMaxAbsError,
    double inverseMeanAbsError,
    double seconds) {

  /** The invertibility target in float32. */
  public static final double INVERSE_TARGET = 1e-4;

  /**
   * One family's figures.
   *
   * @param family NSynth family name
   * @param notes test notes of that family
   * @param flowBitsPerDim the flow's mean bits/dim
   * @param baselineBitsPerDim the baseline's, or NaN
   */
  public record FamilyScore(
      String family, int notes, double flowBitsPerDim, double baselineBitsPerDim) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The table printed on stdout (plain text, fixed-width columns). */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-12s %6s %12s %12s %10s%n",
            "family",
            "notes",
            "flow bpd",
            "prior-only",
            "margin"));
    for (FamilyScore f : families) {
      out.append(row(f.family(), f.notes(), f.flowBitsPerDim(), f.baselineBitsPerDim()));
    }
    out.append(row("all", notes, flowBitsPerDim, baselineBitsPerDim));
    out.append(String.format(Locale.ROOT, "%-12s %6s %12.4f%n", "uniform", "", uniformBitsPerDim));
    out.append(
        String.format(
            Locale.ROOT,
            "invertibility: max |inverse(forward(x)) - x| = %.3e, mean = %.3e (target <= %.0e: %s)%n",
            inverseMaxAbsError,
            inverseMeanAbsError,
            INVERSE_TARGET,
            inverseMaxAbsError <= INVERSE_TARGET ? "met" : "NOT met"));
    return out.toString();
  }

  /** The same figures as a Markdown document. */
  public String markdown() {
    return "# Evaluation\n\n" + markdownSection();
  }

  /** The same figures as a Markdown section ({@code ## Test bits/dim}), for a larger report. */
  public String markdownSection() {
    StringBuilder md = new StringBuilder();
    md.append("## Test bits/dim\n\n");
    md.append(
            "Scored with DJL on the training checkpoint (whole notes, bin-centre dequantisation).")
        .append("\n\n");
    md.append("- checkpoint: `")
        .append(checkpoint)
        .append("` (step ")
        .append(checkpointStep)
        .append(")\n");
    md.append("- prior-only baseline: ")
        .append(
            baselineCheckpoint == null
                ? "none given"
                : "`" + baselineCheckpoint + "` (step " + baselineStep + ")")
        .append("\n");
    md.append("- test notes: ").append(notes).append("\n\n");
    md.append("| family | notes | flow bits/dim | prior-only bits/dim | margin |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (FamilyScore f : families) {
      md.append(mdRow(f.family(), f.notes(), f.flowBitsPerDim(), f.baselineBitsPerDim()));
    }
    md.append(mdRow("**all**", notes, flowBitsPerDim, baselineBitsPerDim));
    md.append(String.format(Locale.ROOT, "| uniform bound | | %.4f | | |%n%n", uniformBitsPerDim));
    md.append(
        String.format(
            Locale.ROOT,
            "Invertibility over the test set: max |inverse(forward(x)) − x| = %.3e, mean = %.3e"
                + " (target ≤ %.0e in float32).%n",
            inverseMaxAbsError,
            inverseMeanAbsError,
            INVERSE_TARGET));
    return md.toString();
  }

  /** Pretty-printed JSON of every field (NaN written as the string "NaN"). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code evaluation.json} and {@code evaluation.md} into {@code folder}, atomically. */
  public void write(Path folder) {
    try {
      Files.createDirectories(folder);
      atomic(folder.resolve("evaluation.json"), toJson() + "\n");
      atomic(folder.resolve("evaluation.md"), markdown());
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO,
          "cannot write the evaluation to " + folder + ": " + e.getMessage(),
          e);
    }
  }

  private static void atomic(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String row(String name, int count, double flow, double baseline) {
    return String.format(
        Locale.ROOT,
        "%-12s %6d %12.4f %12s %10s%n",
        name,
        count,
        flow,
        Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.4f", baseline),
        Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%+.4f", baseline - flow));
  }

  private static String mdRow(String name, int count, double flow, double baseline) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.4f | %s | %s |%n",
        name,
        count,
        flow,
        Double.isNaN(baseline) ? "–" : String.format(Locale.ROOT, "%.4f", baseline),
        Double.isNaN(baseline) ? "–" : String.format(Locale.ROOT, "%+.4f", baseline - flow));
  }
}
