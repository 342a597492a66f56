package timbreflow.runtime.dsp;

import java.util.Arrays;
import java.util.OptionalDouble;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.Waveform;

/**
 * The fundamental frequency of a note by YIN (de Cheveigné &amp; Kawahara 2002).
 *
 * <p>Per frame: the difference function (through the FFT), its cumulative mean normalised form
 * {@code d'}, the first lag whose {@code d'} falls below an absolute threshold, walked down to its
 * local minimum, and parabolic interpolation of {@code d} there. Because a parabola through three
 * integer lags is biased when the period is only a few samples long, short periods are refined on
 * the dip at a multiple of the period (the same periodicity, measured over a longer lag). A note's
 * pitch is the median over frames of its loud part (within 30 dB of its loudest frame) in the first
 * {@code maxSeconds}; a note is unvoiced (empty) when fewer than half of those frames have a dip
 * below the threshold, as for noise and silence.
 *
 * <p>{@link #analyse} also gives YIN as published: a frame with no dip below the threshold takes
 * the lag of the global minimum of {@code d'} (the paper's step 4), so every loud frame has an
 * estimate, and the note's fundamental is their median. It reports how periodic the note is
 * alongside: the share of loud frames that dipped below the threshold and the median of {@code d'}
 * at the chosen lags (YIN's aperiodicity: 0 for a pure periodic signal, near 1 for white noise).
 *
 * <p>Immutable and thread-safe; each call allocates its own buffers. Default range: MIDI 21–108
 * (27.5–4186 Hz).
 */
public final class PitchEstimator {

  /** YIN's absolute threshold on {@code d'} used by {@link #PitchEstimator()}. */
  public static final double DEFAULT_THRESHOLD = 0.15;

  private static final double LOUD_DB = 30;
  private static final double SILENT_RMS = 1e-5;
  private static final double VOICED_FRACTION = 0.5;
  private static final int REFINE_LAG = 128;
  private static final int SHORT_PERIOD = 32;

  private final double threshold;
  private final double minHz;
  private final double maxHz;
  private final double maxSeconds;

  /** MIDI 21–108, threshold {@value #DEFAULT_THRESHOLD}, the first 3 s of a note. */
  public PitchEstimator() {
    this(DEFAULT_THRESHOLD, midiToHz(21), midiToHz(108), 3.0);
  }

  /**
   * @param threshold YIN's absolute threshold on {@code d'}, in (0, 1)
   * @param minHz lowest pitch searched, Hz
   * @param maxHz highest pitch searched, Hz, above {@code minHz}
   * @param maxSeconds how much of the start of the note to analyse, seconds
   */
  public PitchEstimator(double threshold, double minHz, double maxHz, double maxSeconds) {
    if (!(threshold > 0 && threshold < 1)) {
      throw invalid("threshold in (0, 1)", threshold);
    }
    if (!(minHz > 0 && maxHz > minHz)) {
      throw invalid("0 < minHz < maxHz", minHz + " and " + maxHz);
    }
    if (!(maxSeconds > 0)) {
      throw invalid("maxSeconds > 0", maxSeconds);
    }
    this.threshold = threshold;
    this.minHz = minHz;
    this.maxHz = maxHz;
    this.maxSeconds = maxSeconds;
  }

  /** {@link #estimateHz(float[], int)} of a waveform. */
  public OptionalDouble estimateHz(Waveform wave) {
    return estimateHz(wave.samples(), wave.sampleRate());
  }

  /**
   * The note's fundamental frequency in Hz, or empty when it is unvoiced, silent or too short (it
   * needs at least 1.5 periods of the lowest pitch searched: 55 ms for the default range).
   *
   * @param samples mono signal
   * @param sampleRate Hz
   */
  public OptionalDouble estimateHz(float[] samples, int sampleRate) {
    return analyse(samples, sampleRate).voicedHz();
  }

  /**
   * What YIN finds in a note.
   *
   * @param fundamentalHz YIN as published: the median over loud frames of each frame's estimate
   *     (the first dip below the threshold, else the global minimum of {@code d'}); empty only when
   *     the note is silent or too short
   * @param voicedHz {@link #estimateHz}: the median over the frames that dipped below the
   *     threshold, empty when fewer than half of the loud frames did
   * @param periodicShare share of loud frames with a dip below the threshold, 0 when none are loud
   * @param aperiodicity median over loud frames of {@code d'} at the chosen lag, NaN when none are
   *     loud
   */
  public record Analysis(
      OptionalDouble fundamentalHz,
      OptionalDouble voicedHz,
      double periodicShare,
      double aperiodicity) {

    private static final Analysis NOTHING =
        new Analysis(OptionalDouble.empty(), OptionalDouble.empty(), 0, Double.NaN);
  }

  /** One frame's period in samples, {@code d'} at the chosen lag, and whether it dipped. */
  private record FrameDip(double period, double aperiodicity, boolean periodic) {}

  /**
   * YIN's reading of a note: see {@link Analysis}.
   *
   * @param samples mono signal
   * @param sampleRate Hz
   */
  public Analysis analyse(float[] samples, int sampleRate) {
    if (sampleRate <= 0) {
      throw invalid("a positive sample rate", sampleRate);
    }
    int n = (int) Math.min(samples.length, Math.ceil(maxSeconds * sampleRate));
    int maxLag = (int) Math.ceil(sampleRate / minHz) + 2;
    int minLag = Math.max(2, (int) Math.floor(sampleRate / maxHz) - 1);
    int window = Math.min(Integer.highestOneBit(maxLag) << 1, n - maxLag - 1);
    if (window < maxLag / 2 || minLag + 2 > maxLag) {
      return Analysis.NOTHING;
    }
    double[] energy = new double[n + 1];
    for (int i = 0; i < n; i++) {
      energy[i + 1] = energy[i] + samples[i] * (double) samples[i];
    }
    int hop = Math.max(1, window / 2);
    int frames = (n - window - maxLag - 1) / hop + 1;
    double peak = 0;
    for (int f = 0; f < frames; f++) {
      peak = Math.max(peak, energy[f * hop + window] - energy[f * hop]);
    }
    double floor = Math.max(peak * Math.pow(10, -LOUD_DB / 10), window * SILENT_RMS * SILENT_RMS);
    YinDifference difference = new YinDifference(window, maxLag);
    double[] d = new double[maxLag + 1];
    double[] cmnd = new double[maxLag + 1];
    double[] all = new double[frames];
    double[] periodic = new double[frames];
    double[] aperiodicity = new double[frames];
    int voiced = 0;
    int loud = 0;
    for (int f = 0; f < frames; f++) {
      int start = f * hop;
      if (energy[start + window] - energy[start] < floor) {
        continue;
      }
      difference.compute(samples, energy, start, d);
      FrameDip dip = dip(d, cmnd, minLag, maxLag, sampleRate / maxHz, difference);
      all[loud] = sampleRate / dip.period();
      aperiodicity[loud++] = dip.aperiodicity();
      if (dip.periodic()) {
        periodic[voiced++] = sampleRate / dip.period();
      }
    }
    if (loud == 0) {
      return Analysis.NOTHING;
    }
    boolean enough = voiced >= Math.max(1, Math.ceil(loud * VOICED_FRACTION));
    return new Analysis(
        OptionalDouble.of(median(all, loud)),
        enough ? OptionalDouble.of(median(periodic, voiced)) : OptionalDouble.empty(),
        voiced / (double) loud,
        median(aperiodicity, loud));
  }

  /** The median of the first {@code n > 0} values (geometric mean of the middle two when even). */
  private static double median(double[] values, int n) {
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return n % 2 == 1 ? v[n / 2] : Math.sqrt(v[n / 2 - 1] * v[n / 2]);
  }

  /**
   * The frame's period: the first lag whose {@code d'} dips below the threshold, walked down to its
   * local minimum, or when none does, the lag of the global minimum of {@code d'}.
   */
  private FrameDip dip(
      double[] d, double[] cmnd, int minLag, int maxLag, double shortest, YinDifference diff) {
    cmnd[0] = 1;
    double running = 0;
    for (int tau = 1; tau <= maxLag; tau++) {
      running += d[tau];
      cmnd[tau] = running > 0 ? d[tau] * tau / running : 1;
    }
    int tau = minLag;
    while (tau < maxLag && cmnd[tau] >= threshold) {
      tau++;
    }
    boolean periodic = tau < maxLag;
    if (periodic) {
      while (tau + 1 < maxLag && cmnd[tau + 1] < cmnd[tau]) {
        tau++;
      }
    } else {
      tau = minLag;
      for (int t = minLag + 1; t < maxLag; t++) {
        if (cmnd[t] < cmnd[tau]) {
          tau = t;
        }
      }
    }
    double aperiodicity = cmnd[tau];
    double period = shorterPeriod(d, tau, shortest, diff);
    // refine short periods on the dip at a multiple: the same bias, divided by the multiple
    int multiple = 1;
    while (2 * multiple * period <= REFINE_LAG && 2 * multiple * period + 2 < maxLag) {
      multiple *= 2;
      int at = descend(d, (int) Math.round(multiple * period), maxLag);
      period = vertex(d, at) / multiple;
    }
    return new FrameDip(period, aperiodicity, periodic);
  }

  /**
   * A period {@code tau / k} when the frame repeats at that fractional lag too. A period of a few
   * samples can fall between integer lags so that no integer lag dips below the threshold until its
   * second or third multiple; the difference function at the fractional lag tells.
   */
  private double shorterPeriod(double[] d, int tau, double shortest, YinDifference diff) {
    if (tau < SHORT_PERIOD) {
      double mean = 0;
      for (int i = 1; i <= tau; i++) {
        mean += d[i];
      }
      mean /= tau;
      for (int k = (int) Math.floor(tau / Math.max(2, 0.97 * shortest)); k >= 2; k--) {
        if (diff.at(tau / (double) k) < threshold * mean) {
          return tau / (double) k;
        }
      }
    }
    return vertex(d, tau);
  }

  /** Walks from {@code at} downhill on {@code d} to a local minimum strictly inside (0, maxLag). */
  private static int descend(double[] d, int at, int maxLag) {
    int i = Math.max(1, Math.min(maxLag - 1, at));
    while (i > 1 && d[i - 1] < d[i]) {
      i--;
    }
    while (i < maxLag - 1 && d[i + 1] < d[i]) {
      i++;
    }
    return i;
  }

  /** Lag of the minimum of the parabola through d[tau-1], d[tau], d[tau+1]. */
  private static double vertex(double[] d, int tau) {
    double left = d[tau - 1];
    double mid = d[tau];
    double right = d[tau + 1];
    double curvature = left - 2 * mid + right;
    if (curvature <= 0) {
      return tau;
    }
    double shift = 0.5 * (left - right) / curvature;
    return tau + Math.max(-1, Math.min(1, shift));
  }

  /** Frequency in Hz of a (fractional) MIDI note number, A4 = 69 = 440 Hz. */
  public static double midiToHz(double midi) {
    return 440.0 * Math.pow(2, (midi - 69) / 12);
  }

  /** Fractional MIDI note number of a frequency in Hz. */
  public static double hzToMidi(double hz) {
    if (!(hz > 0)) {
      throw invalid("a positive frequency", hz);
    }
    return 69 + 12 * Math.log(hz / 440.0) / Math.log(2);
  }

  /** Cents from {@code hzA} up to {@code hzB}: {@code 1200 log2(hzB / hzA)}. */
  public static double centsBetween(double hzA, double hzB) {
    if (!(hzA > 0 && hzB > 0)) {
      throw invalid("positive frequencies", hzA + " and " + hzB);
    }
    return 1200 * Math.log(hzB / hzA) / Math.log(2);
  }

  private static TimbreflowException invalid(String expected, Object found) {
    return new TimbreflowException(
        Reason.INVALID_ARGUMENT, "expected " + expected + ", found " + found);
  }
}
