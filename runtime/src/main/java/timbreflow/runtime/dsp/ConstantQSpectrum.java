package timbreflow.runtime.dsp;

/**
 * A complex constant-Q spectrogram with the centre frequency of every bin.
 *
 * <p>Layout as {@link ComplexSpectrogram}: {@code [bins][frames]} row-major, element {@code (k, t)}
 * at {@code k * frames + t}; bin 0 is the lowest frequency, frame {@code t} is centred on sample
 * {@code t·hop}. The phase advances by about {@code 2π·f·hop / sampleRate} per frame for a steady
 * sinusoid of {@code f} Hz.
 *
 * @param real real parts, {@code bins * frames} of them
 * @param imag imaginary parts, {@code bins * frames} of them
 * @param bins frequency bins
 * @param frames time frames ({@code 1 + samples / hop})
 * @param frequencies centre frequency of each bin in Hz, ascending, {@code bins} of them
 * @param sampleRate sample rate of the analysed signal in Hz
 * @param hop samples between frame centres
 */
public record ConstantQSpectrum(
    float[] real,
    float[] imag,
    int bins,
    int frames,
    double[] frequencies,
    int sampleRate,
    int hop) {

  public ConstantQSpectrum {
    ComplexSpectrogram.requireShape(real, imag, bins, frames);
    if (frequencies.length != bins) {
      throw new IllegalArgumentException(
          "expected " + bins + " frequencies, found " + frequencies.length);
    }
  }

  /** The magnitude |C| of every element, same layout. */
  public Magnitude magnitude() {
    return new ComplexSpectrogram(real, imag, bins, frames).magnitude();
  }

  /**
   * How far each frame's phase advance departs from its bin's expected advance.
   *
   * <p>Element {@code (k, t)} is {@code princarg(φ[k][t] − φ[k][t−1] − 2π·f_k·hop / sampleRate)} in
   * radians, in (−π, π]: zero for a steady sinusoid at the bin's centre, positive above it. Frame 0
   * has no predecessor and repeats frame 1 (zero when there is one frame). Silent bins (|C| = 0)
   * have phase 0, so the result is always finite.
   *
   * @return {@code [bins][frames]} radians
   */
  public float[] phaseDeviation() {
    float[] out = new float[bins * frames];
    for (int k = 0; k < bins; k++) {
      double expected = 2 * Math.PI * frequencies[k] * hop / sampleRate;
      int row = k * frames;
      double previous = Math.atan2(imag[row], real[row]);
      for (int t = 1; t < frames; t++) {
        double phase = Math.atan2(imag[row + t], real[row + t]);
        out[row + t] = (float) principalArgument(phase - previous - expected);
        previous = phase;
      }
      out[row] = frames > 1 ? out[row + 1] : 0f;
    }
    return out;
  }

  /**
   * The instantaneous frequency of every element: the bin's centre plus its {@link #phaseDeviation}
   * converted to Hz, {@code f_k + Δ·sampleRate / (2π·hop)}.
   *
   * <p>Unambiguous only within {@code ±sampleRate / (2·hop)} Hz of the bin's centre (±31.25 Hz at
   * 16 kHz, hop 256): a partial further away aliases, as any hop-sampled phase does.
   *
   * @return {@code [bins][frames]} Hz
   */
  public float[] instantaneousFrequency() {
    float[] deviation = phaseDeviation();
    double hzPerRadian = sampleRate / (2 * Math.PI * hop);
    for (int k = 0; k < bins; k++) {
      for (int t = 0; t < frames; t++) {
        int i = k * frames + t;
        deviation[i] = (float) (frequencies[k] + deviation[i] * hzPerRadian);
      }
    }
    return deviation;
  }

  /** {@code x} wrapped into (−π, π]. */
  static double principalArgument(double x) {
    double wrapped = x - 2 * Math.PI * Math.floor((x + Math.PI) / (2 * Math.PI));
    return wrapped <= -Math.PI ? wrapped + 2 * Math.PI : wrapped;
  }
}
