package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;

/**
 * Keeps temporaries off the parameters' manager: an op whose first operand is a parameter puts its
 * result on the parameter's (long-lived) manager, so every such result is moved to the manager of
 * the step's data, which the caller closes after the step.
 */
final class Scope {

  private Scope() {}

  /** Moves {@code temporary} to {@code data}'s manager and returns it. */
  static NDArray local(NDArray temporary, NDArray data) {
    temporary.attach(data.getManager());
    return temporary;
  }
}
