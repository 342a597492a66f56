package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.ProgressListener;

/**
 * Works on many notes at once: each note's work runs on one thread of a fixed pool of daemon
 * threads (on a busy machine whole notes in parallel scale better than the frames of one note),
 * after a step on the caller's thread (the model's graphs, which have threads of their own), with
 * at most twice as many notes in flight as threads; results come back in order. Closing it stops
 * the threads.
 */
final class NotePool implements AutoCloseable {

  /** One note's work on a pool thread. */
  @FunctionalInterface
  interface Work<P, T> {
    /**
     * @param index the note's position
     * @param prepared what the caller's step made of it
     */
    T run(int index, P prepared);
  }

  private final int threads;
  private final ExecutorService pool;

  NotePool(int threads, String name) {
    this.threads = threads;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * {@code work(i, prepare(i))} for every {@code i < n}, {@code prepare} on the caller's thread in
   * order, {@code work} in the pool.
   *
   * @throws RuntimeException the first failure of a note, as thrown
   */
  <P, T> List<T> map(int n, IntFunction<P> prepare, Work<P, T> work, ProgressListener progress) {
    Semaphore slots = new Semaphore(2 * threads);
    AtomicLong done = new AtomicLong();
    List<Future<T>> futures = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        slots.acquire();
        P prepared;
        try {
          prepared = prepare.apply(i);
        } catch (RuntimeException e) {
          slots.release();
          throw e;
        }
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  try {
                    T result = work.run(index, prepared);
                    progress.progressed(done.incrementAndGet(), n);
                    return result;
                  } finally {
                    slots.release();
                  }
                }));
      }
      List<T> out = new ArrayList<>(n);
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.IO, "interrupted while working on notes", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a note's work failed", e.getCause());
    }
  }

  /** {@link #map} without a step on the caller's thread. */
  <I, T> List<T> map(List<I> items, Work<I, T> work, ProgressListener progress) {
    return map(items.size(), items::get, work, progress);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
