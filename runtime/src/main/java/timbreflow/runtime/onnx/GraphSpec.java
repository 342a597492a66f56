package timbreflow.runtime.onnx;

import java.util.List;

/**
 * One graph file of a bundle: where it is, its checksum and its interface.
 *
 * @param file file name relative to the bundle directory, e.g. {@code encoder.onnx}
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param inputs graph inputs in order
 * @param outputs graph outputs in order
 */
public record GraphSpec(
    String file, String sha256, List<TensorSpec> inputs, List<TensorSpec> outputs) {

  public GraphSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
