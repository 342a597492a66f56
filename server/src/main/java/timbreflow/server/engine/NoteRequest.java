package timbreflow.server.engine;

import java.util.OptionalInt;

/**
 * The conditions and controls of one note operation.
 *
 * @param pitch MIDI pitch to condition on; empty means estimate it from the audio (or 60)
 * @param family instrument family index into {@link ModelSummary#families()}; empty means the
 *     bundle's first family (0)
 * @param noise standard deviation of Gaussian noise added to the latent (0 for none)
 * @param griffinLim phase-reconstruction controls
 */
public record NoteRequest(
    OptionalInt pitch, OptionalInt family, double noise, GriffinLimControls griffinLim) {}
