/**
 * The exported model as ONNX Runtime runs it: a bundle directory of three graphs ({@code
 * encoder.onnx}, {@code decoder.onnx}, {@code prior.onnx}) described by {@code model.json} (a
 * {@link timbreflow.runtime.onnx.Manifest}), the tensor names and shapes every graph must have
 * ({@link timbreflow.runtime.onnx.GraphContract}), and {@link timbreflow.runtime.onnx.ModelBundle},
 * which verifies a bundle's checksums and metadata and then encodes, decodes and evaluates the
 * prior on CPU or CUDA.
 */
package timbreflow.runtime.onnx;
