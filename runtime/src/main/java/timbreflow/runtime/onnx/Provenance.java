package timbreflow.runtime.onnx;

/**
 * Where the exported weights came from.
 *
 * @param checkpointStep training step of the exported checkpoint
 * @param validationBitsPerDim validation bits per dimension recorded with the checkpoint, or {@code
 *     null} when it has none
 * @param datasetFingerprint the training data's fingerprint recorded with the checkpoint
 * @param gitCommit commit of the code that exported the bundle, or {@code unknown}
 * @param flowConfig the flow's hyper-parameters as the checkpoint recorded them
 */
public record Provenance(
    long checkpointStep,
    Double validationBitsPerDim,
    String datasetFingerprint,
    String gitCommit,
    String flowConfig) {}
