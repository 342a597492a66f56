package timbreflow.runtime.phase;

import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.dsp.Windows;

/**
 * Phase reconstruction from a magnitude spectrogram: fast Griffin-Lim (Perraudin, Balazs and
 * Søndergaard 2013), or plain Griffin-Lim (1984) with momentum 0.
 *
 * <p>Each iteration synthesises the signal whose STFT is closest to {@code S·angles}, analyses it
 * again ({@code rebuilt}), and sets {@code angles = a/|a|} with {@code a = rebuilt −
 * (m/(1+m))·rebuilt_previous}: librosa's and torchaudio's {@code griffinlim}. STFT conventions are
 * those of {@link Stft} (centered, zero padding, periodic Hann); they require {@code hop = nFft /
 * 4}. The work is done in place, frames held as SIMD lanes (see {@link LaneFft}), split across
 * {@link GriffinLimConfig#threads()} threads per note, without allocating inside the loop. The
 * result does not depend on the thread count, bit for bit.
 *
 * <p>Instances are immutable and safe to share; each call uses its own buffers, the calling thread
 * and {@code threads − 1} helper threads from a shared pool of daemon threads that park between
 * calls.
 */
public final class GriffinLim {

  private final StftConfig stft;
  private final GriffinLimConfig config;
  private final float[] window;

  /**
   * Griffin-Lim for spectrograms with the given STFT conventions.
   *
   * @throws TimbreflowException INVALID_ARGUMENT unless {@code hop = nFft/4} and {@code nFft >= 64}
   */
  public GriffinLim(StftConfig stft, GriffinLimConfig config) {
    if (stft.hop() * 4 != stft.nFft() || stft.nFft() < 64) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "expected hop = nFft / 4 and nFft >= 64 for Griffin-Lim, found nFft "
              + stft.nFft()
              + " and hop "
              + stft.hop());
    }
    this.stft = stft;
    this.config = config;
    this.window = Windows.periodicHann(stft.nFft());
  }

  /** The settings of this reconstruction. */
  public GriffinLimConfig config() {
    return config;
  }

  /**
   * Reconstructs one note.
   *
   * @param magnitude {@code [bins][frames]} target |X|, {@code bins = nFft/2 + 1}
   */
  public GriffinLimResult reconstruct(Magnitude magnitude) {
    return reconstruct(List.of(magnitude), GriffinLimListener.NONE).get(0);
  }

  /**
   * Reconstructs a batch of notes, one after the other, each with all configured threads.
   *
   * @param magnitudes {@code [bins][frames]} targets; frames may differ between notes
   * @param listener progress and cancellation, checked once per iteration
   * @throws TimbreflowException CANCELLED when the listener cancels, INVALID_TENSOR for a bad shape
   *     or non-finite magnitudes
   */
  public List<GriffinLimResult> reconstruct(
      List<Magnitude> magnitudes, GriffinLimListener listener) {
    List<GriffinLimResult> results = new ArrayList<>(magnitudes.size());
    Stft analysis = new Stft(stft);
    for (int note = 0; note < magnitudes.size(); note++) {
      Magnitude magnitude = magnitudes.get(note);
      check(magnitude);
      long start = System.nanoTime();
      int length = config.length() > 0 ? config.length() : stft.hop() * (magnitude.frames() - 1);
      PhaseRetrieval retrieval = new PhaseRetrieval(stft, config, window, magnitude, length);
      float[] samples = retrieval.run(listener, note, length);
      long nanos = System.nanoTime() - start;
      double sc = spectralConvergenceDb(magnitude, analysis.magnitude(samples));
      results.add(new GriffinLimResult(samples, sc, retrieval.iterationsRun(), nanos));
    }
    return results;
  }

  /**
   * Spectral convergence {@code 20·log10(‖S − R‖_F / ‖S‖_F)} in dB; frames beyond the shorter of
   * the two count as zero in the other.
   */
  public static double spectralConvergenceDb(Magnitude target, Magnitude rebuilt) {
    if (target.bins() != rebuilt.bins()) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "expected equal bins, found " + target.bins() + " and " + rebuilt.bins());
    }
    int frames = Math.max(target.frames(), rebuilt.frames());
    double error = 0;
    double energy = 0;
    for (int k = 0; k < target.bins(); k++) {
      for (int t = 0; t < frames; t++) {
        double s = t < target.frames() ? target.get(k, t) : 0;
        double r = t < rebuilt.frames() ? rebuilt.get(k, t) : 0;
        error += (s - r) * (s - r);
        energy += s * s;
      }
    }
    return 10 * Math.log10(error / energy);
  }

  private void check(Magnitude magnitude) {
    if (magnitude.bins() != stft.bins()) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "expected a magnitude of " + stft.bins() + " bins, found " + magnitude.bins());
    }
    for (float v : magnitude.values()) {
      if (!(v >= 0) || Float.isInfinite(v)) {
        throw new TimbreflowException(
            Reason.INVALID_TENSOR, "expected finite non-negative magnitudes, found " + v);
      }
    }
  }
}
