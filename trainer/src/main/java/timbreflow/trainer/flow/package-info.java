/**
 * The conditional normalizing flow as DJL blocks: {@link timbreflow.trainer.flow.ConditionalFlow}
 * stacks an optional {@link timbreflow.trainer.flow.ActNorm} and K pairs of {@link
 * timbreflow.trainer.flow.ChannelShuffle} and {@link timbreflow.trainer.flow.AffineCoupling} over
 * features {@code [B, 513, T]}, with a {@link timbreflow.trainer.flow.ConditionalPrior} on the
 * latent conditioned on pitch and instrument family; {@link timbreflow.trainer.flow.BitsPerDim} is
 * the training objective and {@link timbreflow.trainer.flow.FlowConfig} every hyper-parameter. Each
 * block has {@code forward(store, x, training) → FlowOutput(z, logDet [B])} and {@code
 * inverse(store, z)}; the flow adds {@code prior(store, pitch, family, frames)} and {@code
 * logLikelihood(...)}. Every block's javadoc gives its exact math and parameter names, which the
 * ONNX exporter reproduces op by op; {@link
 * timbreflow.trainer.flow.ConditionalFlow#namedParameters()} lists the parameters under stable
 * names. All tensors are float32 except pitch, family and the permutations (int64).
 */
package timbreflow.trainer.flow;
