package timbreflow.exporter.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.ConditionalPrior;
import timbreflow.trainer.flow.FlowOutput;
import timbreflow.trainer.flow.PriorGaussian;

/**
 * The trained flow run by DJL with exactly the semantics of the exported graphs: encode scores the
 * bin centres {@code x + 1/512} ({@link BitsPerDim#dequantize} outside training) and returns their
 * latent; decode inverts the flow and removes the offset; prior is the whole-note prior.
 *
 * <p>Conditions reach DJL as they reach the graphs: a conditional flow (bundle format 2) gets float
 * pitch {@code [B]} and float family weights {@code [B, F]}; an unconditional one (format 1) gets
 * the int64 labels a format-1 bundle is fed ({@link GraphConditions#pitchLabels()}, {@link
 * GraphConditions#familyLabels()}).
 *
 * <p>Inference only: PyTorch's autograd is switched off for the calling thread during each call
 * (and restored after), as a deployed model would run; it changes no value.
 */
public final class DjlReference {

  private final ConditionalFlow flow;
  private final NDManager manager;
  private final int bins;

  /**
   * A reference over {@code flow}, whose parameters live on {@code manager}'s device.
   *
   * @param flow an initialised or loaded flow
   * @param manager the manager that owns the flow's parameters; intermediate arrays go to
   *     sub-managers that are closed after each call
   */
  public DjlReference(ConditionalFlow flow, NDManager manager) {
    this.flow = flow;
    this.manager = manager;
    this.bins = flow.config().channels();
  }

  /** Whether the flow's couplings read the condition (its bundle is format 2). */
  public boolean conditionalFlow() {
    return flow.config().conditionalFlow();
  }

  /**
   * Latents and bits/dim of features.
   *
   * @param features {@code [B, C, T]}
   * @param conditions one per item
   * @return z {@code [B, C, T]} and bits/dim {@code [B]}
   */
  public Encoded encode(float[] features, int batch, int frames, GraphConditions conditions) {
    return inference(
        m -> {
          ParameterStore store = new ParameterStore(m, false);
          NDArray x =
              BitsPerDim.dequantize(m.create(features, new Shape(batch, bins, frames)), false);
          NDArray pitch = pitch(m, conditions);
          NDArray family = family(m, conditions);
          FlowOutput out = flow.forward(store, x, pitch, family, false);
          NDArray ll =
              ConditionalPrior.logDensity(out.z(), flow.prior(store, pitch, family, frames))
                  .add(out.logDet());
          NDArray bpd = BitsPerDim.fromLogLikelihood(ll, (long) bins * frames);
          return new Encoded(out.z().toFloatArray(), bpd.toFloatArray(), batch, bins, frames);
        });
  }

  /**
   * Features of latents.
   *
   * @param z {@code [B, C, T]}
   * @param conditions one per item; ignored (and may be null) for an unconditional flow
   * @return features {@code [B, C, T]}
   */
  public float[] decode(float[] z, int batch, int frames, GraphConditions conditions) {
    if (conditionalFlow() && conditions == null) {
      throw new IllegalArgumentException(
          "this flow is conditional: expected conditions to decode with, found none");
    }
    return inference(
        m -> {
          ParameterStore store = new ParameterStore(m, false);
          NDArray latent = m.create(z, new Shape(batch, bins, frames));
          NDArray x =
              conditionalFlow()
                  ? flow.inverse(store, latent, pitch(m, conditions), family(m, conditions))
                  : flow.inverse(store, latent);
          return x.sub(0.5f / BitsPerDim.LEVELS).toFloatArray();
        });
  }

  /**
   * The prior's mean and log-std.
   *
   * @param conditions one per item
   * @return mean and log-std, each {@code [B, C, T]}
   */
  public PriorParams prior(GraphConditions conditions, int frames) {
    return inference(
        m -> {
          ParameterStore store = new ParameterStore(m, false);
          PriorGaussian p = flow.prior(store, pitch(m, conditions), family(m, conditions), frames);
          return new PriorParams(
              p.mean().toFloatArray(), p.logStd().toFloatArray(), conditions.batch(), bins, frames);
        });
  }

  /** Float MIDI pitch {@code [B]} for a conditional flow, else int64 labels {@code [B]}. */
  private NDArray pitch(NDManager m, GraphConditions c) {
    return conditionalFlow() ? m.create(c.pitch()) : m.create(c.pitchLabels());
  }

  /** Float weights {@code [B, F]} for a conditional flow, else int64 labels {@code [B]}. */
  private NDArray family(NDManager m, GraphConditions c) {
    return conditionalFlow()
        ? m.create(c.familyWeights(), new Shape(c.batch(), c.families()))
        : m.create(c.familyLabels());
  }

  /** Runs {@code work} on a sub-manager with autograd off, both restored after. */
  private <T> T inference(Function<NDManager, T> work) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = manager.newSubManager()) {
      return work.apply(m);
    } finally {
      JniUtils.setGradMode(grad);
    }
  }
}
