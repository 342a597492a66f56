package timbreflow.trainer.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import timbreflow.trainer.RecordCopies;
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
    int frequencyBins) {

  /** The frequency branch's fields and their values when it is off. */
  private static final Map<String, Integer> NO_FREQUENCY_BRANCH =
      Map.of("frequencyKernel", 0, "frequencyHidden", 0, "frequencyBins", 0);

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
  }

  /** A configuration without the frequency branch (its three fields 0). */
  public FlowConfig(
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
      int priorFrames) {
    this(
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
        0,
        0,
        0);
  }

  /** This configuration with the frequency branch off (its three fields 0). */
  public FlowConfig withoutFrequencyBranch() {
    return with(NO_FREQUENCY_BRANCH);
  }

  /** Whether each coupling has the frequency-local branch. */
  public boolean hasFrequencyBranch() {
    return frequencyKernel > 0;
  }

  /**
   * The default model, sized for CPU training on 2 cores by measurement ({@code bench/README.md}):
   * 513 channels, 12 steps (as WaveGlow), 64 hidden channels, 4 layers (receptive field 31 frames
   * per coupling), kernel 3, ActNorm; a prior with a 128-wide pitch and a 16-wide family embedding
   * and a learned offset for each of a whole note's 251 frames, so samples get a temporal shape: 2
   * 557 410 parameters, 422 856 of them in the prior. As float32 that is about 10.2 MB in the
   * encoder graph (flow and prior), 8.5 MB in the decoder (flow only) and 1.7 MB in the prior
   * graph.
   */
  public static FlowConfig defaults() {
    return new FlowConfig(513, 12, 64, 4, 3, 20_240_613L, 2.0, true, 128, 11, 128, 16, 251);
  }

  /** The same configuration with {@code steps} replaced (0: the prior-only baseline). */
  public FlowConfig withSteps(int newSteps) {
    return with(Map.of("steps", newSteps));
  }

  /**
   * This configuration with the named fields replaced ({@code "hiddenChannels"} → 96), validated as
   * a new one.
   *
   * @throws TrainerException {@code INVALID_CONFIG} naming an unknown, mistyped or out-of-range
   *     field
   */
  public FlowConfig with(Map<String, ?> changes) {
    return RecordCopies.with(FlowConfig.class, this, changes);
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
   * Reads a configuration written by {@link #toJson()}; every field is required except {@code
   * frequencyKernel}, {@code frequencyHidden} and {@code frequencyBins}, which configurations
   * written before them lack (they read as 0: no frequency branch).
   *
   * @throws TrainerException INVALID_CONFIG naming the missing, unknown or out-of-range field
   */
  public static FlowConfig fromJson(String json) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree instanceof ObjectNode object) {
        NO_FREQUENCY_BRANCH.forEach(
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
