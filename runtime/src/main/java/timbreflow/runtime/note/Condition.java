package timbreflow.runtime.note;

import java.util.Arrays;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * What a note is conditioned on: a pitch (MIDI, continuous) and a family as weights over the
 * bundle's families.
 *
 * <p>A note of one instrument has an integer pitch and a one-hot family; {@link #mix} makes the
 * conditions between two notes. A format-1 bundle (unconditional flow) reads only the nearest
 * labels, in its prior and its bits/dim.
 *
 * @param pitch MIDI pitch
 * @param familyWeights non-negative weights over the families, summing to 1
 */
public record Condition(double pitch, float[] familyWeights) {

  /** Checks the pitch is finite and the weights a mixture. */
  public Condition {
    if (!Double.isFinite(pitch)) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "pitch: expected a finite MIDI number, found " + pitch);
    }
    double sum = 0;
    for (float w : familyWeights) {
      if (!(w >= 0)) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT, "family weights: expected weights >= 0, found " + w);
      }
      sum += w;
    }
    if (familyWeights.length == 0 || Math.abs(sum - 1) > 1e-3) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "family weights: expected weights summing to 1, found " + Arrays.toString(familyWeights));
    }
    familyWeights = familyWeights.clone();
  }

  /** One instrument's condition: an integer pitch and one family of {@code families}. */
  public static Condition of(int pitch, int family, int families) {
    if (family < 0 || family >= families) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "family: expected an index 0.." + (families - 1) + ", found " + family);
    }
    float[] w = new float[families];
    w[family] = 1f;
    return new Condition(pitch, w);
  }

  /** {@code (1 − alpha)·this + alpha·other}, pitch and weights alike. */
  public Condition mix(Condition other, double alpha) {
    if (other.familyWeights.length != familyWeights.length) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "family weights: expected "
              + familyWeights.length
              + " families, found "
              + other.familyWeights.length);
    }
    float[] w = new float[familyWeights.length];
    double sum = 0;
    for (int f = 0; f < w.length; f++) {
      w[f] = (float) ((1 - alpha) * familyWeights[f] + alpha * other.familyWeights[f]);
      sum += w[f];
    }
    for (int f = 0; f < w.length; f++) {
      w[f] = (float) (w[f] / sum);
    }
    return new Condition((1 - alpha) * pitch + alpha * other.pitch, w);
  }

  /** The heaviest family, the first on a tie. */
  public int family() {
    int best = 0;
    for (int f = 1; f < familyWeights.length; f++) {
      if (familyWeights[f] > familyWeights[best]) {
        best = f;
      }
    }
    return best;
  }

  /** The number of families. */
  public int families() {
    return familyWeights.length;
  }

  @Override
  public float[] familyWeights() {
    return familyWeights.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition c
        && Double.compare(pitch, c.pitch) == 0
        && Arrays.equals(familyWeights, c.familyWeights);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(pitch) * 31 + Arrays.hashCode(familyWeights);
  }

  @Override
  public String toString() {
    return "Condition[pitch=" + pitch + ", family weights=" + Arrays.toString(familyWeights) + "]";
  }
}
