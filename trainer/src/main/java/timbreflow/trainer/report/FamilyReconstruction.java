package timbreflow.trainer.report;

/**
 * Reconstruction figures of one family (or of all notes).
 *
 * @param family NSynth family name, or {@code all}
 * @param notes notes rendered
 * @param spectralConvergenceDb mean over notes of the Griffin-Lim output's spectral convergence
 *     against the input magnitude, {@code 20·log10(‖S − |STFT(y)|‖_F / ‖S‖_F)} in dB (lower is
 *     better)
 * @param worstSpectralConvergenceDb the highest (worst) of the same
 * @param noisySpectralConvergenceDb mean spectral convergence of the reconstruction from {@code z +
 *     σ·ε} against the same input magnitude
 * @param noiseMeanAbs mean |decode(z + σ·ε) − decode(z)| in feature units (1 = 120 dB)
 * @param noiseMaxAbs max of the same
 * @param noiseRms root mean square of the same
 */
public record FamilyReconstruction(
    String family,
    int notes,
    double spectralConvergenceDb,
    double worstSpectralConvergenceDb,
    double noisySpectralConvergenceDb,
    double noiseMeanAbs,
    double noiseMaxAbs,
    double noiseRms) {}
