package timbreflow.trainer.train;

import timbreflow.runtime.dsp.Features;

/**
 * A whole note as training and evaluation see it.
 *
 * @param features log-magnitude features, {@code [bins][frames]} row-major in [0, 1]
 * @param pitch MIDI pitch 0–127, the prior's first condition
 * @param family instrument family index 0–10 (NSynth order), the prior's second condition
 */
public record TrainingNote(Features features, int pitch, int family) {}
