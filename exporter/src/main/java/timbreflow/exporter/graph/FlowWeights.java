package timbreflow.exporter.graph;

import java.util.List;

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
 */
public record FlowWeights(
    int channels,
    int hidden,
    int layers,
    int kernelSize,
    float scaleOffset,
    ActNorm actNorm,
    List<Step> steps,
    Prior prior) {

  public FlowWeights {
    steps = List.copyOf(steps);
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
      Frequency frequency) {

    public Coupling {
      inWeights = List.copyOf(inWeights);
      inBiases = List.copyOf(inBiases);
      resSkipWeights = List.copyOf(resSkipWeights);
      resSkipBiases = List.copyOf(resSkipBiases);
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
   * The conditional prior: embeddings → linear → per-channel (mean, logStd), plus optional
   * per-frame offsets.
   *
   * @param pitches rows of the pitch embedding
   * @param pitchDim Ep
   * @param pitchEmbedding {@code [pitches, Ep]}
   * @param families rows of the family embedding
   * @param familyDim Ef
   * @param familyEmbedding {@code [families, Ef]}
   * @param weight {@code [2C, Ep + Ef]}
   * @param bias {@code [2C]}
   * @param priorFrames F; 0 when the prior is constant over frames
   * @param frameOffsets {@code [2C, F]}, or {@code null} when F = 0
   */
  public record Prior(
      int pitches,
      int pitchDim,
      float[] pitchEmbedding,
      int families,
      int familyDim,
      float[] familyEmbedding,
      float[] weight,
      float[] bias,
      int priorFrames,
      float[] frameOffsets) {}
}
