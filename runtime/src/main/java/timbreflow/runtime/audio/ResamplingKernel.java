package timbreflow.runtime.audio;

/**
 * A Kaiser-windowed sinc low-pass, tabulated by phase, for one pair of sample rates.
 *
 * <p>For a rational ratio {@code up/down} (reduced) with {@code up} small, every output sample
 * falls on one of {@code up} phases and each phase has its own exact coefficients (a polyphase
 * filter). For awkward ratios ({@code up} large, e.g. 44101 to 16000) the kernel is tabulated on a
 * fine grid of phases and output samples interpolate linearly between the two nearest rows.
 *
 * <p>The filter passes up to {@value #PASSBAND} of the lower Nyquist frequency and stops from the
 * lower Nyquist frequency on, with {@value #STOPBAND_DB} dB stop-band attenuation. Each phase is
 * normalised to unit DC gain. Instances are immutable and thread-safe.
 */
final class ResamplingKernel {

  /** Passband edge as a fraction of the lower Nyquist frequency. */
  static final double PASSBAND = 0.9;

  /** Stop-band attenuation designed for, dB. */
  static final double STOPBAND_DB = 100;

  private static final int MAX_EXACT_PHASES = 1024;
  private static final int MAX_COEFFICIENTS = 1 << 22;

  private final int up;
  private final int down;
  private final int phases;
  private final boolean exact;
  private final int half;
  private final int taps;
  private final float[] coefficients;

  private ResamplingKernel(int up, int down, int phases, boolean exact, int half, float[] c) {
    this.up = up;
    this.down = down;
    this.phases = phases;
    this.exact = exact;
    this.half = half;
    this.taps = 2 * half;
    this.coefficients = c;
  }

  static ResamplingKernel design(int sourceRate, int targetRate) {
    int g = gcd(sourceRate, targetRate);
    int up = targetRate / g;
    int down = sourceRate / g;
    double lowNyquist = Math.min(sourceRate, targetRate) / 2.0;
    double pass = PASSBAND * lowNyquist;
    double cutoff = (pass + lowNyquist) / 2 / sourceRate; // cycles per input sample
    double transition = (lowNyquist - pass) / sourceRate;
    double length = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
    double halfWidth = length / 2; // input samples
    int half = (int) Math.ceil(halfWidth);
    int taps = 2 * half;
    boolean exact = up <= MAX_EXACT_PHASES && (long) up * taps <= MAX_COEFFICIENTS;
    int phases;
    if (exact) {
      phases = up;
    } else {
      phases =
          Integer.highestOneBit(Math.max(16, Math.min(MAX_EXACT_PHASES, MAX_COEFFICIENTS / taps)));
    }
    int rows = exact ? phases : phases + 1;
    float[] c = new float[rows * taps];
    double beta = 0.1102 * (STOPBAND_DB - 8.7);
    double i0Beta = besselI0(beta);
    for (int p = 0; p < rows; p++) {
      double frac = p / (double) phases;
      double sum = 0;
      double[] row = new double[taps];
      for (int j = 0; j < taps; j++) {
        double t = frac + half - 1 - j;
        double r = t / halfWidth;
        if (Math.abs(r) < 1) {
          double x = 2 * cutoff * t;
          double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
          row[j] = 2 * cutoff * sinc * besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
          sum += row[j];
        }
      }
      for (int j = 0; j < taps; j++) {
        c[p * taps + j] = (float) (row[j] / sum);
      }
    }
    return new ResamplingKernel(up, down, phases, exact, half, c);
  }

  /** Output samples for {@code inputLength} input samples: those at times before the input ends. */
  long outputLength(int inputLength) {
    return ((long) inputLength * up + down - 1) / down;
  }

  /** Filters and resamples {@code in} into {@code out}, treating samples outside as zero. */
  void apply(float[] in, float[] out) {
    float[] padded = new float[in.length + taps + 1];
    System.arraycopy(in, 0, padded, half, in.length);
    for (int n = 0; n < out.length; n++) {
      long pos = (long) n * down;
      int base = (int) (pos / up);
      int rem = (int) (pos % up);
      int start = base + 1;
      if (exact) {
        out[n] = dot(padded, start, rem * taps);
      } else {
        double phase = rem * (double) phases / up;
        int p0 = (int) phase;
        float w = (float) (phase - p0);
        float a = dot(padded, start, p0 * taps);
        float b = dot(padded, start, (p0 + 1) * taps);
        out[n] = a + w * (b - a);
      }
    }
  }

  private float dot(float[] x, int start, int row) {
    float[] c = coefficients;
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int j = 0;
    for (; j + 3 < taps; j += 4) {
      s0 += c[row + j] * x[start + j];
      s1 += c[row + j + 1] * x[start + j + 1];
      s2 += c[row + j + 2] * x[start + j + 2];
      s3 += c[row + j + 3] * x[start + j + 3];
    }
    for (; j < taps; j++) {
      s0 += c[row + j] * x[start + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Taps per output sample. */
  int taps() {
    return taps;
  }

  /** Whether each output phase has exact coefficients (no interpolation between rows). */
  boolean exact() {
    return exact;
  }

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    double q = x * x / 4;
    for (int k = 1; k < 500; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
