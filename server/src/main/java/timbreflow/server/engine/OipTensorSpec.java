package timbreflow.server.engine;

/**
 * A graph input or output as the Open Inference Protocol describes it (datatype names {@code FP32},
 * {@code INT64}); the runtime's {@code TensorSpec} is the same tensor as the ONNX manifest names
 * it.
 *
 * @param name tensor name
 * @param datatype {@code FP32} or {@code INT64}
 * @param shape dimensions, -1 where dynamic (batch, frames)
 */
public record OipTensorSpec(String name, String datatype, long[] shape) {}
