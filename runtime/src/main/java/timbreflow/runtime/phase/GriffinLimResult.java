package timbreflow.runtime.phase;

/**
 * One reconstructed note.
 *
 * @param samples the signal, at the STFT's sample rate
 * @param spectralConvergenceDb {@code 20·log10(‖S − |STFT(y)|‖_F / ‖S‖_F)} of the result against
 *     the target magnitude; lower is better
 * @param iterations iterations actually run (fewer than configured after an early stop)
 * @param nanos wall-clock time of the reconstruction
 */
public record GriffinLimResult(
    float[] samples, double spectralConvergenceDb, int iterations, long nanos) {}
