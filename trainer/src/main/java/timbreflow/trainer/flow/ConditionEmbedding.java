package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The flow's own embedding of a note's condition, which every coupling of a conditional flow reads.
 *
 * <p>Parameters {@code pitch_embedding [P, Ep]} and {@code family_embedding [F, Ef]}, both ~ N(0,
 * 1):
 *
 * <pre>
 * e = concat(pitchRows(pitch_embedding, pitch), familyRows(family_embedding, family))  [B, Ep + Ef]
 * </pre>
 *
 * with pitch interpolated between integer rows and family a weighted sum of rows (see {@link
 * NoteCondition}), so a condition between two notes' conditions embeds between their embeddings.
 */
public final class ConditionEmbedding extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Parameter pitchEmbedding;
  private final Parameter familyEmbedding;

  /** The flow's condition embedding with the widths of {@code config}. */
  public ConditionEmbedding(FlowConfig config) {
    super(VERSION);
    pitchEmbedding =
        addParameter(
            Parameter.builder()
                .setName("pitch_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.pitches(), config.flowPitchEmbedding()))
                .optInitializer(Inits.normal())
                .build());
    familyEmbedding =
        addParameter(
            Parameter.builder()
                .setName("family_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.families(), config.flowFamilyEmbedding()))
                .optInitializer(Inits.normal())
                .build());
  }

  /**
   * The condition vector.
   *
   * @param pitch int64 labels or float32 MIDI pitch {@code [B]}
   * @param family int64 labels {@code [B]} or float32 weights {@code [B, F]}
   * @return {@code [B, Ep + Ef]} float32
   */
  public NDArray embed(ParameterStore store, NDArray pitch, NDArray family, boolean training) {
    var device = pitch.getDevice();
    NDArray p = NoteCondition.pitchRows(store.getValue(pitchEmbedding, device, training), pitch);
    NDArray f = NoteCondition.familyRows(store.getValue(familyEmbedding, device, training), family);
    return p.concat(f, 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(embed(store, inputs.get(0), inputs.get(1), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long width = pitchEmbedding.getShape().get(1) + familyEmbedding.getShape().get(1);
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }
}
