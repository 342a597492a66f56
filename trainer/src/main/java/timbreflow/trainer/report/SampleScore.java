package timbreflow.trainer.report;

/**
 * One sample from the prior, judged.
 *
 * @param family the family it was asked for
 * @param pitch the MIDI pitch it was asked for
 * @param temperature the sampling temperature
 * @param estimatedHz YIN's fundamental of the rendered sample, NaN when silent
 * @param centsOff cents from the requested pitch to the estimate, NaN when silent
 * @param pitchRight whether the estimate is within the report's cents window
 * @param periodic whether the sample is periodic by YIN's voicing rule (see {@link PitchCheck})
 * @param aperiodicity YIN's aperiodicity of the sample (median d' at the chosen lags)
 * @param judgedFamily the family the classifier hears
 */
public record SampleScore(
    String family,
    int pitch,
    double temperature,
    double estimatedHz,
    double centsOff,
    boolean pitchRight,
    boolean periodic,
    double aperiodicity,
    String judgedFamily) {

  /** Whether the classifier hears the requested family. */
  public boolean familyRight() {
    return family.equals(judgedFamily);
  }
}
