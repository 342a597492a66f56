package timbreflow.runtime.audio;

import java.util.LinkedHashMap;
import java.util.Map;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc (polyphase for rational ratios).
 *
 * <p>Passband flat to within 0.001 dB up to 90 % of the lower Nyquist frequency, 100 dB attenuation
 * from the lower Nyquist frequency on, so a 44.1 or 48 kHz recording brought to 16 kHz keeps
 * everything below 7.2 kHz and folds nothing audible back from above 8 kHz. Zero phase: the output
 * is not delayed. The input is treated as zero outside its extent; the output holds every sample
 * whose time falls inside the input, {@code ceil(n * target / source)} samples.
 *
 * <p>Filter designs are cached per rate pair, so converting many notes at one rate designs once.
 */
public final class Resampler {

  /** Largest ratio between the two rates, either way. */
  public static final int MAX_RATIO = 256;

  private static final int CACHE_SIZE = 16;

  private static final Map<Long, ResamplingKernel> KERNELS =
      new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ResamplingKernel> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private Resampler() {}

  /**
   * Converts a waveform to {@code targetRate}; returns {@code wave} itself when the rates match.
   *
   * @param wave mono audio, any rate
   * @param targetRate Hz, within a factor {@link #MAX_RATIO} of the source rate
   * @return {@code ceil(n * targetRate / sourceRate)} samples at {@code targetRate}
   */
  public static Waveform resample(Waveform wave, int targetRate) {
    int sourceRate = wave.sampleRate();
    if (targetRate <= 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "expected a positive target rate, found " + targetRate);
    }
    if (targetRate == sourceRate) {
      return wave;
    }
    long hi = Math.max(sourceRate, targetRate);
    long lo = Math.min(sourceRate, targetRate);
    if (hi > lo * MAX_RATIO) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected rates within a factor "
              + MAX_RATIO
              + " of each other, found "
              + sourceRate
              + " Hz to "
              + targetRate
              + " Hz");
    }
    ResamplingKernel kernel = kernel(sourceRate, targetRate);
    long length = kernel.outputLength(wave.length());
    if (length > Integer.MAX_VALUE - 16) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected a resampled length that fits an array, found " + length + " samples");
    }
    float[] out = new float[(int) length];
    kernel.apply(wave.samples(), out);
    return new Waveform(out, targetRate);
  }

  static ResamplingKernel kernel(int sourceRate, int targetRate) {
    Long key = (long) sourceRate << 32 | targetRate;
    synchronized (KERNELS) {
      ResamplingKernel k = KERNELS.get(key);
      if (k != null) {
        return k;
      }
    }
    ResamplingKernel k = ResamplingKernel.design(sourceRate, targetRate);
    synchronized (KERNELS) {
      KERNELS.put(key, k);
    }
    return k;
  }
}
