/**
 * The evaluation report of an exported model bundle, run under ONNX Runtime through the runtime's
 * {@code NoteModel} (the code the server runs for every note operation): invertibility over a whole
 * split, Griffin-Lim reconstruction and the seed's latent-noise robustness check, samples over
 * GANSynth's pitch range judged strictly for pitch (YIN without its global-minimum fallback, beside
 * the same judge on real notes), for family (a classifier trained on real notes, with a
 * shuffled-label control) and for sustain, YIN as published as a labelled diagnostic, the seed's
 * interpolation observation measured as distances between the latent midpoint, the linear mix and
 * the endpoints, and the figures and audio examples that show it, written as Markdown, JSON, PNG
 * and WAV into one folder.
 */
package timbreflow.trainer.report;
