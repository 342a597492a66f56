package timbreflow.trainer.data;

import java.nio.file.Path;
import java.util.Locale;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.PitchEstimator;

/**
 * Reads a note's WAV and checks it is usable: readable, at the expected rate and length, and not
 * silent (peak at or above -80 dBFS).
 */
final class NoteAudioCheck {

  /** Peak below which a note counts as silent: -80 dBFS. */
  static final double SILENT_PEAK = 1e-4;

  /** Quirk: no pitch found within an octave of the labelled one (noise-only or unpitched). */
  static final String NO_PITCH = "no pitch within an octave of the label";

  /** Quirk: the estimated pitch is more than a semitone from the labelled one. */
  static final String OFF_PITCH = "pitch more than a semitone from the label";

  /**
   * The outcome: the waveform when usable (with a quirk or null), otherwise a reason and what was
   * found.
   */
  record Outcome(Waveform waveform, SkipReason reason, String detail, String quirk) {
    boolean usable() {
      return reason == null;
    }
  }

  private final int sampleRate;
  private final int samples;

  NoteAudioCheck(int sampleRate, int samples) {
    this.sampleRate = sampleRate;
    this.samples = samples;
  }

  Outcome check(Path wav) {
    Waveform w;
    try {
      w = WavReader.read(wav);
    } catch (TimbreflowException e) {
      return new Outcome(null, SkipReason.UNREADABLE_WAV, e.getMessage(), null);
    }
    if (w.sampleRate() != sampleRate) {
      return new Outcome(
          null,
          SkipReason.WRONG_SAMPLE_RATE,
          "expected " + sampleRate + " Hz, found " + w.sampleRate() + " Hz",
          null);
    }
    if (w.length() != samples) {
      return new Outcome(
          null,
          SkipReason.WRONG_LENGTH,
          "expected " + samples + " samples, found " + w.length(),
          null);
    }
    double peak = InstrumentRender.peak(w.samples());
    if (peak < SILENT_PEAK) {
      return new Outcome(
          null,
          SkipReason.SILENT,
          String.format(Locale.ROOT, "peak %.1f dBFS", 20 * Math.log10(Math.max(peak, 1e-12))),
          null);
    }
    return new Outcome(w, null, null, null);
  }

  /**
   * Like {@link #check(Path)}, and for a usable note also estimates its pitch (YIN, searched within
   * an octave of {@code labelledPitch}) and reports a quirk when none is found or it is more than a
   * semitone off. The note is kept either way: real data has such notes and the caller decides.
   */
  Outcome checkWithPitch(Path wav, int labelledPitch) {
    Outcome o = check(wav);
    if (!o.usable()) {
      return o;
    }
    return new Outcome(o.waveform(), null, null, pitchQuirk(o.waveform(), labelledPitch));
  }

  /**
   * {@link #NO_PITCH} when no pitch is found within an octave of {@code labelledPitch} (YIN),
   * {@link #OFF_PITCH} when it is more than a semitone off, otherwise null.
   */
  static String pitchQuirk(Waveform wave, int labelledPitch) {
    double low = PitchEstimator.midiToHz(Math.max(0, labelledPitch - 12));
    double high = PitchEstimator.midiToHz(Math.min(127, labelledPitch + 12));
    PitchEstimator estimator = new PitchEstimator(PitchEstimator.DEFAULT_THRESHOLD, low, high, 3.0);
    var hz = estimator.estimateHz(wave);
    if (hz.isEmpty()) {
      return NO_PITCH;
    }
    double cents =
        Math.abs(
            PitchEstimator.centsBetween(hz.getAsDouble(), PitchEstimator.midiToHz(labelledPitch)));
    return cents > 100 ? OFF_PITCH : null;
  }
}
