package timbreflow.trainer.report;

import java.util.List;

/**
 * Strict pitch accuracy in one octave of requested MIDI pitch: the samples' at each temperature,
 * and the same judge's on real notes of the split in the same octave (the judge's own check).
 *
 * @param lowestPitch the octave's first MIDI pitch, a C
 * @param highestPitch its last MIDI pitch, a B
 * @param octave the octave in note names, MIDI 60 = C4 ({@code C4–B4})
 * @param temperatures the samples of this octave, one entry per temperature
 * @param realNotes real notes of the split in this octave the judge was run on (0 when none)
 * @param realPitchRight how many of them it finds within the cents window of their labelled pitch
 * @param realPeriodic how many of them are voiced (periodic by YIN's voicing rule)
 * @param realPitchAccuracy {@code realPitchRight / realNotes}, NaN when none was run
 */
public record OctaveAccuracy(
    int lowestPitch,
    int highestPitch,
    String octave,
    List<Temperature> temperatures,
    int realNotes,
    int realPitchRight,
    int realPeriodic,
    double realPitchAccuracy) {

  public OctaveAccuracy {
    temperatures = List.copyOf(temperatures);
  }

  /**
   * The samples of one octave at one temperature.
   *
   * @param temperature the sampling temperature
   * @param samples samples asked for at a pitch of this octave
   * @param pitchRight how many the strict judge finds within the cents window of the requested
   *     pitch
   * @param aperiodic how many are unvoiced: not periodic by YIN's voicing rule (breathy or noisy)
   * @param pitchAccuracy {@code pitchRight / samples}, NaN when there is no sample
   */
  public record Temperature(
      double temperature, int samples, int pitchRight, int aperiodic, double pitchAccuracy) {}

  /** The entry at {@code temperature}, or null when this octave has none. */
  Temperature at(double temperature) {
    return temperatures.stream()
        .filter(t -> t.temperature() == temperature)
        .findFirst()
        .orElse(null);
  }
}
