package timbreflow.trainer.report;

import java.util.List;

/**
 * Section 2: Griffin-Lim reconstruction of decode(encode(x)) and the seed's latent-noise check.
 *
 * @param notesPerFamily notes rendered per family (fewer where a family has fewer)
 * @param iterations Griffin-Lim iterations
 * @param momentum Griffin-Lim momentum
 * @param noiseSigma standard deviation of the Gaussian noise added to every latent value
 * @param latentRms root mean square of the rendered notes' latents z, the scale σ is added to
 * @param families per-family figures, in family order
 * @param all the same over every rendered note
 * @param centsWindow the pitch tolerance in cents
 * @param originalPitch share of the rendered notes' original audio in which YIN finds the labelled
 *     pitch within the report's cents window: how well the pitch judge of the sampling section does
 *     on real notes
 * @param reconstructionPitch the same for their reconstructions
 * @param noisyPitch the same for their reconstructions from noisy latents
 * @param figures figures of this section
 * @param audio audio examples: original, reconstruction and noisy reconstruction of a few notes
 * @param seconds wall time of the section
 */
public record ReconstructionResult(
    int notesPerFamily,
    int iterations,
    double momentum,
    double noiseSigma,
    double latentRms,
    List<FamilyReconstruction> families,
    FamilyReconstruction all,
    double centsWindow,
    double originalPitch,
    double reconstructionPitch,
    double noisyPitch,
    List<ReportFile> figures,
    List<ReportFile> audio,
    double seconds) {}
