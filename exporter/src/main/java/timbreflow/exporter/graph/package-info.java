/**
 * ONNX graph construction with the generated protobuf classes of the ONNX schema ({@code
 * ai.onnx.proto.OnnxMl}, shipped by Tribuo's {@code tribuo-util-onnx}): a small {@link
 * timbreflow.exporter.graph.GraphBuilder} over them, the flow's weights as plain arrays ({@link
 * timbreflow.exporter.graph.FlowWeights}), and one builder per graph that mirrors the DJL blocks'
 * documented math op by op, with every constant folded in Java.
 */
package timbreflow.exporter.graph;
