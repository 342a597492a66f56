/**
 * The note operations the server offers (reconstruct, encode, decode, interpolate, sample, render a
 * spectrogram, run a raw graph), expressed over the runtime module: {@link
 * timbreflow.server.engine.NoteService} is what handlers call; {@link
 * timbreflow.server.engine.BundleNoteService} implements it with the runtime's {@code ModelBundle},
 * feature code and Griffin-Lim. Every method here blocks and runs on a worker thread.
 */
package timbreflow.server.engine;
