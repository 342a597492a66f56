package timbreflow.trainer.data;

import java.util.Optional;

/**
 * What the renderer makes of one General MIDI program: an NSynth family and source, or the reason
 * it is left out.
 *
 * @param program General MIDI program, 0–127
 * @param gmName the General MIDI name of the program
 * @param family the NSynth family, empty when the program is excluded
 * @param source the NSynth source, empty when the program is excluded
 * @param exclusion why the program is excluded, empty when it is mapped
 */
public record ProgramClass(
    int program,
    String gmName,
    Optional<InstrumentFamily> family,
    Optional<InstrumentSource> source,
    Optional<String> exclusion) {

  /** Whether the program maps to an NSynth family. */
  public boolean mapped() {
    return family.isPresent();
  }
}
