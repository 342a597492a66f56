package timbreflow.trainer.data;

import java.nio.file.Path;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;

/**
 * Reads a note's WAV and checks it is usable: readable, at the expected rate and length, and not
 * silent (peak at or above -80 dBFS).
 */
final class NoteAudioCheck {

  /** Peak below which a note counts as silent: -80 dBFS. */
  static final double SILENT_PEAK = 1e-4;

  /** The outcome: the waveform when usable, otherwise a reason and what was found. */
  record Outcome(Waveform waveform, SkipReason reason, String detail) {
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
      return new Outcome(null, SkipReason.UNREADABLE_WAV, e.getMessage());
    }
    if (w.sampleRate() != sampleRate) {
      return new Outcome(
          null,
          SkipReason.WRONG_SAMPLE_RATE,
          "expected " + sampleRate + " Hz, found " + w.sampleRate() + " Hz");
    }
    if (w.length() != samples) {
      return new Outcome(
          null, SkipReason.WRONG_LENGTH, "expected " + samples + " samples, found " + w.length());
    }
    double peak = InstrumentRender.peak(w.samples());
    if (peak < SILENT_PEAK) {
      return new Outcome(
          null,
          SkipReason.SILENT,
          String.format(
              java.util.Locale.ROOT, "peak %.1f dBFS", 20 * Math.log10(Math.max(peak, 1e-12))));
    }
    return new Outcome(w, null, null);
  }
}
