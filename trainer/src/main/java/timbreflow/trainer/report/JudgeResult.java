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
 * @param accuracy share of real notes of instruments the classifier never heard that it assigns to
 *     their family
 * @param accuracyPerFamily the same per family (NSynth order)
 * @param trainingAccuracy share of its own training notes it gets right
 */
public record JudgeResult(
    String method,
    String trainedOn,
    int trainingNotes,
    int trainingInstruments,
    String validation,
    double accuracy,
    Map<String, Double> accuracyPerFamily,
    double trainingAccuracy) {}
