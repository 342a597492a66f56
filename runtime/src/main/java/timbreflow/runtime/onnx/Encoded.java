package timbreflow.runtime.onnx;

/**
 * The encoder's outputs for a batch.
 *
 * @param z latents, {@code [batch, bins, frames]} row-major
 * @param bitsPerDim negative log-likelihood of each item in bits per dimension, {@code [batch]}
 * @param batch items in the batch
 * @param bins channels (513)
 * @param frames frames per item
 */
public record Encoded(float[] z, float[] bitsPerDim, int batch, int bins, int frames) {}
