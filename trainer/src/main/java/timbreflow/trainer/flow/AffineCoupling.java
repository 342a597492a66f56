package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A WaveGlow affine coupling: half the channels condition an affine map of the other half.
 *
 * <p>Exact math (x {@code [B, C, T]}, Ca = ⌊C/2⌋, Cb = C − Ca, H hidden channels, L layers, kernel
 * k; every convolution as in {@link Conv}: stride 1, "same" zero padding {@code d·(k−1)/2}):
 *
 * <pre>
 * a = x[:, 0:Ca, :]                      b = x[:, Ca:C, :]
 * h = conv(a, start_weight [H, Ca, 1], start_bias [H])
 * skip = 0
 * for i in 0 … L−1:   d = 2^i
 *   u    = conv(h, in_i_weight [2H, H, k], in_i_bias [2H], dilation d)
 *   g    = tanh(u[:, 0:H, :]) · sigmoid(u[:, H:2H, :])          (tanh half first)
 *   if i &lt; L−1:
 *     r  = conv(g, res_skip_i_weight [2H, H, 1], res_skip_i_bias [2H])
 *     h  = h + r[:, 0:H, :]                                      (residual half first)
 *     skip = skip + r[:, H:2H, :]
 *   else:
 *     skip = skip + conv(g, res_skip_i_weight [H, H, 1], res_skip_i_bias [H])
 * o   = conv(skip, end_weight [2Cb, H, 1], end_bias [2Cb])      (zero-initialised)
 * h_s = o[:, 0:Cb, :]                    t = o[:, Cb:2Cb, :]
 * s   = sigmoid(h_s + scaleOffset)       log s = −softplus(−(h_s + scaleOffset))
 * z   = concat(a, b·s + t) on channels
 * logdet[n] = Σ_{c,t} log s[n, c, t]
 * inverse: b = (z_b − t) / s with (h_s, t) from the unchanged a
 * </pre>
 *
 * <p>Because the end convolution starts at zero, a fresh coupling is {@code b·sigmoid(2) ≈ 0.88·b}:
 * close to the identity and contracting slightly. Parameter names are those above ({@code
 * start_weight}, {@code in_0_weight}, {@code res_skip_0_bias}, {@code end_weight}, …).
 */
public final class AffineCoupling extends AbstractBlock implements InvertibleBlock {

  private static final byte VERSION = 1;

  private final int channels;
  private final int conditioner;
  private final int transformed;
  private final int hidden;
  private final int layers;
  private final float scaleOffset;
  private final Parameter startWeight;
  private final Parameter startBias;
  private final List<Parameter> inWeights = new ArrayList<>();
  private final List<Parameter> inBiases = new ArrayList<>();
  private final List<Parameter> resSkipWeights = new ArrayList<>();
  private final List<Parameter> resSkipBiases = new ArrayList<>();
  private final Parameter endWeight;
  private final Parameter endBias;

  /** A coupling with the widths of {@code config}; weights drawn at initialisation. */
  public AffineCoupling(FlowConfig config) {
    super(VERSION);
    channels = config.channels();
    conditioner = config.conditionerChannels();
    transformed = config.transformedChannels();
    hidden = config.hiddenChannels();
    layers = config.layers();
    scaleOffset = (float) config.scaleOffset();
    int k = config.kernelSize();
    startWeight = weight("start_weight", new Shape(hidden, conditioner, 1), conditioner);
    startBias = weight("start_bias", new Shape(hidden), conditioner);
    for (int i = 0; i < layers; i++) {
      inWeights.add(weight("in_" + i + "_weight", new Shape(2L * hidden, hidden, k), hidden * k));
      inBiases.add(weight("in_" + i + "_bias", new Shape(2L * hidden), hidden * k));
      long out = i < layers - 1 ? 2L * hidden : hidden;
      resSkipWeights.add(weight("res_skip_" + i + "_weight", new Shape(out, hidden, 1), hidden));
      resSkipBiases.add(weight("res_skip_" + i + "_bias", new Shape(out), hidden));
    }
    endWeight = zero("end_weight", new Shape(2L * transformed, hidden, 1));
    endBias = zero("end_bias", new Shape(2L * transformed));
  }

  private Parameter weight(String name, Shape shape, long fanIn) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
            .optShape(shape)
            .optInitializer(Inits.uniformFanIn(fanIn))
            .build());
  }

  private Parameter zero(String name, Shape shape) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
            .optShape(shape)
            .optInitializer(Inits.zeros())
            .build());
  }

  @Override
  public FlowOutput forward(ParameterStore store, NDArray x, boolean training) {
    NDArray a = x.get(new NDIndex(":, :{}, :", conditioner));
    NDArray b = x.get(new NDIndex(":, {}:, :", conditioner));
    NDArray[] st = scaleAndShift(store, a, training);
    NDArray logS = st[0];
    NDArray zb = b.mul(logS.exp()).add(st[1]);
    NDArray logDet = logS.sum(new int[] {1, 2});
    return new FlowOutput(a.concat(zb, 1), logDet);
  }

  @Override
  public NDArray inverse(ParameterStore store, NDArray z) {
    NDArray a = z.get(new NDIndex(":, :{}, :", conditioner));
    NDArray zb = z.get(new NDIndex(":, {}:, :", conditioner));
    NDArray[] st = scaleAndShift(store, a, false);
    NDArray b = zb.sub(st[1]).mul(st[0].neg().exp());
    return a.concat(b, 1);
  }

  /** Returns {log s, t}, each {@code [B, Cb, T]}, from the conditioner half {@code a}. */
  private NDArray[] scaleAndShift(ParameterStore store, NDArray a, boolean training) {
    NDArray h =
        Conv.conv(
            a, value(store, startWeight, a, training), value(store, startBias, a, training), 1);
    NDArray skip = null;
    for (int i = 0; i < layers; i++) {
      NDArray u =
          Conv.conv(
              h,
              value(store, inWeights.get(i), a, training),
              value(store, inBiases.get(i), a, training),
              1 << i);
      NDArray gate =
          u.get(new NDIndex(":, :{}, :", hidden))
              .tanh()
              .mul(u.get(new NDIndex(":, {}:, :", hidden)).getNDArrayInternal().sigmoid());
      NDArray r =
          Conv.conv(
              gate,
              value(store, resSkipWeights.get(i), a, training),
              value(store, resSkipBiases.get(i), a, training),
              1);
      NDArray s;
      if (i < layers - 1) {
        h = h.add(r.get(new NDIndex(":, :{}, :", hidden)));
        s = r.get(new NDIndex(":, {}:, :", hidden));
      } else {
        s = r;
      }
      skip = skip == null ? s : skip.add(s);
    }
    NDArray o =
        Conv.conv(
            skip, value(store, endWeight, a, training), value(store, endBias, a, training), 1);
    NDArray hs = o.get(new NDIndex(":, :{}, :", transformed)).add(scaleOffset);
    NDArray logS = hs.neg().getNDArrayInternal().softPlus().neg();
    NDArray t = o.get(new NDIndex(":, {}:, :", transformed));
    return new NDArray[] {logS, t};
  }

  private static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
    return store.getValue(p, like.getDevice(), training);
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

  /** C. */
  public int channels() {
    return channels;
  }
}
