/**
 * The note model: the design's verbs (encode, decode, reconstruct with latent noise, interpolate,
 * sample from the prior, render to audio) over a model bundle, in one vocabulary ({@link
 * timbreflow.runtime.note.Condition}, {@link timbreflow.runtime.note.Latent}, {@link
 * timbreflow.runtime.note.EncodedNote}). The server and the evaluation are thin adapters over
 * {@link timbreflow.runtime.note.NoteModel}, so what is evaluated is what is served.
 */
package timbreflow.runtime.note;
