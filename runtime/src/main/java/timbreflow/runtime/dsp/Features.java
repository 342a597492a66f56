package timbreflow.runtime.dsp;

/**
 * NSynth-baseline log-magnitude features in [0, 1] with the note's reference power.
 *
 * <p>{@code x = clip(10·log10(max(|X|², 1e-13) / ref), -120, 0) / 120 + 1}, where {@code ref} is
 * the note's maximum power {@code max |X|²}. Layout as {@link Magnitude}: {@code [bins][frames]}
 * row-major, one item of the model's {@code [B, 513, T]} input.
 *
 * @param values features in [0, 1], {@code bins * frames} of them
 * @param bins frequency bins (513)
 * @param frames time frames (T)
 * @param reference the note's maximum power |X|², kept to restore its loudness on decode
 */
public record Features(float[] values, int bins, int frames, double reference) {

  public Features {
    if (values.length != bins * frames) {
      throw new IllegalArgumentException(
          "expected "
              + bins
              + " x "
              + frames
              + " = "
              + (bins * frames)
              + " features, found "
              + values.length);
    }
    if (!(reference > 0) || Double.isInfinite(reference)) {
      throw new IllegalArgumentException(
          "expected a positive finite reference power, found " + reference);
    }
  }

  /** The feature of bin {@code k} in frame {@code t}. */
  public float get(int k, int t) {
    return values[k * frames + t];
  }
}
