package timbreflow.trainer.data;

import java.util.List;
import java.util.Locale;

/**
 * One note of an NSynth-format dataset: an entry of {@code examples.json}.
 *
 * @param noteStr the key, {@code <instrument_str>-<pitch 3 digits>-<velocity 3 digits>}; the WAV is
 *     {@code audio/<noteStr>.wav}
 * @param pitch MIDI note number, 0–127
 * @param velocity MIDI velocity, 0–127
 * @param sampleRate Hz (16000 in NSynth)
 * @param instrument the instrument's integer id
 * @param instrumentStr the instrument's name, e.g. {@code brass_acoustic_003}
 * @param family the NSynth family
 * @param source the NSynth source
 * @param qualities NSynth's 10 binary note qualities (all 0 for rendered notes)
 * @param qualitiesStr names of the qualities that are set
 */
public record NoteExample(
    String noteStr,
    int pitch,
    int velocity,
    int sampleRate,
    int instrument,
    String instrumentStr,
    InstrumentFamily family,
    InstrumentSource source,
    List<Integer> qualities,
    List<String> qualitiesStr) {

  /** NSynth's 10 note quality names, in its order. */
  public static final List<String> QUALITY_NAMES =
      List.of(
          "bright",
          "dark",
          "distortion",
          "fast_decay",
          "long_release",
          "multiphonic",
          "nonlinear_env",
          "percussive",
          "reverb",
          "tempo-synced");

  public NoteExample {
    qualities = List.copyOf(qualities);
    qualitiesStr = List.copyOf(qualitiesStr);
  }

  /**
   * NSynth's note key for an instrument, pitch and velocity: {@code guitar_acoustic_001-060-100}.
   */
  public static String noteStr(String instrumentStr, int pitch, int velocity) {
    return String.format(Locale.ROOT, "%s-%03d-%03d", instrumentStr, pitch, velocity);
  }

  /** NSynth's instrument name: {@code <family>_<source>_<number, 3 digits>}. */
  public static String instrumentStr(InstrumentFamily family, InstrumentSource source, int number) {
    return String.format(Locale.ROOT, "%s_%s_%03d", family.label(), source.label(), number);
  }
}
