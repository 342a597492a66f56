/**
 * Where model and Griffin-Lim work runs: a fixed pool of worker threads behind a bounded queue
 * ({@link timbreflow.server.work.WorkerPool}), so event loops never block and overload is refused
 * at once ({@link timbreflow.server.work.WorkRejectedException}), and a per-request {@link
 * timbreflow.server.work.Cancellation} that a deadline or a client disconnect trips.
 */
package timbreflow.server.work;
