package timbreflow.exporter.graph;

import java.util.List;
import timbreflow.runtime.onnx.GraphContract;

/**
 * A trained flow's hyper-parameters and weights as plain row-major arrays, independent of DJL, in
 * the layouts the flow's blocks document ({@code trainer.flow}).
 *
 * @param channels C (513)
 * @param hidden H, width of each coupling net
 * @param layers L, dilated layers per coupling net (dilation 2^i)
 * @param kernelSize k of the dilated convolutions
 * @param scaleOffset the coupling scale is {@code sigmoid(h_s + scaleOffset)}
 * @param actNorm the ActNorm parameters, or {@code null} when the flow has none
 * @param steps the K (shuffle, coupling) steps in forward order
 * @param prior the conditional prior
 * @param condition the flow's own condition embedding, which every coupling reads; {@code null} for
 *     an unconditional flow (the seed's design, where only the prior sees the condition)
 */
public record FlowWeights(
    int channels,
    int hidden,
    int layers,
    int kernelSize,
    float scaleOffset,
    ActNorm actNorm,
    List<Step> steps,
    Prior prior,
    Embedding condition) {

  /** Checks that the couplings read a condition exactly when the flow has one. */
  public FlowWeights {
    steps = List.copyOf(steps);
    for (int k = 0; k < steps.size(); k++) {
      if (steps.get(k).coupling().condWeights().isEmpty() != (condition == null)) {
        throw new IllegalArgumentException(
            "step "
                + k
                + ": expected "
                + (condition == null ? "no condition weights" : "one condition weight per layer")
                + " in "
                + (condition == null ? "an unconditional" : "a conditional")
                + " flow, found "
                + steps.get(k).coupling().condWeights().size());
      }
    }
  }

  /** Whether the condition enters the couplings, so that the bundle is format 2. */
  public boolean conditionalFlow() {
    return condition != null;
  }

  /**
   * The graphs' interface: format 2 ({@link GraphContract#CONDITIONAL_FLOW}, continuous pitch and
   * family weights, a decoder that takes them) for a conditional flow, else format 1.
   */
  public GraphContract contract() {
    return new GraphContract(
        conditionalFlow() ? GraphContract.CONDITIONAL_FLOW : GraphContract.UNCONDITIONAL_FLOW,
        channels,
        prior.embedding().families());
  }

  /** Channels of the conditioner half a: ⌊C/2⌋. */
  public int conditionerChannels() {
    return channels / 2;
  }

  /** Channels of the transformed half b: C − ⌊C/2⌋. */
  public int transformedChannels() {
    return channels - channels / 2;
  }

  /**
   * ActNorm: {@code z = (x + bias[c]) · exp(logScale[c])}.
   *
   * @param bias {@code [C]}
   * @param logScale {@code [C]}
   */
  public record ActNorm(float[] bias, float[] logScale) {}

  /**
   * One flow step: {@code z = coupling(x[:, permutation, :])}.
   *
   * @param permutation {@code [C]}, a permutation of 0…C−1
   * @param coupling the affine coupling's net
   */
  public record Step(long[] permutation, Coupling coupling) {}

  /**
   * The WaveNet-style net of one affine coupling (shapes {@code [out, in, k]} for convolutions).
   *
   * @param startWeight {@code [H, Ca, 1]}
   * @param startBias {@code [H]}
   * @param inWeights per layer {@code [2H, H, k]}
   * @param inBiases per layer {@code [2H]}
   * @param resSkipWeights per layer {@code [2H, H, 1]}, the last {@code [H, H, 1]}
   * @param resSkipBiases per layer {@code [2H]}, the last {@code [H]}
   * @param endWeight {@code [2Cb, H, 1]}
   * @param endBias {@code [2Cb]}
   * @param frequency the frequency-local branch, or {@code null} when the flow has none
   * @param condWeights per layer {@code [2H, E]}, the projection of the flow's condition vector
   *     added to the layer's gate input; empty for an unconditional flow
   */
  public record Coupling(
      float[] startWeight,
      float[] startBias,
      List<float[]> inWeights,
      List<float[]> inBiases,
      List<float[]> resSkipWeights,
      List<float[]> resSkipBiases,
      float[] endWeight,
      float[] endBias,
      Frequency frequency,
      List<float[]> condWeights) {

    public Coupling {
      inWeights = List.copyOf(inWeights);
      inBiases = List.copyOf(inBiases);
      resSkipWeights = List.copyOf(resSkipWeights);
      resSkipBiases = List.copyOf(resSkipBiases);
      condWeights = List.copyOf(condWeights);
    }
  }

  /**
   * A coupling's frequency-local branch ({@code trainer.flow.AffineCoupling}): two convolutions of
   * kernel {@code (kernel, 1)} along frequency over the conditioner's lowest N bins in frequency
   * order.
   *
   * @param kernel kf, odd
   * @param hidden F, channels between the two convolutions
   * @param gatherIndex {@code [N]}: per frequency bin below N, the conditioner channel holding it,
   *     or Ca (an appended zero channel) where the bin is transformed
   * @param outIndex {@code [Cb]}: the frequency bin of each transformed channel, or N (an appended
   *     zero bin) where that bin is N or above
   * @param inWeight {@code [F, 1, kf, 1]}
   * @param inBias {@code [F]}
   * @param outWeight {@code [2, F, kf, 1]} (row 0 adds to h_s, row 1 to t)
   * @param outBias {@code [2]}
   */
  public record Frequency(
      int kernel,
      int hidden,
      long[] gatherIndex,
      long[] outIndex,
      float[] inWeight,
      float[] inBias,
      float[] outWeight,
      float[] outBias) {}

  /**
   * A condition embedding's two tables ({@code trainer.flow.NoteCondition}): a pitch row
   * interpolated between integer pitches, a family row as the weighted sum of the families' rows.
   *
   * @param pitches P, rows of the pitch table (MIDI 0…P−1)
   * @param pitchDim Ep
   * @param pitchTable {@code [P, Ep]}
   * @param families F, rows of the family table
   * @param familyDim Ef
   * @param familyTable {@code [F, Ef]}
   */
  public record Embedding(
      int pitches,
      int pitchDim,
      float[] pitchTable,
      int families,
      int familyDim,
      float[] familyTable) {

    /** E = Ep + Ef, the width of the condition vector. */
    public int width() {
      return pitchDim + familyDim;
    }
  }

  /**
   * The conditional prior: embeddings → linear → per-channel (mean, logStd), plus optional
   * per-frame offsets and a condition-dependent envelope on them.
   *
   * @param embedding the prior's own pitch and family tables
   * @param weight {@code [2C, Ep + Ef]}
   * @param bias {@code [2C]}
   * @param priorFrames Fp; 0 when the prior is constant over frames
   * @param frameOffsets {@code [2C, Fp]}, or {@code null} when Fp = 0
   * @param envelopeRank R; 0 when the offsets are the same for every condition
   * @param envelopeWeight {@code [R·Fp, Ep + Ef]}, or {@code null} when R = 0
   * @param envelopeBasis {@code [2C, R]}, or {@code null} when R = 0
   */
  public record Prior(
      Embedding embedding,
      float[] weight,
      float[] bias,
      int priorFrames,
      float[] frameOffsets,
      int envelopeRank,
      float[] envelopeWeight,
      float[] envelopeBasis) {}
}
