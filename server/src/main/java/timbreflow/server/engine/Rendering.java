package timbreflow.server.engine;

import java.util.Map;
import java.util.OptionalDouble;
import timbreflow.runtime.dsp.Features;

/**
 * A note the server made: its audio, the features it was rendered from, and how it went.
 *
 * @param samples mono audio in [-1, 1]
 * @param sampleRate Hz
 * @param features the features Griffin-Lim inverted, {@code [513][T]} (drawn for {@code view=png})
 * @param stageNanos wall time per stage in order, e.g. {@code read, features, encode, decode,
 *     griffin_lim, wav}
 * @param bitsPerDim the encoder's bits/dim of the input, when the note was encoded
 * @param spectralConvergenceDb Griffin-Lim's final spectral convergence in dB (lower is better)
 */
public record Rendering(
    float[] samples,
    int sampleRate,
    Features features,
    Map<String, Long> stageNanos,
    OptionalDouble bitsPerDim,
    double spectralConvergenceDb) {}
