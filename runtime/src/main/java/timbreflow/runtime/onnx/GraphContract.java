package timbreflow.runtime.onnx;

import java.util.List;

/**
 * The interface of the three graphs for one bundle format: names, element types and shapes ({@code
 * -1} = dynamic).
 *
 * <p>Format 1 (the seed's unconditional flow; only the prior sees the condition, as labels):
 *
 * <pre>
 * encoder: features f32 [B, bins, T], pitch i64 [B], family i64 [B] → z f32 [B, bins, T], bits_per_dim f32 [B]
 * decoder: z f32 [B, bins, T] → features f32 [B, bins, T]
 * prior:   pitch i64 [B], family i64 [B], frames i64 [] → mean f32 [B, bins, T], log_std f32 [B, bins, T]
 * </pre>
 *
 * <p>Format 2 (a conditional flow): the condition is continuous, pitch a float MIDI number and
 * family a weight vector over the F families, and the decoder takes it too:
 *
 * <pre>
 * encoder: features f32 [B, bins, T], pitch f32 [B], family f32 [B, F] → z, bits_per_dim
 * decoder: z f32 [B, bins, T], pitch f32 [B], family f32 [B, F] → features f32 [B, bins, T]
 * prior:   pitch f32 [B], family f32 [B, F], frames i64 [] → mean, log_std
 * </pre>
 *
 * <p>The prior takes the frame count as an int64 scalar and broadcasts its per-channel parameters
 * along time ({@code Expand}), so a caller needs no dummy frames-shaped tensor.
 *
 * @param formatVersion {@link #UNCONDITIONAL_FLOW} or {@link #CONDITIONAL_FLOW}
 * @param bins frequency bins, the graphs' channel count
 * @param families F, the number of instrument families
 */
public record GraphContract(int formatVersion, int bins, int families) {

  /** Bundle format of the seed's design: an unconditional flow, a prior on labels. */
  public static final int UNCONDITIONAL_FLOW = 1;

  /** Bundle format of a conditional flow with a continuous condition. */
  public static final int CONDITIONAL_FLOW = 2;

  /** Bundle key and file stem of the encoder graph. */
  public static final String ENCODER = "encoder";

  /** Bundle key and file stem of the decoder graph. */
  public static final String DECODER = "decoder";

  /** Bundle key and file stem of the prior graph. */
  public static final String PRIOR = "prior";

  /** Graph names in bundle order. */
  public static final List<String> GRAPHS = List.of(ENCODER, DECODER, PRIOR);

  public static final String FEATURES = "features";
  public static final String PITCH = "pitch";
  public static final String FAMILY = "family";
  public static final String FRAMES = "frames";
  public static final String Z = "z";
  public static final String BITS_PER_DIM = "bits_per_dim";
  public static final String MEAN = "mean";
  public static final String LOG_STD = "log_std";

  /** Checks the format and sizes. */
  public GraphContract {
    if (formatVersion != UNCONDITIONAL_FLOW && formatVersion != CONDITIONAL_FLOW) {
      throw new IllegalArgumentException(
          "expected bundle format "
              + UNCONDITIONAL_FLOW
              + " or "
              + CONDITIONAL_FLOW
              + ", found "
              + formatVersion);
    }
    if (bins < 1 || families < 1) {
      throw new IllegalArgumentException(
          "expected positive bins and families, found " + bins + " and " + families);
    }
  }

  /** The contract of a bundle with this manifest. */
  public static GraphContract of(Manifest manifest) {
    return new GraphContract(manifest.formatVersion(), manifest.bins(), manifest.families().size());
  }

  /** Whether the decoder takes the condition and the condition is continuous (format 2). */
  public boolean conditionalFlow() {
    return formatVersion == CONDITIONAL_FLOW;
  }

  /** The inputs of {@code graph}. */
  public List<TensorSpec> inputs(String graph) {
    return switch (graph) {
      case ENCODER -> List.of(features(FEATURES), pitch(), family());
      case DECODER ->
          conditionalFlow() ? List.of(features(Z), pitch(), family()) : List.of(features(Z));
      case PRIOR ->
          List.of(pitch(), family(), new TensorSpec(FRAMES, TensorSpec.INT64, new long[0]));
      default ->
          throw new IllegalArgumentException("expected one of " + GRAPHS + ", found " + graph);
    };
  }

  /** The outputs of {@code graph}. */
  public List<TensorSpec> outputs(String graph) {
    return switch (graph) {
      case ENCODER ->
          List.of(features(Z), new TensorSpec(BITS_PER_DIM, TensorSpec.FLOAT32, new long[] {-1}));
      case DECODER -> List.of(features(FEATURES));
      case PRIOR -> List.of(features(MEAN), features(LOG_STD));
      default ->
          throw new IllegalArgumentException("expected one of " + GRAPHS + ", found " + graph);
    };
  }

  private TensorSpec features(String name) {
    return new TensorSpec(name, TensorSpec.FLOAT32, new long[] {-1, bins, -1});
  }

  private TensorSpec pitch() {
    return new TensorSpec(
        PITCH, conditionalFlow() ? TensorSpec.FLOAT32 : TensorSpec.INT64, new long[] {-1});
  }

  private TensorSpec family() {
    return conditionalFlow()
        ? new TensorSpec(FAMILY, TensorSpec.FLOAT32, new long[] {-1, families})
        : new TensorSpec(FAMILY, TensorSpec.INT64, new long[] {-1});
  }
}
