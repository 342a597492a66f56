package timbreflow.trainer.data;

import java.util.List;
import java.util.Map;

/**
 * What rendering one instrument produced.
 *
 * @param instrument the instrument
 * @param kept notes written (or found from an interrupted run), by split
 * @param silent notes dropped because their peak was below the silence level
 * @param offPitch notes dropped because their pitch was missing or off (only with {@code
 *     dropOffPitch})
 * @param rendered notes synthesised in this run
 * @param clipped kept notes whose peak reached full scale
 */
public record InstrumentResult(
    RenderedInstrument instrument,
    Map<Split, List<NoteExample>> kept,
    int silent,
    int offPitch,
    int rendered,
    int clipped) {}
