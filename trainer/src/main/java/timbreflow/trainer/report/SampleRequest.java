package timbreflow.trainer.report;

/**
 * One sample asked of the model, as the server's {@code /v1/sample} is asked.
 *
 * @param pitch MIDI pitch
 * @param family family index (NSynth order)
 * @param temperature prior temperature
 * @param seed seed of the prior's noise and of Griffin-Lim's initial phase
 */
record SampleRequest(int pitch, int family, double temperature, long seed) {}
