package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * Reference for the coupling nets' 1-D convolutions, straight through libtorch's conv1d:
 * cross-correlation over time, weight {@code [out, in, k]}, bias {@code [out]}, stride 1, "same"
 * zero padding of {@code dilation · (k − 1) / 2} frames on both sides (ONNX {@code Conv} with
 * {@code pads = [p, p]}, {@code dilations = [d]}).
 */
final class ReferenceConv {

  private ReferenceConv() {}

  /**
   * {@code y[b, o, t] = bias[o] + Σ_i Σ_j w[o, i, j] · x[b, i, t + d·(j − (k−1)/2)]}, zero outside
   * 0…T−1.
   *
   * @param x {@code [B, in, T]}
   * @param weight {@code [out, in, k]}
   * @param bias {@code [out]}
   * @param dilation d
   * @return {@code [B, out, T]}
   */
  static NDArray conv(NDArray x, NDArray weight, NDArray bias, int dilation) {
    long k = weight.getShape().get(2);
    long pad = dilation * (k - 1) / 2;
    return Conv1d.conv1d(x, weight, bias, new Shape(1), new Shape(pad), new Shape(dilation), 1)
        .singletonOrThrow();
  }
}
