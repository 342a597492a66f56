package timbreflow.server.oip;

import java.util.List;
import timbreflow.server.engine.Tensor;

/**
 * A checked inference request.
 *
 * @param id the client's request id, echoed in the response; null when absent
 * @param inputs the input tensors in the graph's input order
 * @param outputs the output names to return; empty means all
 */
public record InferRequest(String id, List<Tensor> inputs, List<String> outputs) {}
