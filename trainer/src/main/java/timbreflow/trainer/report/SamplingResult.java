package timbreflow.trainer.report;

import java.util.List;
import java.util.Map;

/**
 * Section 3: samples from the conditional prior, judged for pitch (YIN) and family (a classifier
 * trained on real notes).
 *
 * @param grid the requested pitches per family
 * @param pitchStep semitones between grid pitches
 * @param sampleIterations Griffin-Lim iterations behind each pitch estimate
 * @param centsWindow pitch tolerance in cents
 * @param judge the family classifier and its accuracy on real notes
 * @param temperatures one summary per temperature
 * @param mainTemperature the temperature of the per-family table
 * @param families one summary per family at {@code mainTemperature}
 * @param octaves pitch accuracy per octave of requested pitch at every temperature, with YIN's on
 *     real notes of the split in the same octave; lowest first
 * @param octaveConclusion where the samples outside the cents window lie at {@code
 *     mainTemperature}, in plain language
 * @param combControl the samples at {@code mainTemperature} judged again with their harmonic comb
 *     smoothed away
 * @param samples every sample's score
 * @param figures figures of this section
 * @param audio one sample per family at {@code mainTemperature}
 * @param seconds wall time of the section
 */
public record SamplingResult(
    Map<String, List<Integer>> grid,
    int pitchStep,
    int sampleIterations,
    double centsWindow,
    JudgeResult judge,
    List<SamplingSummary> temperatures,
    double mainTemperature,
    List<SamplingSummary> families,
    List<OctaveAccuracy> octaves,
    String octaveConclusion,
    CombControl combControl,
    List<SampleScore> samples,
    List<ReportFile> figures,
    List<ReportFile> audio,
    double seconds) {}
