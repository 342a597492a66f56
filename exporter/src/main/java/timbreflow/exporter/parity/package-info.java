/**
 * The parity gate: before a bundle is published, DJL (the trained flow) and ONNX Runtime (the
 * exported graphs, through the runtime's {@code ModelBundle}) run the same validation notes at
 * several batch sizes, and every output must agree within fixed tolerances; the worst element of
 * each check is reported with its graph, tensor, index and both values.
 */
package timbreflow.exporter.parity;
