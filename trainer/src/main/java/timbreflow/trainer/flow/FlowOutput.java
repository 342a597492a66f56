package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;

/**
 * The result of running a flow (or one of its blocks) forward.
 *
 * @param z the transformed tensor, {@code [B, C, T]} float32
 * @param logDet log |det ∂z/∂x| per item, {@code [B]} float32 (natural log)
 */
public record FlowOutput(NDArray z, NDArray logDet) {}
