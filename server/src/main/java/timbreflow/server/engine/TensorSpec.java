package timbreflow.server.engine;

/**
 * A graph input or output as the Open Inference Protocol describes it.
 *
 * @param name tensor name
 * @param datatype {@code FP32} or {@code INT64}
 * @param shape dimensions, -1 where dynamic (batch, frames)
 */
public record TensorSpec(String name, String datatype, long[] shape) {}
