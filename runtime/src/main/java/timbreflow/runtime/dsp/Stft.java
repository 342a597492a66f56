package timbreflow.runtime.dsp;

import org.jtransforms.fft.FloatFFT_1D;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * The centered short-time Fourier transform and its inverse, as librosa &ge; 0.10 computes them.
 *
 * <p>Forward: the signal gets {@code nFft / 2} zeros on both sides, frame {@code t} is the padded
 * signal from {@code t·hop} times a periodic Hann window, and its real FFT gives {@code nFft / 2 +
 * 1} bins; a signal of {@code n} samples has {@code 1 + n / hop} frames. Inverse: windowed
 * overlap-add of the inverse FFTs divided by the window-sum-square envelope, cut to the requested
 * length (librosa's {@code istft}), so that {@code inverse(forward(x), n) = x}.
 *
 * <p>Instances are immutable and safe to share between threads; each call allocates its own work
 * buffers.
 */
public final class Stft {

  private final StftConfig config;
  private final float[] window;
  private final FloatFFT_1D fft;

  /** An STFT with the given conventions. */
  public Stft(StftConfig config) {
    this.config = config;
    this.window = Windows.periodicHann(config.nFft());
    this.fft = new FloatFFT_1D(config.nFft());
  }

  /** The conventions this STFT uses. */
  public StftConfig config() {
    return config;
  }

  /**
   * The complex STFT of a signal.
   *
   * @param signal samples, at least one
   * @return {@code [bins][frames]} with {@code bins = nFft/2 + 1}, {@code frames = 1 + n/hop}
   */
  public ComplexSpectrogram forward(float[] signal) {
    int frames = frames(signal);
    int bins = config.bins();
    float[] re = new float[bins * frames];
    float[] im = new float[bins * frames];
    float[] buffer = new float[config.nFft()];
    for (int t = 0; t < frames; t++) {
      analyse(signal, t, buffer);
      re[t] = buffer[0];
      im[t] = 0f;
      re[(bins - 1) * frames + t] = buffer[1];
      im[(bins - 1) * frames + t] = 0f;
      for (int k = 1; k < bins - 1; k++) {
        re[k * frames + t] = buffer[2 * k];
        im[k * frames + t] = buffer[2 * k + 1];
      }
    }
    return new ComplexSpectrogram(re, im, bins, frames);
  }

  /**
   * The magnitude |X| of the STFT of a signal, without keeping the phase.
   *
   * @param signal samples, at least one
   * @return {@code [bins][frames]} magnitudes
   */
  public Magnitude magnitude(float[] signal) {
    int frames = frames(signal);
    int bins = config.bins();
    float[] mag = new float[bins * frames];
    float[] buffer = new float[config.nFft()];
    for (int t = 0; t < frames; t++) {
      analyse(signal, t, buffer);
      mag[t] = Math.abs(buffer[0]);
      mag[(bins - 1) * frames + t] = Math.abs(buffer[1]);
      for (int k = 1; k < bins - 1; k++) {
        float r = buffer[2 * k];
        float i = buffer[2 * k + 1];
        mag[k * frames + t] = (float) Math.sqrt(r * r + i * i);
      }
    }
    return new Magnitude(mag, bins, frames);
  }

  /**
   * The signal whose STFT is closest to {@code spectrum} (librosa's {@code istft}).
   *
   * @param spectrum {@code [bins][frames]} with {@code bins = nFft/2 + 1}
   * @param length samples to return; samples the frames do not reach are zero
   * @return {@code length} samples
   */
  public float[] inverse(ComplexSpectrogram spectrum, int length) {
    int nFft = config.nFft();
    int hop = config.hop();
    int bins = config.bins();
    if (spectrum.bins() != bins) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "expected a spectrum of " + bins + " bins, found " + spectrum.bins());
    }
    if (length < 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "expected a non-negative length, found " + length);
    }
    int frames = spectrum.frames();
    float[] re = spectrum.real();
    float[] im = spectrum.imag();
    double[] sum = new double[nFft + hop * (frames - 1)];
    float[] buffer = new float[nFft];
    for (int t = 0; t < frames; t++) {
      buffer[0] = re[t];
      buffer[1] = re[(bins - 1) * frames + t];
      for (int k = 1; k < bins - 1; k++) {
        buffer[2 * k] = re[k * frames + t];
        buffer[2 * k + 1] = im[k * frames + t];
      }
      fft.realInverse(buffer, true);
      int start = t * hop;
      for (int j = 0; j < nFft; j++) {
        sum[start + j] += buffer[j] * window[j];
      }
    }
    double[] inverseWss = Windows.inverseWindowSumSquare(window, hop, frames);
    float[] out = new float[length];
    int pad = nFft / 2;
    int available = Math.min(length, sum.length - pad);
    for (int i = 0; i < available; i++) {
      out[i] = (float) (sum[pad + i] * inverseWss[pad + i]);
    }
    return out;
  }

  private int frames(float[] signal) {
    if (signal.length == 0) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "expected a signal of at least one sample, found none");
    }
    return config.frames(signal.length);
  }

  /** Windows frame {@code t} of the zero-padded signal into {@code buffer} and transforms it. */
  private void analyse(float[] signal, int t, float[] buffer) {
    int nFft = config.nFft();
    int offset = t * config.hop() - nFft / 2;
    for (int j = 0; j < nFft; j++) {
      int n = offset + j;
      buffer[j] = n >= 0 && n < signal.length ? signal[n] * window[j] : 0f;
    }
    fft.realForward(buffer);
  }
}
