package timbreflow.trainer.report;

/**
 * Everything the report measured on an exported bundle.
 *
 * @param bundle the bundle folder
 * @param formatVersion the bundle's format (1: unconditional flow, 2: conditional flow)
 * @param checkpointStep training step of the exported weights (from {@code model.json})
 * @param gitCommit commit the bundle was exported from
 * @param split the split folder the notes came from
 * @param notes notes in the split
 * @param config the report's sizes and settings
 * @param headline the strict figures and issue 14's targets, first
 * @param invertibility section 1
 * @param reconstruction section 2
 * @param sampling section 3
 * @param interpolation section 4
 * @param seconds wall time of all sections
 */
public record BundleReport(
    String bundle,
    int formatVersion,
    long checkpointStep,
    String gitCommit,
    String split,
    int notes,
    ReportConfig config,
    Headline headline,
    InvertibilityResult invertibility,
    ReconstructionResult reconstruction,
    SamplingResult sampling,
    InterpolationResult interpolation,
    double seconds) {}
