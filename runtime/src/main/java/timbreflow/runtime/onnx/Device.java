package timbreflow.runtime.onnx;

/** Where ONNX Runtime executes a bundle's graphs. */
public enum Device {
  /** The CPU execution provider; always available. */
  CPU,
  /** The CUDA execution provider; needs the {@code onnxruntime_gpu} build and a GPU. */
  CUDA
}
