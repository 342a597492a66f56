package timbreflow.trainer.data;

/**
 * One instrument of a rendered dataset: a SoundFont preset with its NSynth identity.
 *
 * @param id NSynth's {@code instrument}: the General MIDI program
 * @param instrumentStr NSynth's {@code instrument_str}, e.g. {@code brass_acoustic_003}
 * @param preset the SoundFont preset that plays it
 * @param family NSynth family
 * @param source NSynth source
 * @param lowestPitch lowest pitch rendered (the requested range clipped to the preset's keys)
 * @param highestPitch highest pitch rendered
 */
public record RenderedInstrument(
    int id,
    String instrumentStr,
    SoundFontPreset preset,
    InstrumentFamily family,
    InstrumentSource source,
    int lowestPitch,
    int highestPitch) {}
