package timbreflow.runtime.onnx;

import java.util.Arrays;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * The condition inputs of a batch, in the continuous form of bundle format 2: pitch as a float MIDI
 * number per item and family as a weight vector over the families per item.
 *
 * <p>A format-1 bundle takes labels: {@link #pitchLabels()} rounds the pitch and {@link
 * #familyLabels()} takes each item's heaviest family, so a label condition passes through
 * unchanged.
 *
 * @param pitch MIDI pitch per item {@code [B]}
 * @param familyWeights family weights {@code [B, F]} row-major, each row non-negative with sum 1
 * @param families F
 */
public record GraphConditions(float[] pitch, float[] familyWeights, int families) {

  /** Checks shapes, finiteness and that each weight row is a mixture. */
  public GraphConditions {
    if (families < 1) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "families: expected >= 1, found " + families);
    }
    Tensors.checkLength(
        "family weights",
        familyWeights.length,
        (long) pitch.length * families,
        "[" + pitch.length + ", " + families + "]");
    for (int b = 0; b < pitch.length; b++) {
      if (!Float.isFinite(pitch[b])) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            "pitch[" + b + "]: expected a finite number, found " + pitch[b]);
      }
      double sum = 0;
      for (int f = 0; f < families; f++) {
        float w = familyWeights[b * families + f];
        if (!(w >= 0 && w <= 1)) {
          throw new TimbreflowException(
              Reason.INVALID_ARGUMENT,
              "family weights[" + b + ", " + f + "]: expected a weight in 0..1, found " + w);
        }
        sum += w;
      }
      if (Math.abs(sum - 1) > 1e-3) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            "family weights[" + b + "]: expected weights summing to 1, found sum " + sum);
      }
    }
    pitch = pitch.clone();
    familyWeights = familyWeights.clone();
  }

  /** Label conditions: each item's pitch and one-hot family. */
  public static GraphConditions ofLabels(long[] pitch, long[] family, int families) {
    if (pitch.length != family.length) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "family: expected "
              + pitch.length
              + " values (["
              + pitch.length
              + "]), found "
              + family.length);
    }
    Tensors.checkRange("family", family, 0, families - 1L);
    float[] p = new float[pitch.length];
    float[] w = new float[pitch.length * families];
    for (int b = 0; b < pitch.length; b++) {
      p[b] = pitch[b];
      w[b * families + (int) family[b]] = 1f;
    }
    return new GraphConditions(p, w, families);
  }

  /** B. */
  public int batch() {
    return pitch.length;
  }

  @Override
  public float[] pitch() {
    return pitch.clone();
  }

  @Override
  public float[] familyWeights() {
    return familyWeights.clone();
  }

  /** Each item's pitch rounded to the nearest MIDI note (format 1's input). */
  public long[] pitchLabels() {
    long[] out = new long[pitch.length];
    for (int b = 0; b < out.length; b++) {
      out[b] = Math.round(pitch[b]);
    }
    return out;
  }

  /** Each item's heaviest family, the first on a tie (format 1's input). */
  public long[] familyLabels() {
    long[] out = new long[pitch.length];
    for (int b = 0; b < out.length; b++) {
      int best = 0;
      for (int f = 1; f < families; f++) {
        if (familyWeights[b * families + f] > familyWeights[b * families + best]) {
          best = f;
        }
      }
      out[b] = best;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphConditions c
        && families == c.families
        && Arrays.equals(pitch, c.pitch)
        && Arrays.equals(familyWeights, c.familyWeights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pitch) * 31 + Arrays.hashCode(familyWeights) + families;
  }

  @Override
  public String toString() {
    return "GraphConditions[pitch=" + Arrays.toString(pitch) + ", families=" + families + "]";
  }
}
