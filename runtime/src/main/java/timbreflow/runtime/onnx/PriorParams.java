package timbreflow.runtime.onnx;

/**
 * The conditional prior's Gaussian parameters, {@code z ~ N(mean, diag exp(logStd)²)}.
 *
 * @param mean means, {@code [batch, bins, frames]} row-major
 * @param logStd natural-log standard deviations, same shape
 * @param batch items in the batch
 * @param bins channels (513)
 * @param frames frames per item
 */
public record PriorParams(float[] mean, float[] logStd, int batch, int bins, int frames) {}
