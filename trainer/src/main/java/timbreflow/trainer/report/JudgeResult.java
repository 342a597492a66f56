package timbreflow.trainer.report;

import java.util.Map;

/**
 * The family classifier that judges samples, and how good it is on real notes.
 *
 * @param method what the classifier is and what it sees
 * @param trainedOn which real notes it was fitted on
 * @param trainingNotes how many
 * @param trainingInstruments how many distinct instruments they come from
 * @param validation how {@code accuracy} was measured
 * @param checkedNotes how many real notes {@code accuracy} counts
 * @param accuracy share of real notes of instruments the classifier never heard that it assigns to
 *     their family
 * @param accuracyPerFamily the same per family (NSynth order)
 * @param trainingAccuracy share of its own training notes it gets right
 * @param majorityShare share of the checked notes in their commonest family: what always naming
 *     that family would score
 * @param shuffledLabelAccuracy the control: the same classifier fitted on the same notes with their
 *     families shuffled (seeded), measured the same way; it should score about chance, and a
 *     validation that leaked notes or instruments into training would show here
 */
public record JudgeResult(
    String method,
    String trainedOn,
    int trainingNotes,
    int trainingInstruments,
    String validation,
    int checkedNotes,
    double accuracy,
    Map<String, Double> accuracyPerFamily,
    double trainingAccuracy,
    double majorityShare,
    double shuffledLabelAccuracy) {}
