package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;

/**
 * The conditional prior's diagonal Gaussian over the latent: {@code z ~ N(mean, exp(logStd)²)}.
 *
 * @param mean {@code [B, C, T]} float32
 * @param logStd natural log of the standard deviation, {@code [B, C, T]} float32
 */
public record PriorGaussian(NDArray mean, NDArray logStd) {}
