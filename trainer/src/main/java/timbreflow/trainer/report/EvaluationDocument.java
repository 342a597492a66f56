package timbreflow.trainer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.train.EvaluationReport;

/**
 * {@code evaluation.json} and {@code evaluation.md} of a checkpoint's bits/dim, a bundle's report,
 * or both.
 *
 * <p>JSON: the bits/dim figures at the top level as {@link EvaluationReport} writes them (when a
 * checkpoint was scored), {@code bundle} with every section's numbers (when a bundle was), and
 * {@code figures} and {@code audio}: every file the Markdown links, with its caption.
 *
 * @param bitsPerDim the checkpoint's test bits/dim, or null
 * @param bundle the bundle's report, or null
 * @param figures every figure the Markdown embeds
 * @param audio every audio file the Markdown links
 */
public record EvaluationDocument(
    EvaluationReport bitsPerDim,
    BundleReport bundle,
    List<ReportFile> figures,
    List<ReportFile> audio) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EvaluationDocument {
    if (bitsPerDim == null && bundle == null) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "expected a checkpoint or a bundle to report on, found neither");
    }
    figures = List.copyOf(figures);
    audio = List.copyOf(audio);
  }

  /** The JSON document. */
  public String toJson() {
    ObjectNode root = bitsPerDim == null ? JSON.createObjectNode() : JSON.valueToTree(bitsPerDim);
    if (bundle != null) {
      root.set("bundle", JSON.valueToTree(bundle));
    }
    root.set("figures", JSON.valueToTree(figures));
    root.set("audio", JSON.valueToTree(audio));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new TrainerException(Reason.IO, "cannot serialise the report: " + e.getMessage(), e);
    }
  }

  /** The Markdown document. */
  public String markdown() {
    StringBuilder md = new StringBuilder("# Evaluation\n\n");
    if (bundle != null) {
      md.append(ReportMarkdown.intro(bundle)).append('\n');
      md.append(ReportMarkdown.headline(bundle));
    }
    if (bitsPerDim != null) {
      md.append(bitsPerDim.markdownSection()).append('\n');
    }
    if (bundle != null) {
      md.append(ReportMarkdown.sections(bundle));
    }
    return md.toString();
  }
}
