package timbreflow.exporter.bundle;

/** How a bundle's files are arranged on disk. */
public enum Layout {
  /** {@code model.json}, {@code encoder.onnx}, {@code decoder.onnx}, {@code prior.onnx}. */
  BUNDLE,
  /**
   * A Triton / KServe model repository: {@code <graph>/config.pbtxt} and {@code
   * <graph>/1/model.onnx} per graph, with {@code model.json} at the root pointing at them.
   */
  TRITON
}
