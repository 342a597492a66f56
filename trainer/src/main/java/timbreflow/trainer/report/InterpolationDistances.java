package timbreflow.trainer.report;

/**
 * Where a decoded latent midpoint lies relative to its two endpoints and their linear mix, as RMS
 * distances over the feature spectrogram (feature units: 1 = 120 dB).
 *
 * @param midpointToMix distance from the decoded midpoint to {@code ½x_a + ½x_b}
 * @param midpointToA distance from the decoded midpoint to note A
 * @param midpointToB distance from the decoded midpoint to note B
 * @param aToB distance between the two notes (the linear mix is at half of it from each)
 */
public record InterpolationDistances(
    double midpointToMix, double midpointToA, double midpointToB, double aToB) {

  /**
   * The distances of {@code midpoint} from {@code a}, {@code b} and {@code ½a + ½b}.
   *
   * @param midpoint decode(½z_a + ½z_b), {@code [bins][frames]}
   * @param a note A's features
   * @param b note B's features
   */
  public static InterpolationDistances of(float[] midpoint, float[] a, float[] b) {
    float[] mix = linearMix(a, b);
    return new InterpolationDistances(
        FeatureErrors.rms(midpoint, mix),
        FeatureErrors.rms(midpoint, a),
        FeatureErrors.rms(midpoint, b),
        FeatureErrors.rms(a, b));
  }

  /**
   * The seed's baseline {@code ½a + ½b}: two notes' features mixed, not their latents (which only
   * the model mixes).
   */
  static float[] linearMix(float[] a, float[] b) {
    float[] mix = new float[a.length];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = 0.5f * a[i] + 0.5f * b[i];
    }
    return mix;
  }

  /**
   * How many times closer the midpoint is to the linear mix than to the nearer endpoint: above 1 it
   * is nearer the mix; a flow that interpolated exactly linearly would give infinity.
   */
  public double closerToMix() {
    return Math.min(midpointToA, midpointToB) / midpointToMix;
  }
}
