package timbreflow.trainer.report;

import java.util.List;

/**
 * Section 3: samples from the prior, drawn, decoded and rendered as the server does, judged for
 * pitch (strictly, and by YIN as published as a diagnostic), family and sustain.
 *
 * @param grid the pitches, families, temperatures and seeds sampled
 * @param sampleIterations Griffin-Lim iterations of each sample
 * @param momentum Griffin-Lim momentum
 * @param strictPitch the headline pitch figures
 * @param octaveConclusion where the samples the strict judge rejects lie, in plain language
 * @param familyIdentity the family classifier on real notes and on samples
 * @param sustain level at 2 s per family, samples beside real notes
 * @param lenientPitch YIN as published on the same samples, and the comb control (a diagnostic)
 * @param samples every sample's verdicts
 * @param figures figures of this section
 * @param audio one sample per family at the headline temperature
 * @param seconds wall time of the section
 */
public record SamplingResult(
    SampleGrid grid,
    int sampleIterations,
    double momentum,
    StrictPitchResult strictPitch,
    String octaveConclusion,
    FamilyIdentityResult familyIdentity,
    SustainResult sustain,
    LenientPitchResult lenientPitch,
    List<SampleScore> samples,
    List<ReportFile> figures,
    List<ReportFile> audio,
    double seconds) {}
