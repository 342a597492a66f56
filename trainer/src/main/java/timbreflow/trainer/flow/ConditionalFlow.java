package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole model: {@code [ActNorm?] → K × (ChannelShuffle, AffineCoupling)} mapping features x to
 * a latent z, with a {@link ConditionalPrior} on z.
 *
 * <p>Forward: {@code z = coupling_{K−1}(shuffle_{K−1}(… coupling_0(shuffle_0(actnorm(x)))))},
 * {@code logdet = Σ} of the blocks' log-dets. Inverse runs the blocks' inverses in reverse order.
 * In the seed's design the flow is unconditional and only the prior sees pitch and family; with
 * {@link FlowConfig#conditionalFlow()} the flow's own {@link ConditionEmbedding} of (pitch, family)
 * also enters every coupling, so encoding and decoding both take the condition. {@code log p(x) =
 * log N(z; prior) + logdet}. With {@code steps = 0} it is the prior-only baseline.
 *
 * <p>Stable parameter names ({@link #namedParameters()}): {@code actnorm.bias}, {@code
 * actnorm.log_scale}, {@code actnorm.initialized}, {@code steps.<k>.shuffle.permutation}, {@code
 * steps.<k>.coupling.<name>} with the coupling's names ({@code start_weight}, {@code
 * in_<i>_weight}, …), {@code prior.pitch_embedding}, {@code prior.family_embedding}, {@code
 * prior.weight}, {@code prior.bias}, {@code prior.frame_offsets}, {@code prior.envelope_weight},
 * {@code prior.envelope_basis}, {@code condition.pitch_embedding}, {@code
 * condition.family_embedding}. DJL's own {@link #getParameters()} names carry its child-index
 * prefixes ({@code 01prior_weight}, {@code 02actnorm_bias}, {@code 03shuffle_0_permutation}, …);
 * parameters are saved in that order.
 */
public final class ConditionalFlow extends AbstractBlock {

  private static final byte VERSION = 1;

  private final FlowConfig config;
  private final ConditionalPrior prior;
  private final ActNorm actNorm;
  private final List<ChannelShuffle> shuffles = new ArrayList<>();
  private final List<AffineCoupling> couplings = new ArrayList<>();
  private final ConditionEmbedding condition;

  /** An uninitialised flow; call {@link #initialize(NDManager, long)} or load parameters. */
  public ConditionalFlow(FlowConfig config) {
    super(VERSION);
    this.config = config;
    prior = addChildBlock("prior", new ConditionalPrior(config));
    actNorm = config.actNorm() ? addChildBlock("actnorm", new ActNorm(config.channels())) : null;
    long[] frequencyOfChannel = new long[config.channels()];
    for (int c = 0; c < frequencyOfChannel.length; c++) {
      frequencyOfChannel[c] = c;
    }
    for (int k = 0; k < config.steps(); k++) {
      ChannelShuffle shuffle = new ChannelShuffle(config.channels(), config.shuffleSeed() + k);
      shuffles.add(addChildBlock("shuffle_" + k, shuffle));
      long[] perm = shuffle.seededPermutation();
      long[] shuffled = new long[perm.length];
      for (int c = 0; c < perm.length; c++) {
        shuffled[c] = frequencyOfChannel[(int) perm[c]];
      }
      frequencyOfChannel = shuffled;
      couplings.add(addChildBlock("coupling_" + k, new AffineCoupling(config, frequencyOfChannel)));
    }
    condition =
        config.conditionalFlow()
            ? addChildBlock("condition", new ConditionEmbedding(config))
            : null;
  }

  /** Initialises every parameter (float32) on {@code manager}'s device for batches of 1 × T. */
  public void initialize(NDManager manager, long frames) {
    initialize(manager, DataType.FLOAT32, new Shape(1, config.channels(), frames));
  }

  /** The hyper-parameters. */
  public FlowConfig config() {
    return config;
  }

  /**
   * Maps features to the latent.
   *
   * @param store parameter values
   * @param x features {@code [B, C, T]} float32 (dequantised during training)
   * @param training true inside a training step
   * @return z {@code [B, C, T]} and log |det ∂z/∂x| {@code [B]}
   */
  public FlowOutput forward(ParameterStore store, NDArray x, boolean training) {
    return forward(store, x, unconditional(), training);
  }

  /**
   * Maps features to the latent under a note's condition.
   *
   * @param pitch int64 labels or float32 MIDI pitch {@code [B]}
   * @param family int64 labels {@code [B]} or float32 weights {@code [B, F]}
   * @return z {@code [B, C, T]} and log |det ∂z/∂x| {@code [B]}
   */
  public FlowOutput forward(
      ParameterStore store, NDArray x, NDArray pitch, NDArray family, boolean training) {
    return forward(store, x, embed(store, pitch, family, training), training);
  }

  private FlowOutput forward(ParameterStore store, NDArray x, NDArray e, boolean training) {
    NDArray z = x;
    NDArray logDet = x.getManager().zeros(new Shape(x.getShape().get(0)));
    if (actNorm != null) {
      FlowOutput out = actNorm.forward(store, z, training);
      z = out.z();
      logDet = logDet.add(out.logDet());
    }
    for (int k = 0; k < couplings.size(); k++) {
      z = shuffles.get(k).forward(store, z, training).z();
      FlowOutput out = couplings.get(k).forward(store, z, e, training);
      z = out.z();
      logDet = logDet.add(out.logDet());
    }
    return new FlowOutput(z, logDet);
  }

  /**
   * Maps a latent back to features.
   *
   * @param z {@code [B, C, T]} float32
   * @return x {@code [B, C, T]}
   */
  public NDArray inverse(ParameterStore store, NDArray z) {
    return inverse(store, z, unconditional());
  }

  /**
   * Maps a latent back to features under a note's condition (the one it was encoded or sampled
   * with, or any other: decoding under another condition is how a conditional flow re-voices a
   * note).
   *
   * @param pitch int64 labels or float32 MIDI pitch {@code [B]}
   * @param family int64 labels {@code [B]} or float32 weights {@code [B, F]}
   */
  public NDArray inverse(ParameterStore store, NDArray z, NDArray pitch, NDArray family) {
    return inverse(store, z, embed(store, pitch, family, false));
  }

  private NDArray inverse(ParameterStore store, NDArray z, NDArray e) {
    NDArray x = z;
    for (int k = couplings.size() - 1; k >= 0; k--) {
      x = couplings.get(k).inverse(store, x, e);
      x = shuffles.get(k).inverse(store, x);
    }
    if (actNorm != null) {
      x = actNorm.inverse(store, x);
    }
    return x;
  }

  /**
   * The prior for whole notes, outside training.
   *
   * @param pitch int64 {@code [B]}
   * @param family int64 {@code [B]}
   * @param frames T
   * @return mean and log-std {@code [B, C, T]}
   */
  public PriorGaussian prior(ParameterStore store, NDArray pitch, NDArray family, long frames) {
    return prior.prior(store, pitch, family, 0, frames, false);
  }

  /** The prior for frames {@code firstFrame …} of a note (crops), inside or outside training. */
  public PriorGaussian prior(
      ParameterStore store,
      NDArray pitch,
      NDArray family,
      long firstFrame,
      long frames,
      boolean training) {
    return prior.prior(store, pitch, family, firstFrame, frames, training);
  }

  /**
   * {@code log p(x) = log N(z; mean, exp(logStd)²) + logdet}, in nats, per item.
   *
   * @param x {@code [B, C, T]} (already dequantised, see {@link BitsPerDim})
   * @param pitch int64 {@code [B]}
   * @param family int64 {@code [B]}
   * @param firstFrame absolute index of x's first frame within its note
   * @return {@code [B]}
   */
  public NDArray logLikelihood(
      ParameterStore store,
      NDArray x,
      NDArray pitch,
      NDArray family,
      long firstFrame,
      boolean training) {
    FlowOutput out = forward(store, x, pitch, family, training);
    PriorGaussian p = prior(store, pitch, family, firstFrame, x.getShape().get(2), training);
    return ConditionalPrior.logDensity(out.z(), p).add(out.logDet());
  }

  /** The flow's condition vector {@code [B, E]}, or null when the flow is unconditional. */
  private NDArray embed(ParameterStore store, NDArray pitch, NDArray family, boolean training) {
    return condition == null ? null : condition.embed(store, pitch, family, training);
  }

  private NDArray unconditional() {
    if (condition != null) {
      throw new IllegalArgumentException(
          "this flow is conditional: expected pitch and family to encode or decode, found none");
    }
    return null;
  }

  /** The ActNorm block, if the config has one. */
  public Optional<ActNorm> actNorm() {
    return Optional.ofNullable(actNorm);
  }

  /** The K coupling blocks, in forward order. */
  public List<AffineCoupling> couplings() {
    return Collections.unmodifiableList(couplings);
  }

  /** The K shuffle blocks, in forward order. */
  public List<ChannelShuffle> shuffles() {
    return Collections.unmodifiableList(shuffles);
  }

  /** The prior block. */
  public ConditionalPrior priorBlock() {
    return prior;
  }

  /** Every parameter under its stable, documented name, in a fixed order. */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> named = new LinkedHashMap<>();
    if (actNorm != null) {
      put(named, "actnorm.", actNorm);
    }
    for (int k = 0; k < couplings.size(); k++) {
      put(named, "steps." + k + ".shuffle.", shuffles.get(k));
      put(named, "steps." + k + ".coupling.", couplings.get(k));
    }
    put(named, "prior.", prior);
    if (condition != null) {
      put(named, "condition.", condition);
    }
    return named;
  }

  private static void put(Map<String, Parameter> named, String prefix, AbstractBlock block) {
    for (var pair : block.getDirectParameters()) {
      named.put(prefix + pair.getKey(), pair.getValue());
    }
  }

  /** Total number of trainable scalars. */
  public long trainableParameterCount() {
    long n = 0;
    for (Parameter p : namedParameters().values()) {
      if (p.requiresGradient()) {
        n += p.getShape().size();
      }
    }
    return n;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    Shape batch = new Shape(x.get(0));
    prior.initialize(manager, dataType, batch, batch);
    if (actNorm != null) {
      actNorm.initialize(manager, dataType, x);
    }
    for (int k = 0; k < couplings.size(); k++) {
      shuffles.get(k).initialize(manager, dataType, x);
      couplings.get(k).initialize(manager, dataType, x);
    }
    if (condition != null) {
      condition.initialize(manager, dataType, batch, batch);
    }
  }

  /** The flow's condition embedding, if the flow is conditional. */
  public Optional<ConditionEmbedding> conditionBlock() {
    return Optional.ofNullable(condition);
  }

  /** Input {@code [x]} or {@code [x, pitch, family]}: returns {@code [z, logDet]}. */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    FlowOutput out =
        inputs.size() >= 3
            ? forward(store, inputs.get(0), inputs.get(1), inputs.get(2), training)
            : forward(store, inputs.get(0), training);
    return new NDList(out.z(), out.logDet());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0], new Shape(inputShapes[0].get(0))};
  }
}
