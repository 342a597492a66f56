package timbreflow.runtime.dsp;

/**
 * A complex STFT, real and imaginary parts in two arrays.
 *
 * <p>Layout as {@link Magnitude}: {@code [bins][frames]} row-major, element {@code (k, t)} at
 * {@code k * frames + t}. Sign convention as numpy/librosa: {@code X[k] = Σ x[n]·e^(−2πikn/N)}.
 *
 * @param real real parts, {@code bins * frames} of them
 * @param imag imaginary parts, {@code bins * frames} of them
 * @param bins frequency bins ({@code nFft / 2 + 1})
 * @param frames time frames
 */
public record ComplexSpectrogram(float[] real, float[] imag, int bins, int frames) {

  public ComplexSpectrogram {
    requireShape(real, imag, bins, frames);
  }

  /** Throws unless {@code real} and {@code imag} each hold {@code bins × frames} values. */
  static void requireShape(float[] real, float[] imag, int bins, int frames) {
    if (real.length != bins * frames || imag.length != bins * frames) {
      throw new IllegalArgumentException(
          "expected "
              + bins
              + " x "
              + frames
              + " = "
              + (bins * frames)
              + " real and imaginary parts, found "
              + real.length
              + " and "
              + imag.length);
    }
  }

  /** The magnitude |X| of every element, same layout. */
  public Magnitude magnitude() {
    float[] m = new float[real.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) Math.sqrt((double) real[i] * real[i] + (double) imag[i] * imag[i]);
    }
    return new Magnitude(m, bins, frames);
  }
}
