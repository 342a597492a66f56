package timbreflow.exporter.parity;

/**
 * Largest absolute differences the gate accepts.
 *
 * @param z encoder latents, DJL vs ONNX Runtime
 * @param bitsPerDim encoder bits/dim, DJL vs ONNX Runtime
 * @param roundTrip ONNX Runtime {@code decode(encode(x))} vs x
 * @param decoder decoder outputs on the same latent, DJL vs ONNX Runtime
 * @param prior prior mean and log-std, DJL vs ONNX Runtime
 */
public record Tolerances(
    double z, double bitsPerDim, double roundTrip, double decoder, double prior) {

  /** The published bar: 1e-4 for the flow, 1e-5 for the prior. */
  public static final Tolerances DEFAULT = new Tolerances(1e-4, 1e-4, 1e-4, 1e-4, 1e-5);
}
