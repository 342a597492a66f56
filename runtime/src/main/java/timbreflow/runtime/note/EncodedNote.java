package timbreflow.runtime.note;

import timbreflow.runtime.dsp.Features;

/**
 * A note read and encoded: its features, its latent and how likely the model finds it.
 *
 * @param features the note's features (with its loudness reference)
 * @param latent the flow's image of the features under the note's condition
 * @param bitsPerDim the encoder's negative log-likelihood in bits per dimension
 */
public record EncodedNote(Features features, Latent latent, double bitsPerDim) {}
