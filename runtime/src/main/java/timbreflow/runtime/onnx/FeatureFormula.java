package timbreflow.runtime.onnx;

/**
 * The feature formula the model was trained on, so a runtime can reproduce its inputs.
 *
 * @param formula the forward formula in words, e.g. {@code x = clip(10*log10(max(|X|^2, floor) /
 *     ref), -range, 0) / range + 1}
 * @param powerFloor the floor under |X|² before the logarithm (1e-13)
 * @param dynamicRangeDb the clipped dynamic range in dB (120)
 * @param dequantizationLevels the uniform dequantisation levels of bits/dim (256)
 */
public record FeatureFormula(
    String formula, double powerFloor, double dynamicRangeDb, int dequantizationLevels) {}
