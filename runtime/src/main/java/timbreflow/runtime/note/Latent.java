package timbreflow.runtime.note;

import java.util.Arrays;
import java.util.Random;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * A note's latent: the flow's image of its features, {@code [bins, frames]} row-major, with the
 * condition it belongs to (the one it was encoded or sampled with, which decoding a conditional
 * flow uses again).
 *
 * @param values {@code [bins][frames]} row-major, finite
 * @param bins channels (513)
 * @param frames frames
 * @param condition the note's condition
 */
public record Latent(float[] values, int bins, int frames, Condition condition) {

  /** Checks the shape. */
  public Latent {
    if (bins < 1 || frames < 1 || values.length != bins * frames) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "latent: expected " + bins + " x " + frames + " values, found " + values.length);
    }
  }

  /**
   * This latent plus Gaussian noise of standard deviation {@code sigma} (the seed's check of how
   * sensitive the decoder is to the exact latent); the same seed gives the same noise.
   */
  public Latent withNoise(double sigma, long seed) {
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "noise: expected a standard deviation >= 0, found " + sigma);
    }
    float[] z = values.clone();
    if (sigma > 0) {
      Random random = new Random(seed ^ 0x5DEECE66DL);
      for (int i = 0; i < z.length; i++) {
        z[i] += (float) (sigma * random.nextGaussian());
      }
    }
    return new Latent(z, bins, frames, condition);
  }

  /**
   * The point {@code alpha} of the way from this latent to {@code other}: {@code (1 − alpha)·this +
   * alpha·other}, latents and conditions alike.
   */
  public Latent mix(Latent other, double alpha) {
    if (other.bins != bins || other.frames != frames) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "latent: expected "
              + bins
              + " x "
              + frames
              + " to mix with, found "
              + other.bins
              + " x "
              + other.frames);
    }
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((1 - alpha) * values[i] + alpha * other.values[i]);
    }
    return new Latent(out, bins, frames, condition.mix(other.condition, alpha));
  }

  /** This latent resampled linearly along time to {@code target} frames (a time-stretch). */
  public Latent stretched(int target) {
    if (target < 1) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "frames: expected >= 1, found " + target);
    }
    if (target == frames) {
      return this;
    }
    float[] out = new float[bins * target];
    for (int t = 0; t < target; t++) {
      double pos = target == 1 ? 0 : t * (frames - 1) / (double) (target - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(frames - 1, lo + 1);
      float f = (float) (pos - lo);
      for (int k = 0; k < bins; k++) {
        out[k * target + t] = values[k * frames + lo] * (1 - f) + values[k * frames + hi] * f;
      }
    }
    return new Latent(out, bins, target, condition);
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Latent l
        && bins == l.bins
        && frames == l.frames
        && condition.equals(l.condition)
        && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + condition.hashCode();
  }

  @Override
  public String toString() {
    return "Latent[" + bins + " x " + frames + ", " + condition + "]";
  }
}
