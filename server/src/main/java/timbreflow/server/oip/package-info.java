/**
 * The Open Inference Protocol (KServe V2) REST endpoints over the raw graphs: server and model
 * metadata, health and readiness, and {@code infer} with JSON tensors (FP32, INT64), checked
 * against each graph's signature before anything runs, so KServe and Triton clients work unchanged.
 * Errors use the protocol's {@code {"error": "…"}} shape.
 */
package timbreflow.server.oip;
