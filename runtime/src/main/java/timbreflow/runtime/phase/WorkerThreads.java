package timbreflow.runtime.phase;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that help callers reconstruct notes: parked between calls, started when more
 * are needed at once than are idle, retired after a minute unused.
 *
 * <p>A task is handed straight to an idle thread or a new one, never queued: the workers of one
 * note meet at a barrier every iteration, so each must start at once, and concurrent
 * reconstructions each get their own threads.
 */
final class WorkerThreads {

  private static final AtomicInteger NUMBER = new AtomicInteger();

  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread = new Thread(task, "griffin-lim-" + NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private WorkerThreads() {}

  /**
   * Runs {@code task} on a pool thread, starting now.
   *
   * @throws java.util.concurrent.RejectedExecutionException if no thread can be started
   */
  static void start(Runnable task) {
    POOL.execute(task);
  }
}
