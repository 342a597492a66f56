package timbreflow.exporter.parity;

/**
 * One validation note for the parity gate.
 *
 * @param id the note's name, for reports
 * @param features {@code [bins, frames]} row-major features in [0, 1]
 * @param frames T
 * @param pitch MIDI pitch
 * @param family instrument family index
 */
public record ParityNote(String id, float[] features, int frames, int pitch, int family) {}
