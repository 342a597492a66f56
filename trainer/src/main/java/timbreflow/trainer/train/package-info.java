/**
 * Training and evaluation of the conditional flow: the run configuration, an Adam optimiser whose
 * whole state is saved so a resumed run continues bit for bit, the warm-up plus cosine
 * learning-rate schedule, crash-safe checkpoints (one framed, checksummed file each, written
 * atomically, last k kept), the training loop with NaN/Inf protection, progress bar and CSV log,
 * and the evaluation of test-set bits per dimension and invertibility against the prior-only
 * baseline.
 */
package timbreflow.trainer.train;
