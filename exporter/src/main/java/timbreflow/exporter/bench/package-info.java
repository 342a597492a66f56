/**
 * The ONNX Runtime vs DJL benchmark: encode + decode of whole 4-s notes through the exported graphs
 * against the DJL flow's forward + inverse of the same weights, in the same process with the same
 * thread count.
 */
package timbreflow.exporter.bench;
