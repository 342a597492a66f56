package timbreflow.trainer.data;

import javax.sound.midi.Instrument;

/**
 * One melodic preset (bank 0) of a SoundFont: the instrument a General MIDI program plays.
 *
 * @param program General MIDI program, 0–127
 * @param name the preset's name in the SoundFont
 * @param lowestKey lowest MIDI key the preset has samples for
 * @param highestKey highest MIDI key the preset has samples for
 * @param instrument the synthesizer's instrument
 */
public record SoundFontPreset(
    int program, String name, int lowestKey, int highestKey, Instrument instrument) {

  /** Whether the preset has samples at {@code key}. */
  public boolean sounds(int key) {
    return key >= lowestKey && key <= highestKey;
  }
}
