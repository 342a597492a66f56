package timbreflow.runtime.dsp;

import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.Waveform;

/**
 * The NSynth-baseline log-magnitude features in [0, 1] and their inverse.
 *
 * <p>Forward: {@code db = 10·log10(max(|X|², 1e-13) / ref)} with {@code ref = max(max |X|², 1e-13)}
 * the note's peak power, clipped to {@code [−120, 0]} dB, then {@code x = db / 120 + 1}. Inverse:
 * {@code |X| = sqrt(10^((x − 1)·12) · ref)}, exact for every bin above the −120 dB floor. This is
 * the one feature implementation that training and serving both run.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class LogMagnitude {

  /** Power floor before the logarithm, as the NSynth baseline: {@code 1e-13}. */
  public static final double POWER_FLOOR = 1e-13;

  /** Dynamic range kept below the note's peak, in dB. */
  public static final double RANGE_DB = 120.0;

  /** 10 / ln(10): decibels of power per neper. */
  private static final double DB_PER_NEPER = 10.0 / Math.log(10.0);

  private static final double LN2 = Math.log(2.0);
  private static final double SQRT2 = Math.sqrt(2.0);

  private final StftConfig config;
  private final Stft stft;

  /** Features with the given STFT conventions. */
  public LogMagnitude(StftConfig config) {
    this.config = config;
    this.stft = new Stft(config);
  }

  /** The STFT conventions these features use. */
  public StftConfig config() {
    return config;
  }

  /**
   * The features of a note as the model sees it: resampled to {@code config.sampleRate()} and cut
   * or zero-padded to {@code config.noteSamples()} first.
   *
   * @param note audio at any sample rate and length
   * @return {@code [bins][noteFrames]} features (513 × 251 by default)
   */
  public Features features(Waveform note) {
    return features(NoteLength.toModelNote(note, config).samples());
  }

  /**
   * The features of a signal already at the configured sample rate.
   *
   * @param signal samples at {@code config.sampleRate()}, any length
   * @return {@code [bins][1 + n/hop]} features with the signal's peak power as reference
   */
  public Features features(float[] signal) {
    return features(stft.magnitude(signal));
  }

  /**
   * The features of a magnitude spectrogram.
   *
   * @param magnitude {@code [bins][frames]} linear magnitudes |X|
   * @return {@code [bins][frames]} features in [0, 1] with the peak power as reference
   */
  public Features features(Magnitude magnitude) {
    float[] mag = magnitude.values();
    double peak = POWER_FLOOR;
    for (float m : mag) {
      double p = (double) m * m;
      if (p > peak) {
        peak = p;
      }
    }
    if (Double.isInfinite(peak) || Double.isNaN(peak)) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR, "expected finite magnitudes, found a peak power of " + peak);
    }
    float[] x = new float[mag.length];
    double offset = DB_PER_NEPER * ln(peak);
    for (int i = 0; i < mag.length; i++) {
      double p = (double) mag[i] * mag[i];
      if (Double.isNaN(p)) {
        throw new TimbreflowException(
            Reason.INVALID_TENSOR, "expected finite magnitudes, found NaN at " + i);
      }
      double db = DB_PER_NEPER * ln(Math.max(p, POWER_FLOOR)) - offset;
      if (db < -RANGE_DB) {
        db = -RANGE_DB;
      } else if (db > 0.0) {
        // only the peak itself, by rounding
        db = 0.0;
      }
      x[i] = (float) (db / RANGE_DB + 1.0);
    }
    return new Features(x, magnitude.bins(), magnitude.frames(), peak);
  }

  /**
   * The linear magnitude that features encode: {@code |X| = sqrt(10^((x − 1)·12) · ref)}.
   *
   * @param features {@code [bins][frames]} features in [0, 1]; values outside are clamped
   * @return {@code [bins][frames]} magnitudes at the features' reference loudness
   */
  public Magnitude magnitude(Features features) {
    float[] x = features.values();
    float[] mag = new float[x.length];
    double ref = features.reference();
    double scale = RANGE_DB / 10.0 * Math.log(10.0) / 2.0;
    double root = Math.sqrt(ref);
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      if (!(v >= 0.0)) {
        if (Double.isNaN(v)) {
          throw new TimbreflowException(
              Reason.INVALID_TENSOR, "expected features in [0, 1], found NaN at " + i);
        }
        v = 0.0;
      } else if (v > 1.0) {
        v = 1.0;
      }
      mag[i] = (float) (root * Math.exp((v - 1.0) * scale));
    }
    return new Magnitude(mag, features.bins(), features.frames());
  }

  /**
   * Natural logarithm of a positive normal {@code p}, within 1e-9 absolute: exponent plus the atanh
   * series of the mantissa in [√½, √2). About five times faster than {@link Math#log10}, which
   * dominated the feature time.
   */
  static double ln(double p) {
    long bits = Double.doubleToRawLongBits(p);
    int exponent = (int) ((bits >>> 52) & 0x7FF) - 1023;
    double m = Double.longBitsToDouble((bits & 0xFFFFFFFFFFFFFL) | 0x3FF0000000000000L);
    if (m > SQRT2) {
      m *= 0.5;
      exponent++;
    }
    double t = (m - 1.0) / (m + 1.0);
    double t2 = t * t;
    double series =
        t
            * (2.0
                + t2
                    * (2.0 / 3 + t2 * (2.0 / 5 + t2 * (2.0 / 7 + t2 * (2.0 / 9 + t2 * 2.0 / 11)))));
    return exponent * LN2 + series;
  }
}
