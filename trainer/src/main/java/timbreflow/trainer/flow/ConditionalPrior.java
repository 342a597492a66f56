package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The conditional Gaussian prior {@code z ~ N(mean(c), diag exp(logStd(c))²)} for c = (pitch,
 * family), as in conditional Glow.
 *
 * <p>Exact math (C channels; parameters {@code pitch_embedding [pitches, Ep]} ~ N(0, 1), {@code
 * family_embedding [families, Ef]} ~ N(0, 1), {@code weight [2C, Ep + Ef]} = 0, {@code bias [2C]} =
 * 0, and when {@code priorFrames = F > 0} also {@code frame_offsets [2C, F]} = 0):
 *
 * <pre>
 * e  = concat(pitch_embedding[pitch], family_embedding[family])     [B, Ep + Ef]
 * h  = e · weightᵀ + bias                                             [B, 2C]
 * mean[n, c, t]   = h[n, c]     (+ frame_offsets[c,     min(t0 + t, F − 1)])
 * logStd[n, c, t] = h[n, C + c] (+ frame_offsets[C + c, min(t0 + t, F − 1)])
 * </pre>
 *
 * where t0 is the absolute index of the first frame (0 for whole notes, the crop start for crops).
 *
 * <p>With {@code envelopeRank = R > 0} the per-frame offsets also depend on the condition
 * (sustained families hold, plucked ones decay, low notes ring longer): parameters {@code
 * envelope_weight [R·F, Ep + Ef]} (drawn U(±1/√(Ep + Ef))) and {@code envelope_basis [2C, R]} = 0
 * add
 *
 * <pre>
 * env = (e · envelope_weightᵀ).reshape(B, R, F)
 * h[n, :, t] += envelope_basis · env[n, :, min(t0 + t, F − 1)]
 * </pre>
 *
 * Zero-initialised weight, bias, offsets and basis make an untrained prior exactly N(0, I). Pitch
 * and family are int64 labels (in 0…pitches−1 and 0…families−1) or their continuous forms, float32
 * pitch {@code [B]} and float32 family weights {@code [B, F]} (see {@link NoteCondition}).
 */
public final class ConditionalPrior extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int channels;
  private final int priorFrames;
  private final Parameter pitchEmbedding;
  private final Parameter familyEmbedding;
  private final Parameter weight;
  private final Parameter bias;
  private final Parameter frameOffsets;
  private final int envelopeRank;
  private final Parameter envelopeWeight;
  private final Parameter envelopeBasis;

  /** A prior with the sizes of {@code config}. */
  public ConditionalPrior(FlowConfig config) {
    super(VERSION);
    channels = config.channels();
    priorFrames = config.priorFrames();
    int e = config.pitchEmbedding() + config.familyEmbedding();
    pitchEmbedding =
        add("pitch_embedding", new Shape(config.pitches(), config.pitchEmbedding()), true);
    familyEmbedding =
        add("family_embedding", new Shape(config.families(), config.familyEmbedding()), true);
    weight = add("weight", new Shape(2L * channels, e), false);
    bias = add("bias", new Shape(2L * channels), false);
    frameOffsets =
        priorFrames > 0 ? add("frame_offsets", new Shape(2L * channels, priorFrames), false) : null;
    envelopeRank = config.envelopeRank();
    if (envelopeRank > 0) {
      envelopeWeight =
          addParameter(
              Parameter.builder()
                  .setName("envelope_weight")
                  .setType(Parameter.Type.WEIGHT)
                  .optShape(new Shape((long) envelopeRank * priorFrames, e))
                  .optInitializer(Inits.uniformFanIn(e))
                  .build());
      envelopeBasis = add("envelope_basis", new Shape(2L * channels, envelopeRank), false);
    } else {
      envelopeWeight = null;
      envelopeBasis = null;
    }
  }

  private Parameter add(String name, Shape shape, boolean normal) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.WEIGHT)
            .optShape(shape)
            .optInitializer(normal ? Inits.normal() : Inits.zeros())
            .build());
  }

  /**
   * The prior's mean and log-std for whole notes (first frame 0).
   *
   * @param store parameter values
   * @param pitch int64 {@code [B]}, MIDI pitch
   * @param family int64 {@code [B]}, instrument family index
   * @param frames T
   * @param training true inside a training step
   * @return mean and logStd, each {@code [B, C, T]}
   */
  public PriorGaussian prior(
      ParameterStore store, NDArray pitch, NDArray family, long frames, boolean training) {
    return prior(store, pitch, family, 0, frames, training);
  }

  /**
   * The prior's mean and log-std for frames {@code firstFrame … firstFrame + frames − 1}.
   *
   * @param firstFrame absolute index of the first frame (matters only when priorFrames &gt; 0)
   */
  public PriorGaussian prior(
      ParameterStore store,
      NDArray pitch,
      NDArray family,
      long firstFrame,
      long frames,
      boolean training) {
    var device = pitch.getDevice();
    NDArray p = store.getValue(pitchEmbedding, device, training);
    NDArray f = store.getValue(familyEmbedding, device, training);
    NDArray w = store.getValue(weight, device, training);
    NDArray b = store.getValue(bias, device, training);
    NDArray e = NoteCondition.pitchRows(p, pitch).concat(NoteCondition.familyRows(f, family), 1);
    NDArray h = Linear.linear(e, w, b).singletonOrThrow(); // [B, 2C]
    long batch = pitch.getShape().get(0);
    NDArray hT = h.expandDims(2).broadcast(new Shape(batch, 2L * channels, frames));
    if (frameOffsets != null) {
      long[] idx = new long[(int) frames];
      for (int t = 0; t < frames; t++) {
        idx[t] = Math.min(firstFrame + t, priorFrames - 1L);
      }
      NDArray frameIndex = pitch.getManager().create(idx);
      NDArray table = store.getValue(frameOffsets, device, training);
      NDArray offsets = Scope.local(table.get(new NDIndex(":, {}", frameIndex)), pitch);
      hT = hT.add(offsets.expandDims(0));
      if (envelopeWeight != null) {
        NDArray env =
            Linear.linear(e, store.getValue(envelopeWeight, device, training))
                .singletonOrThrow()
                .reshape(batch, envelopeRank, priorFrames)
                .get(new NDIndex(":, :, {}", frameIndex)); // [B, R, T]
        NDArray basis = store.getValue(envelopeBasis, device, training);
        hT = hT.add(Scope.local(basis.matMul(env), pitch)); // [2C, R] · [B, R, T]
      }
    }
    NDArray mean = hT.get(new NDIndex(":, :{}, :", channels));
    NDArray logStd = hT.get(new NDIndex(":, {}:, :", channels));
    return new PriorGaussian(mean, logStd);
  }

  /**
   * Log-density of z under the prior, summed over channels and frames, in nats.
   *
   * <p>{@code Σ_{c,t} [−½((z − mean)/exp(logStd))² − logStd − ½ ln 2π]}.
   *
   * @param z {@code [B, C, T]}
   * @return {@code [B]}
   */
  public static NDArray logDensity(NDArray z, PriorGaussian prior) {
    NDArray scaled = z.sub(prior.mean()).mul(prior.logStd().neg().exp());
    NDArray perElement =
        scaled.square().mul(-0.5f).sub(prior.logStd()).sub((float) (0.5 * Math.log(2 * Math.PI)));
    return perElement.sum(new int[] {1, 2});
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    long frames = inputs.size() > 2 ? inputs.get(2).getLong() : 1;
    PriorGaussian out = prior(store, inputs.get(0), inputs.get(1), frames, training);
    return new NDList(out.mean(), out.logStd());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = new Shape(inputShapes[0].get(0), channels, 1);
    return new Shape[] {s, s};
  }
}
