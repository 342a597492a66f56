package timbreflow.runtime.onnx;

import java.util.List;

/**
 * The fixed interface of the three graphs: names, element types and shapes ({@code -1} = dynamic).
 *
 * <pre>
 * encoder: features f32 [B, bins, T], pitch i64 [B], family i64 [B] → z f32 [B, bins, T], bits_per_dim f32 [B]
 * decoder: z f32 [B, bins, T] → features f32 [B, bins, T]
 * prior:   pitch i64 [B], family i64 [B], frames i64 [] → mean f32 [B, bins, T], log_std f32 [B, bins, T]
 * </pre>
 *
 * <p>The prior takes the frame count as an int64 scalar and broadcasts its per-channel parameters
 * along time ({@code Expand}), so a caller needs no dummy frames-shaped tensor.
 */
public final class GraphContract {

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

  private GraphContract() {}

  /** The inputs of {@code graph} for a model over {@code bins} channels. */
  public static List<TensorSpec> inputs(String graph, int bins) {
    return switch (graph) {
      case ENCODER -> List.of(features(FEATURES, bins), batchIndex(PITCH), batchIndex(FAMILY));
      case DECODER -> List.of(features(Z, bins));
      case PRIOR ->
          List.of(
              batchIndex(PITCH),
              batchIndex(FAMILY),
              new TensorSpec(FRAMES, TensorSpec.INT64, new long[0]));
      default ->
          throw new IllegalArgumentException("expected one of " + GRAPHS + ", found " + graph);
    };
  }

  /** The outputs of {@code graph} for a model over {@code bins} channels. */
  public static List<TensorSpec> outputs(String graph, int bins) {
    return switch (graph) {
      case ENCODER ->
          List.of(
              features(Z, bins), new TensorSpec(BITS_PER_DIM, TensorSpec.FLOAT32, new long[] {-1}));
      case DECODER -> List.of(features(FEATURES, bins));
      case PRIOR -> List.of(features(MEAN, bins), features(LOG_STD, bins));
      default ->
          throw new IllegalArgumentException("expected one of " + GRAPHS + ", found " + graph);
    };
  }

  private static TensorSpec features(String name, int bins) {
    return new TensorSpec(name, TensorSpec.FLOAT32, new long[] {-1, bins, -1});
  }

  private static TensorSpec batchIndex(String name) {
    return new TensorSpec(name, TensorSpec.INT64, new long[] {-1});
  }
}
