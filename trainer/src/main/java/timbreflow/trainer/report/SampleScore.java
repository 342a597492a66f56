package timbreflow.trainer.report;

/**
 * One sample from the prior, judged.
 *
 * @param family the family it was asked for
 * @param pitch the MIDI pitch it was asked for
 * @param temperature the prior temperature
 * @param seed the seed of its prior noise and Griffin-Lim phase
 * @param strict the headline pitch judge's reading ({@link PitchCheck.Rule#STRICT})
 * @param asPublished YIN as published, a diagnostic ({@link PitchCheck.Rule#AS_PUBLISHED})
 * @param judgedFamily the family the classifier hears in the rendered audio
 * @param levelAt2sDb the rendered audio's level at 2 s relative to its loudest frame, dB ({@link
 *     NoteLevel})
 */
public record SampleScore(
    String family,
    int pitch,
    double temperature,
    long seed,
    PitchScore strict,
    PitchScore asPublished,
    String judgedFamily,
    double levelAt2sDb) {

  /** Whether the strict judge finds the requested pitch. */
  boolean pitchRight() {
    return strict.right();
  }

  /** Whether the strict judge hears the sample as voiced. */
  boolean periodic() {
    return strict.voiced();
  }

  /** Whether the classifier hears the requested family. */
  boolean familyRight() {
    return family.equals(judgedFamily);
  }
}
