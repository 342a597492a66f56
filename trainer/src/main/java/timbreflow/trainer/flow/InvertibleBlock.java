package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** A bijection of {@code [B, C, T]} tensors that also reports its log-Jacobian determinant. */
public interface InvertibleBlock {

  /**
   * Maps x to z.
   *
   * @param store where parameter values are read (the trainer's, or a fresh one for inference)
   * @param x {@code [B, C, T]} float32
   * @param training true inside a training step (ActNorm initialises itself on the first one)
   * @return z {@code [B, C, T]} and log |det ∂z/∂x| {@code [B]}
   */
  FlowOutput forward(ParameterStore store, NDArray x, boolean training);

  /**
   * Maps z back to x: {@code inverse(forward(x).z()) == x} up to float32 rounding.
   *
   * @param store where parameter values are read
   * @param z {@code [B, C, T]} float32
   * @return x {@code [B, C, T]}
   */
  NDArray inverse(ParameterStore store, NDArray z);
}
