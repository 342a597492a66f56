package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
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
 *   u    = u + (cond_i_weight [2H, E] · e)[:, :, None]   (conditional flow only, see below)
 *   g    = tanh(u[:, 0:H, :]) · sigmoid(u[:, H:2H, :])          (tanh half first)
 *   if i &lt; L−1:
 *     r  = conv(g, res_skip_i_weight [2H, H, 1], res_skip_i_bias [2H])
 *     h  = h + r[:, 0:H, :]                                      (residual half first)
 *     skip = skip + r[:, H:2H, :]
 *   else:
 *     skip = skip + conv(g, res_skip_i_weight [H, H, 1], res_skip_i_bias [H])
 * o   = conv(skip, end_weight [2Cb, H, 1], end_bias [2Cb])      (zero-initialised)
 * o   = o + frequency(a)                 (only with the frequency branch, see below)
 * h_s = o[:, 0:Cb, :]                    t = o[:, Cb:2Cb, :]
 * s   = sigmoid(h_s + scaleOffset)       log s = −softplus(−(h_s + scaleOffset))
 * z   = concat(a, b·s + t) on channels
 * logdet[n] = Σ_{c,t} log s[n, c, t]
 * inverse: b = (z_b − t) / s with (h_s, t) from the unchanged a
 * </pre>
 *
 * <p>The optional frequency branch ({@link FlowConfig#frequencyKernel()} = kf &gt; 0, F = {@link
 * FlowConfig#frequencyHidden()}, N = {@link FlowConfig#frequencyBins()}) sees the conditioner's
 * lowest N bins where they lie in frequency, so that a bin's neighbours a few bins away (a harmonic
 * comb's spacing) can shape its scale and shift without passing through the H-wide bottleneck. Two
 * fixed int64 index vectors, computed from the flow's channel shuffles and stored as parameters:
 * {@code freq_gather_index [N]} (for frequency bin f &lt; N, the conditioner channel that holds bin
 * f, or Ca where bin f is in b) and {@code freq_out_index [Cb]} (the frequency bin of transformed
 * channel Ca + j, or N where that bin is N or above). With "same" zero padding (kf−1)/2 along
 * frequency only:
 *
 * <pre>
 * m = concat(a, zeros [B, 1, T])[:, freq_gather_index, :]      [B, N, T], b's bins zero
 * g = tanh(conv2d(m.reshape(B, 1, N, T), freq_in_weight [F, 1, kf, 1], freq_in_bias [F]))
 * q = conv2d(g, freq_out_weight [2, F, kf, 1], freq_out_bias [2])   [B, 2, N, T] (zero-initialised)
 * q = concat(q, zeros [B, 2, 1, T]) on axis 2                       [B, 2, N + 1, T]
 * frequency(a) = q[:, :, freq_out_index, :].reshape(B, 2Cb, T)   (row 0: h_s, row 1: t)
 * </pre>
 *
 * <p>In a conditional flow ({@link FlowConfig#conditionalFlow()}) each layer adds a projection of
 * the note's condition vector e {@code [B, E]} (the flow's {@link ConditionEmbedding}) to its gate
 * input, the same at every frame, as WaveGlow adds its mel conditioning: so the scale and shift of
 * every bin can depend on the pitch and family asked for. {@code cond_i_weight} is drawn as the
 * layer's other weights; the inverse reads the same e.
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
  private final int kernel;
  private final float scaleOffset;
  private final Parameter startWeight;
  private final Parameter startBias;
  private final List<Parameter> inWeights = new ArrayList<>();
  private final List<Parameter> inBiases = new ArrayList<>();
  private final List<Parameter> resSkipWeights = new ArrayList<>();
  private final List<Parameter> resSkipBiases = new ArrayList<>();
  private final Parameter endWeight;
  private final Parameter endBias;
  private final FrequencyBranch frequency;
  private final List<Parameter> condWeights = new ArrayList<>();

  /**
   * A coupling with the widths of {@code config} and no frequency branch; weights drawn at
   * initialisation.
   *
   * @throws IllegalArgumentException when {@code config} asks for the frequency branch, which needs
   *     the channels' frequencies
   */
  public AffineCoupling(FlowConfig config) {
    this(config, null);
  }

  /**
   * A coupling with the widths of {@code config}; weights drawn at initialisation.
   *
   * @param frequencyOfChannel the frequency bin that each of the coupling's input channels holds (a
   *     permutation of 0…C−1); used only when {@code config} has the frequency branch
   */
  public AffineCoupling(FlowConfig config, long[] frequencyOfChannel) {
    super(VERSION);
    channels = config.channels();
    conditioner = config.conditionerChannels();
    transformed = config.transformedChannels();
    hidden = config.hiddenChannels();
    layers = config.layers();
    scaleOffset = (float) config.scaleOffset();
    int k = config.kernelSize();
    kernel = k;
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
    if (config.hasFrequencyBranch() && frequencyOfChannel == null) {
      throw new IllegalArgumentException("the frequency branch needs each channel's frequency bin");
    }
    frequency = config.hasFrequencyBranch() ? frequencyBranch(config, frequencyOfChannel) : null;
    if (config.conditionalFlow()) {
      int e = config.flowConditionWidth();
      for (int i = 0; i < layers; i++) {
        condWeights.add(weight("cond_" + i + "_weight", new Shape(2L * hidden, e), e));
      }
    }
  }

  /** Whether the condition enters this coupling's layers. */
  public boolean conditional() {
    return !condWeights.isEmpty();
  }

  private FrequencyBranch frequencyBranch(FlowConfig config, long[] frequencyOfChannel) {
    int kf = config.frequencyKernel();
    int f = config.frequencyHidden();
    long[][] indices =
        FrequencyBranch.indices(frequencyOfChannel, conditioner, config.frequencyBins());
    return new FrequencyBranch(
        addParameter(Inits.fixedIndex("freq_gather_index", indices[0])),
        addParameter(Inits.fixedIndex("freq_out_index", indices[1])),
        weight("freq_in_weight", new Shape(f, 1, kf, 1), kf),
        weight("freq_in_bias", new Shape(f), kf),
        zero("freq_out_weight", new Shape(2, f, kf, 1)),
        zero("freq_out_bias", new Shape(2)),
        kf,
        transformed);
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
    return forward(store, x, null, training);
  }

  /**
   * Maps x to z under a condition.
   *
   * @param condition the flow's condition vector {@code [B, E]}; null exactly when the coupling is
   *     unconditional
   */
  public FlowOutput forward(ParameterStore store, NDArray x, NDArray condition, boolean training) {
    NDList ab = x.split(new long[] {conditioner}, 1);
    NDArray[] st = scaleAndShift(store, ab.get(0), condition, training);
    NDArray logS = st[0];
    NDArray zb = ab.get(1).mul(logS.exp()).add(st[1]);
    NDArray logDet = logS.sum(new int[] {1, 2});
    return new FlowOutput(ab.get(0).concat(zb, 1), logDet);
  }

  @Override
  public NDArray inverse(ParameterStore store, NDArray z) {
    return inverse(store, z, null);
  }

  /** Maps z back to x under the condition {@code [B, E]} the forward map used (or null). */
  public NDArray inverse(ParameterStore store, NDArray z, NDArray condition) {
    NDList ab = z.split(new long[] {conditioner}, 1);
    NDArray[] st = scaleAndShift(store, ab.get(0), condition, false);
    NDArray b = ab.get(1).sub(st[1]).mul(st[0].neg().exp());
    return ab.get(0).concat(b, 1);
  }

  /**
   * Returns {log s, t}, each {@code [B, Cb, T]}, from the conditioner half {@code a}.
   *
   * <p>The net runs time-major ({@code [B, T, channels]}) so that every convolution is one GEMM: a
   * 1×1 convolution is {@code linear(x, w[:, :, 0])}, and the dilated one is {@code linear} over
   * the k zero-padded, shifted copies of its input concatenated on channels, with the weight laid
   * out as {@code w.transpose(0, 2, 1).reshape(out, k·in)}. This is the convolution of the class
   * javadoc exactly; under libtorch 2.7.1 on CPU it avoids oneDNN's per-call layout reorders and
   * the slow im2col path of 1×1 convolutions (see bench/README.md).
   */
  private NDArray[] scaleAndShift(
      ParameterStore store, NDArray a, NDArray condition, boolean training) {
    if ((condition == null) == conditional()) {
      throw new IllegalArgumentException(
          conditional()
              ? "this coupling is conditional: expected a condition vector, found none"
              : "this coupling is unconditional: expected no condition vector, found one");
    }
    NDManager scope = a.getManager();
    NDArray h =
        Linear.linear(
                a.transpose(0, 2, 1),
                pointwise(value(store, startWeight, a, training), scope),
                value(store, startBias, a, training))
            .singletonOrThrow();
    NDArray skip = null;
    for (int i = 0; i < layers; i++) {
      NDArray u =
          Linear.linear(
                  shifted(h, 1 << i),
                  unrolled(value(store, inWeights.get(i), a, training), scope),
                  value(store, inBiases.get(i), a, training))
              .singletonOrThrow();
      if (condition != null) {
        NDArray c =
            Linear.linear(condition, value(store, condWeights.get(i), a, training))
                .singletonOrThrow();
        u = u.add(c.expandDims(1));
      }
      NDList halves = u.split(2, 2);
      NDArray gate = halves.get(0).tanh().mul(Activation.sigmoid(halves.get(1)));
      NDArray r =
          Linear.linear(
                  gate,
                  pointwise(value(store, resSkipWeights.get(i), a, training), scope),
                  value(store, resSkipBiases.get(i), a, training))
              .singletonOrThrow();
      NDArray s;
      if (i < layers - 1) {
        NDList rs = r.split(2, 2);
        h = h.add(rs.get(0));
        s = rs.get(1);
      } else {
        s = r;
      }
      skip = skip == null ? s : skip.add(s);
    }
    NDArray o =
        Linear.linear(
                skip,
                pointwise(value(store, endWeight, a, training), scope),
                value(store, endBias, a, training))
            .singletonOrThrow()
            .transpose(0, 2, 1);
    if (frequency != null) {
      o = o.add(frequency.apply(store, a, training));
    }
    NDList st = o.split(2, 1);
    NDArray logS = Activation.softPlus(st.get(0).add(scaleOffset).neg()).neg();
    return new NDArray[] {logS, st.get(1)};
  }

  /**
   * The k = 3 (or any odd k) taps of a dilated "same" convolution as channels: {@code [B, T, H]} →
   * {@code [B, T, k·H]} with block j holding {@code h[:, t + d·(j − (k−1)/2), :]} (zero outside).
   */
  private NDArray shifted(NDArray h, int dilation) {
    long batch = h.getShape().get(0);
    long frames = h.getShape().get(1);
    long pad = (long) dilation * (kernel - 1) / 2;
    NDArray zeros = h.getManager().zeros(new Shape(batch, pad, hidden));
    NDArray padded = zeros.concat(h, 1).concat(zeros, 1);
    NDList taps = new NDList(kernel);
    for (int j = 0; j < kernel; j++) {
      long from = (long) j * dilation;
      if (from == 0) {
        taps.add(padded.split(new long[] {frames}, 1).get(0));
      } else {
        taps.add(padded.split(new long[] {from, from + frames}, 1).get(1));
      }
    }
    return NDArrays.concat(taps, 2);
  }

  /** {@code [out, in, 1]} → {@code [out, in]} (a view, owned by the step's manager). */
  private static NDArray pointwise(NDArray weight, NDManager scope) {
    Shape s = weight.getShape();
    NDArray w = weight.reshape(s.get(0), s.get(1));
    w.attach(scope);
    return w;
  }

  /** {@code [out, in, k]} → {@code [out, k·in]} with column {@code j·in + i} = w[o, i, j]. */
  private static NDArray unrolled(NDArray weight, NDManager scope) {
    Shape s = weight.getShape();
    NDArray t = weight.transpose(0, 2, 1);
    NDArray w = t.reshape(s.get(0), s.get(1) * s.get(2));
    t.attach(scope);
    w.attach(scope);
    return w;
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
