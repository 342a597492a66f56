package timbreflow.trainer.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import timbreflow.trainer.TrainerException;

/**
 * Every hyper-parameter of the conditional flow; saved with each checkpoint as JSON.
 *
 * <p>The model is {@code [ActNorm?] → steps × (ChannelShuffle, AffineCoupling)} over an input of
 * {@code [B, channels, T]}, with a {@link ConditionalPrior} on the output. {@code steps = 0} is the
 * prior-only baseline: the same prior directly on the (optionally ActNorm-ed) features.
 *
 * @param channels frequency bins, the flow's channel count (513 for the default STFT)
 * @param steps K, the number of (shuffle, coupling) steps; 0 gives the prior-only baseline
 * @param hiddenChannels H, width of each coupling's WaveNet-style net
 * @param layers L, dilated gated layers per coupling net (dilations 1, 2, 4, …, 2^(L−1))
 * @param kernelSize kernel of the dilated convolutions (odd; "same" zero padding)
 * @param shuffleSeed seed of the fixed channel permutations (step k uses {@code shuffleSeed + k})
 * @param scaleOffset the coupling scale is {@code s = sigmoid(h_s + scaleOffset)} (Glow: 2)
 * @param actNorm whether a Glow ActNorm (data-dependent init) precedes the steps
 * @param pitches number of pitch classes of the prior's pitch embedding (MIDI 0–127: 128)
 * @param families number of instrument families (NSynth: 11)
 * @param pitchEmbedding width of the prior's pitch embedding
 * @param familyEmbedding width of the prior's family embedding
 * @param priorFrames 0: the prior is constant over frames; n &gt; 0: it adds a learned per-frame
 *     offset for absolute frames 0…n−1 (frames beyond n−1 use the offset of frame n−1)
 * @param frequencyKernel 0: off; an odd k: each coupling adds a frequency-local branch, two
 *     convolutions of kernel k along the frequency axis over the conditioner's bins laid out in
 *     frequency order (see {@link AffineCoupling}); absent from JSON written before it existed,
 *     where it reads as 0
 * @param frequencyHidden channels between the frequency branch's two convolutions (0 when it is
 *     off)
 * @param frequencyBins the frequency branch covers bins 0…frequencyBins−1 (0 when it is off; at
 *     most channels)
 * @param flowPitchEmbedding 0: the flow is unconditional (the seed's design, bundle format 1); n
 *     &gt; 0: the condition also enters every coupling's WaveNet layers (as WaveGlow conditions on
 *     mel), through a pitch embedding of width n interpolated between integer pitches, so pitch is
 *     continuous (bundle format 2)
 * @param flowFamilyEmbedding width of the flow's family embedding, a weighted sum of one row per
 *     family (the family is a weight vector over the families); 0 exactly when flowPitchEmbedding
 *     is 0
 * @param envelopeRank 0: the prior's per-frame offsets are the same for every condition; r &gt; 0:
 *     they also get a rank-r term computed from the prior's pitch and family embeddings, so the
 *     note's envelope follows family and register (needs priorFrames &gt; 0)
 */
public record FlowConfig(
    int channels,
    int steps,
    int hiddenChannels,
    int layers,
    int kernelSize,
    long shuffleSeed,
    double scaleOffset,
    boolean actNorm,
    int pitches,
    int families,
    int pitchEmbedding,
    int familyEmbedding,
    int priorFrames,
    int frequencyKernel,
    int frequencyHidden,
    int frequencyBins,
    int flowPitchEmbedding,
    int flowFamilyEmbedding,
    int envelopeRank) {

  /**
   * Fields that JSON written before them lacks, with the value that reproduces the model of that
   * time (no frequency branch, an unconditional flow, an envelope shared by every condition).
   */
  private static final Map<String, Integer> ABSENT_MEANS_OFF =
      Map.of(
          "frequencyKernel", 0,
          "frequencyHidden", 0,
          "frequencyBins", 0,
          "flowPitchEmbedding", 0,
          "flowFamilyEmbedding", 0,
          "envelopeRank", 0);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /** Validates every field; the message names the first bad one. */
  public FlowConfig {
    positive("channels", channels);
    if (channels < 2) {
      throw invalid("channels", "at least 2", channels);
    }
    if (steps < 0) {
      throw invalid("steps", "0 or more", steps);
    }
    positive("hiddenChannels", hiddenChannels);
    positive("layers", layers);
    if (layers > 16) {
      throw invalid("layers", "at most 16 (dilation 2^(layers-1))", layers);
    }
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw invalid("kernelSize", "an odd positive number", kernelSize);
    }
    if (!Double.isFinite(scaleOffset)) {
      throw invalid("scaleOffset", "a finite number", scaleOffset);
    }
    positive("pitches", pitches);
    positive("families", families);
    positive("pitchEmbedding", pitchEmbedding);
    positive("familyEmbedding", familyEmbedding);
    if (priorFrames < 0) {
      throw invalid("priorFrames", "0 or more", priorFrames);
    }
    if (frequencyKernel < 0 || (frequencyKernel > 0 && frequencyKernel % 2 == 0)) {
      throw invalid("frequencyKernel", "0 (off) or an odd positive number", frequencyKernel);
    }
    if (frequencyKernel > 0 && frequencyHidden <= 0) {
      throw invalid(
          "frequencyHidden", "a positive number when frequencyKernel is on", frequencyHidden);
    }
    if (frequencyKernel > 0 && (frequencyBins <= 0 || frequencyBins > channels)) {
      throw invalid(
          "frequencyBins", "1…" + channels + " when frequencyKernel is on", frequencyBins);
    }
    if (frequencyKernel == 0 && (frequencyHidden != 0 || frequencyBins != 0)) {
      throw invalid(
          "frequencyHidden and frequencyBins",
          "0 when frequencyKernel is 0",
          frequencyHidden + " and " + frequencyBins);
    }
    if (flowPitchEmbedding < 0) {
      throw invalid("flowPitchEmbedding", "0 (unconditional flow) or more", flowPitchEmbedding);
    }
    if ((flowPitchEmbedding == 0) != (flowFamilyEmbedding == 0) || flowFamilyEmbedding < 0) {
      throw invalid(
          "flowFamilyEmbedding",
          flowPitchEmbedding == 0
              ? "0 when flowPitchEmbedding is 0"
              : "a positive number when flowPitchEmbedding is on",
          flowFamilyEmbedding);
    }
    if (envelopeRank < 0) {
      throw invalid("envelopeRank", "0 (off) or more", envelopeRank);
    }
    if (envelopeRank > 0 && priorFrames == 0) {
      throw invalid("envelopeRank", "0 when priorFrames is 0 (no frames to shape)", envelopeRank);
    }
  }

  /** This configuration with the frequency branch off (its three fields 0). */
  public FlowConfig withoutFrequencyBranch() {
    return toBuilder().optFrequencyBranch(0, 0, 0).build();
  }

  /** Whether each coupling has the frequency-local branch. */
  public boolean hasFrequencyBranch() {
    return frequencyKernel > 0;
  }

  /** Whether the condition enters the flow's couplings (bundle format 2), not only the prior. */
  public boolean conditionalFlow() {
    return flowPitchEmbedding > 0;
  }

  /** Width of the flow's condition vector: flow pitch plus flow family embedding. */
  public int flowConditionWidth() {
    return flowPitchEmbedding + flowFamilyEmbedding;
  }

  /**
   * The default model (release 3), sized for CPU training on 2 cores by measurement ({@code
   * bench/README.md}): 513 channels, 12 steps (as WaveGlow), 64 hidden channels, 4 layers
   * (receptive field 31 frames per coupling), kernel 3, ActNorm; a <em>conditional</em> flow whose
   * couplings read a 32-wide pitch and 16-wide family embedding of their own; a prior with a
   * 128-wide pitch and a 16-wide family embedding, a learned offset for each of a whole note's 251
   * frames and a rank-4 envelope that follows family and register. {@link #seedDesign()} is the
   * same model with an unconditional flow and a shared envelope (release 2).
   */
  public static FlowConfig defaults() {
    return new FlowConfig(
        513, 12, 64, 4, 3, 20_240_613L, 2.0, true, 128, 11, 128, 16, 251, 0, 0, 0, 32, 16, 4);
  }

  /**
   * The seed's design as release 2 shipped it: an unconditional flow (only the prior sees pitch and
   * family) and one envelope for every condition; otherwise {@link #defaults()}. 2 557 410
   * parameters, 422 856 of them in the prior.
   */
  public static FlowConfig seedDesign() {
    return defaults().toBuilder().optFlowCondition(0, 0).optEnvelopeRank(0).build();
  }

  /** The same configuration with {@code steps} replaced (0: the prior-only baseline). */
  public FlowConfig withSteps(int newSteps) {
    return toBuilder().optSteps(newSteps).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link FlowConfig} field by field, DJL style: every field has a value from the
   * configuration it starts from, so each setter is an {@code optX}; {@link #build()} validates the
   * whole and names the first bad field.
   */
  public static final class Builder {
    private int channels;
    private int steps;
    private int hiddenChannels;
    private int layers;
    private int kernelSize;
    private long shuffleSeed;
    private double scaleOffset;
    private boolean actNorm;
    private int pitches;
    private int families;
    private int pitchEmbedding;
    private int familyEmbedding;
    private int priorFrames;
    private int frequencyKernel;
    private int frequencyHidden;
    private int frequencyBins;
    private int flowPitchEmbedding;
    private int flowFamilyEmbedding;
    private int envelopeRank;

    private Builder(FlowConfig from) {
      channels = from.channels();
      steps = from.steps();
      hiddenChannels = from.hiddenChannels();
      layers = from.layers();
      kernelSize = from.kernelSize();
      shuffleSeed = from.shuffleSeed();
      scaleOffset = from.scaleOffset();
      actNorm = from.actNorm();
      pitches = from.pitches();
      families = from.families();
      pitchEmbedding = from.pitchEmbedding();
      familyEmbedding = from.familyEmbedding();
      priorFrames = from.priorFrames();
      frequencyKernel = from.frequencyKernel();
      frequencyHidden = from.frequencyHidden();
      frequencyBins = from.frequencyBins();
      flowPitchEmbedding = from.flowPitchEmbedding();
      flowFamilyEmbedding = from.flowFamilyEmbedding();
      envelopeRank = from.envelopeRank();
    }

    /** Sets the frequency bins, the flow's channel count. */
    public Builder optChannels(int value) {
      channels = value;
      return this;
    }

    /** Sets the K, the number of (shuffle, coupling) steps (0: the prior-only baseline). */
    public Builder optSteps(int value) {
      steps = value;
      return this;
    }

    /** Sets the width of each coupling's net. */
    public Builder optHiddenChannels(int value) {
      hiddenChannels = value;
      return this;
    }

    /** Sets the dilated gated layers per coupling net. */
    public Builder optLayers(int value) {
      layers = value;
      return this;
    }

    /** Sets the kernel of the dilated convolutions (odd). */
    public Builder optKernelSize(int value) {
      kernelSize = value;
      return this;
    }

    /** Sets the seed of the fixed channel permutations. */
    public Builder optShuffleSeed(long value) {
      shuffleSeed = value;
      return this;
    }

    /** Sets the the coupling scale's offset in sigmoid(h + offset). */
    public Builder optScaleOffset(double value) {
      scaleOffset = value;
      return this;
    }

    /** Sets the whether an ActNorm precedes the steps. */
    public Builder optActNorm(boolean value) {
      actNorm = value;
      return this;
    }

    /** Sets the pitch classes of the embeddings. */
    public Builder optPitches(int value) {
      pitches = value;
      return this;
    }

    /** Sets the instrument families. */
    public Builder optFamilies(int value) {
      families = value;
      return this;
    }

    /** Sets the width of the prior's pitch embedding. */
    public Builder optPitchEmbedding(int value) {
      pitchEmbedding = value;
      return this;
    }

    /** Sets the width of the prior's family embedding. */
    public Builder optFamilyEmbedding(int value) {
      familyEmbedding = value;
      return this;
    }

    /** Sets the frames with a learned prior offset (0: none). */
    public Builder optPriorFrames(int value) {
      priorFrames = value;
      return this;
    }

    /** Sets the kernel of the frequency branch (0: off). */
    public Builder optFrequencyKernel(int value) {
      frequencyKernel = value;
      return this;
    }

    /** Sets the channels of the frequency branch (0 when off). */
    public Builder optFrequencyHidden(int value) {
      frequencyHidden = value;
      return this;
    }

    /** Sets the bins the frequency branch covers (0 when off). */
    public Builder optFrequencyBins(int value) {
      frequencyBins = value;
      return this;
    }

    /** Sets the width of the flow's pitch embedding (0: an unconditional flow). */
    public Builder optFlowPitchEmbedding(int value) {
      flowPitchEmbedding = value;
      return this;
    }

    /** Sets the width of the flow's family embedding (0 exactly when the flow is unconditional). */
    public Builder optFlowFamilyEmbedding(int value) {
      flowFamilyEmbedding = value;
      return this;
    }

    /** Sets the rank of the condition-dependent envelope (0: off). */
    public Builder optEnvelopeRank(int value) {
      envelopeRank = value;
      return this;
    }

    /** The frequency branch: kernel, hidden channels and bins (all 0: off). */
    public Builder optFrequencyBranch(int kernel, int hidden, int bins) {
      frequencyKernel = kernel;
      frequencyHidden = hidden;
      frequencyBins = bins;
      return this;
    }

    /** The flow's own condition embeddings (both 0: the seed's unconditional flow). */
    public Builder optFlowCondition(int pitchWidth, int familyWidth) {
      flowPitchEmbedding = pitchWidth;
      flowFamilyEmbedding = familyWidth;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws TrainerException INVALID_CONFIG naming the first bad field
     */
    public FlowConfig build() {
      return new FlowConfig(
          channels,
          steps,
          hiddenChannels,
          layers,
          kernelSize,
          shuffleSeed,
          scaleOffset,
          actNorm,
          pitches,
          families,
          pitchEmbedding,
          familyEmbedding,
          priorFrames,
          frequencyKernel,
          frequencyHidden,
          frequencyBins,
          flowPitchEmbedding,
          flowFamilyEmbedding,
          envelopeRank);
    }
  }

  /** Channels passed through unchanged by each coupling (the conditioner input a): ⌊C/2⌋. */
  public int conditionerChannels() {
    return channels / 2;
  }

  /** Channels transformed by each coupling (b): C − ⌊C/2⌋. */
  public int transformedChannels() {
    return channels - channels / 2;
  }

  /** This configuration as one line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG, "cannot write flow config as JSON", e);
    }
  }

  /**
   * Reads a configuration written by {@link #toJson()}; every field is required except the
   * frequency branch's three fields, {@code flowPitchEmbedding}, {@code flowFamilyEmbedding} and
   * {@code envelopeRank}, which configurations written before them lack (they read as 0: the model
   * of that time).
   *
   * @throws TrainerException INVALID_CONFIG naming the missing, unknown or out-of-range field
   */
  public static FlowConfig fromJson(String json) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree instanceof ObjectNode object) {
        ABSENT_MEANS_OFF.forEach(
            (field, off) -> {
              if (!object.has(field)) {
                object.put(field, off);
              }
            });
      }
      return JSON.treeToValue(tree, FlowConfig.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof TrainerException t) {
        throw t;
      }
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "expected a flow config JSON object, found: " + e.getOriginalMessage(),
          e);
    }
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw invalid(field, "a positive number", value);
    }
  }

  private static TrainerException invalid(String field, String expected, Object found) {
    return new TrainerException(
        TrainerException.Reason.INVALID_CONFIG,
        "flow config field " + field + ": expected " + expected + ", found " + found);
  }
}
