/**
 * The exporter module: turns a trained DJL flow checkpoint into a model bundle of three ONNX graphs
 * (encoder, decoder, prior) plus {@code model.json} ({@code graph}, {@code bundle}), proves that
 * ONNX Runtime reproduces DJL's numbers before publishing ({@code parity}), runs the whole of it
 * ({@code pipeline}) and offers it as the {@code export} command ({@code cli}). This package holds
 * the module's boundary: every failure crosses it as a {@link timbreflow.exporter.ExportException},
 * which every other package may throw and none needs anything else from here.
 */
package timbreflow.exporter;
