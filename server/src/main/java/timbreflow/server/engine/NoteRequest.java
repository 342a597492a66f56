package timbreflow.server.engine;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The conditions and controls of one note operation.
 *
 * @param pitch MIDI pitch to condition on; empty means estimate it from the audio (or 60)
 * @param family instrument family name; empty means the bundle's first family
 * @param noise standard deviation of Gaussian noise added to the latent (0 for none)
 * @param griffinLim phase-reconstruction controls
 */
public record NoteRequest(
    OptionalInt pitch, Optional<String> family, double noise, GriffinLimControls griffinLim) {}
