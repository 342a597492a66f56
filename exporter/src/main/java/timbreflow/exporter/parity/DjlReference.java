package timbreflow.exporter.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.ConditionalPrior;
import timbreflow.trainer.flow.FlowOutput;

/**
 * The trained flow run by DJL with exactly the semantics of the exported graphs: encode scores the
 * bin centres {@code x + 1/512} ({@link BitsPerDim#dequantize} outside training) and returns their
 * latent; decode inverts the flow and removes the offset; prior is the whole-note prior.
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

  /** Latents {@code [B, C, T]} and bits/dim {@code [B]} of features {@code [B, C, T]}. */
  public Encoded encode(float[] features, int batch, int frames, long[] pitch, long[] family) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray x = m.create(features, new Shape(batch, bins, frames));
      FlowOutput out = flow.forward(store, BitsPerDim.dequantize(x, false), false);
      NDArray ll =
          ConditionalPrior.logDensity(
                  out.z(), flow.prior(store, m.create(pitch), m.create(family), frames))
              .add(out.logDet());
      NDArray bpd = BitsPerDim.fromLogLikelihood(ll, (long) bins * frames);
      return new Encoded(out.z().toFloatArray(), bpd.toFloatArray(), batch, bins, frames);
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  /** Features {@code [B, C, T]} of latents {@code [B, C, T]}. */
  public float[] decode(float[] z, int batch, int frames) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray x = flow.inverse(store, m.create(z, new Shape(batch, bins, frames)));
      return x.sub(0.5f / BitsPerDim.LEVELS).toFloatArray();
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  /** The prior's mean and log-std, each {@code [B, C, T]}. */
  public PriorParams prior(long[] pitch, long[] family, int frames) {
    try (NDManager m = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(m, false);
      timbreflow.trainer.flow.PriorParams p =
          flow.prior(store, m.create(pitch), m.create(family), frames);
      return new PriorParams(
          p.mean().toFloatArray(), p.logStd().toFloatArray(), pitch.length, bins, frames);
    }
  }
}
