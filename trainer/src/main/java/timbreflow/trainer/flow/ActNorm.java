package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Glow's ActNorm: a learned per-channel affine map with data-dependent initialisation.
 *
 * <p>Exact math (x {@code [B, C, T]}; parameters {@code bias [C]}, {@code log_scale [C]}):
 *
 * <pre>
 * z = (x + bias[c]) · exp(log_scale[c])
 * logdet[n] = T · Σ_c log_scale[c]
 * inverse: x = z · exp(−log_scale[c]) − bias[c]
 * </pre>
 *
 * <p>The first forward pass with {@code training = true} while the untrained flag parameter {@code
 * initialized [1]} is 0 sets, from that batch, {@code bias = −mean(x)} and {@code log_scale =
 * −log(std(x) + 1e-6)} per channel (mean and population std over B and T), so the first batch
 * leaves with zero mean and unit variance; it then sets the flag to 1. The flag is saved with the
 * parameters, so a loaded or resumed model never re-initialises.
 */
public final class ActNorm extends AbstractBlock implements InvertibleBlock {

  private static final byte VERSION = 1;

  private final int channels;
  private final Parameter bias;
  private final Parameter logScale;
  private final Parameter initialized;

  /** An ActNorm over {@code channels} channels, starting as the identity. */
  public ActNorm(int channels) {
    super(VERSION);
    this.channels = channels;
    bias = addParameter(zeros("bias", Parameter.Type.BIAS, new Shape(channels), true));
    logScale = addParameter(zeros("log_scale", Parameter.Type.WEIGHT, new Shape(channels), true));
    initialized = addParameter(zeros("initialized", Parameter.Type.OTHER, new Shape(1), false));
  }

  private static Parameter zeros(String name, Parameter.Type type, Shape shape, boolean grad) {
    return Parameter.builder()
        .setName(name)
        .setType(type)
        .optShape(shape)
        .optRequiresGrad(grad)
        .optInitializer(Inits.zeros())
        .build();
  }

  /** Whether the data-dependent initialisation has run (or the parameters were loaded). */
  public boolean isDataInitialized() {
    return initialized.getArray().getFloat(0) != 0f;
  }

  /**
   * Sets bias and log-scale from {@code x} as documented on the class, whatever the flag says.
   *
   * @param x a batch {@code [B, C, T]}
   */
  public void initializeFrom(NDArray x) {
    NDArray mean = channelMean(x);
    NDArray std = channelMean(x.sub(mean.reshape(1, channels, 1)).square()).sqrt();
    float[] m = mean.toFloatArray();
    float[] s = std.toFloatArray();
    float[] b = new float[channels];
    float[] l = new float[channels];
    for (int c = 0; c < channels; c++) {
      b[c] = -m[c];
      l[c] = (float) -Math.log(s[c] + 1e-6);
    }
    bias.getArray().set(b);
    logScale.getArray().set(l);
    initialized.getArray().set(new float[] {1f});
  }

  /** Mean over batch and frames, {@code [B, C, T]} → {@code [C]}. */
  private static NDArray channelMean(NDArray x) {
    return x.mean(new int[] {2}).mean(new int[] {0});
  }

  @Override
  public FlowOutput forward(ParameterStore store, NDArray x, boolean training) {
    if (training && !isDataInitialized()) {
      initializeFrom(x);
    }
    NDArray b = Scope.local(column(store.getValue(bias, x.getDevice(), training)), x);
    NDArray l = store.getValue(logScale, x.getDevice(), training);
    NDArray z = x.add(b).mul(Scope.local(column(l), x).exp());
    long frames = x.getShape().get(2);
    NDArray logDet = Scope.local(l.sum(), x).mul(frames).broadcast(new Shape(x.getShape().get(0)));
    return new FlowOutput(z, logDet);
  }

  @Override
  public NDArray inverse(ParameterStore store, NDArray z) {
    NDArray b = Scope.local(column(store.getValue(bias, z.getDevice(), false)), z);
    NDArray l = Scope.local(column(store.getValue(logScale, z.getDevice(), false)), z);
    return z.mul(l.neg().exp()).sub(b);
  }

  /** {@code [C]} → {@code [1, C, 1]} for broadcasting over batch and frames. */
  private static NDArray column(NDArray v) {
    return v.reshape(1, v.getShape().get(0), 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    FlowOutput out = forward(store, inputs.singletonOrThrow(), training);
    return new NDList(out.z(), out.logDet());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0], new Shape(inputShapes[0].get(0))};
  }
}
