package timbreflow.runtime.dsp;

/**
 * A linear magnitude spectrogram |X|, laid out like the model's tensors.
 *
 * <p>Layout: {@code [bins][frames]} row-major, i.e. element {@code (k, t)} is at {@code k * frames
 * + t}; this is one item of the model's {@code [B, 513, T]} input.
 *
 * @param values magnitudes, {@code bins * frames} of them
 * @param bins frequency bins (513)
 * @param frames time frames (T)
 */
public record Magnitude(float[] values, int bins, int frames) {

  public Magnitude {
    if (values.length != bins * frames) {
      throw new IllegalArgumentException(
          "expected "
              + bins
              + " x "
              + frames
              + " = "
              + (bins * frames)
              + " magnitudes, found "
              + values.length);
    }
  }

  /** The magnitude of bin {@code k} in frame {@code t}. */
  public float get(int k, int t) {
    return values[k * frames + t];
  }
}
