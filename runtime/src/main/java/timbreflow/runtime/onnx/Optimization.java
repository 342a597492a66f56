package timbreflow.runtime.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime graph optimisation levels, as the bundle options name them. */
public enum Optimization {
  /** No graph rewriting. */
  NONE(OptLevel.NO_OPT),
  /** Constant folding and redundant-node elimination. */
  BASIC(OptLevel.BASIC_OPT),
  /** Basic plus node fusions. */
  EXTENDED(OptLevel.EXTENDED_OPT),
  /** Everything, including layout optimisations. */
  ALL(OptLevel.ALL_OPT);

  private final OptLevel level;

  Optimization(OptLevel level) {
    this.level = level;
  }

  OptLevel ortLevel() {
    return level;
  }
}
