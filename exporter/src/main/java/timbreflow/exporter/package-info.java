/**
 * The exporter module: turns a trained DJL flow checkpoint into a model bundle of three ONNX graphs
 * (encoder, decoder, prior) plus {@code model.json} ({@code graph}, {@code bundle}), proves that
 * ONNX Runtime reproduces DJL's numbers before publishing ({@code parity}), and offers all of it as
 * the {@code export} command ({@code cli}). Failures cross the boundary as {@link
 * timbreflow.exporter.ExportException}.
 */
package timbreflow.exporter;
