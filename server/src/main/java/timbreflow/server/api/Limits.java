package timbreflow.server.api;

/**
 * The request limits and defaults handlers enforce.
 *
 * @param defaultIterations Griffin-Lim iterations when a request names none
 * @param maxIterations the cap on {@code iterations}
 * @param defaultMomentum Griffin-Lim momentum when a request names none
 * @param maxBodyBytes request bodies above this get 413
 */
public record Limits(
    int defaultIterations, int maxIterations, double defaultMomentum, long maxBodyBytes) {

  /** Largest {@code steps} of an interpolation sweep. */
  public static final int MAX_STEPS = 16;

  /** Largest {@code stretch} of an interpolation sweep step. */
  public static final double MAX_STRETCH = 4.0;

  /** Largest sampling temperature. */
  public static final double MAX_TEMPERATURE = 2.0;

  /** Largest standard deviation of latent noise. */
  public static final double MAX_NOISE = 10.0;
}
