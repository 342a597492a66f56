package timbreflow.trainer.report;

/**
 * A figure or audio file of the report.
 *
 * @param path path relative to the report folder, with forward slashes ({@code figures/x.png})
 * @param caption what it shows, one sentence
 */
public record ReportFile(String path, String caption) {}
