package timbreflow.server.work;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * A fixed number of worker threads behind a bounded queue: the only place ONNX and Griffin-Lim work
 * runs.
 *
 * <p>A submission that finds every worker busy and the queue full fails at once with a {@link
 * WorkRejectedException} instead of waiting. A queued job whose {@link Cancellation} trips is
 * removed from the queue; a running one sees the flag at its next check. Results are delivered on
 * the caller's Vert.x context.
 */
public final class WorkerPool implements AutoCloseable {

  private final ThreadPoolExecutor executor;
  private final int queueCapacity;
  // Admission is counted here rather than by the executor's queue: a job handed to an idle worker
  // sits in the queue for a moment, and must not make the queue look full.
  private final Semaphore admission;
  private final Set<Cancellation> admitted = ConcurrentHashMap.newKeySet();
  // Jobs admitted but not yet picked up by a worker; counted explicitly because the executor's
  // active count is only an estimate while a worker is between tasks.
  private final AtomicInteger waiting = new AtomicInteger();

  /** A pool of {@code workers} threads and room for {@code queueCapacity} (>= 1) waiting jobs. */
  public WorkerPool(int workers, int queueCapacity) {
    this.queueCapacity = queueCapacity;
    this.admission = new Semaphore(workers + queueCapacity);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "timbreflow-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            threads,
            new ThreadPoolExecutor.AbortPolicy());
    executor.prestartAllCoreThreads();
  }

  /**
   * Runs {@code work} on a worker and completes the returned future on {@code context}.
   *
   * @throws nothing: overload, cancellation and failures all arrive as a failed future
   */
  public <T> Future<T> submit(Context context, Cancellation cancellation, Callable<T> work) {
    Promise<T> promise = Promise.promise();
    Runnable task =
        () -> {
          waiting.decrementAndGet();
          try {
            if (cancellation.isCancelled()) {
              deliver(context, promise, null, cancelled(cancellation));
              return;
            }
            try {
              T result = work.call();
              deliver(context, promise, result, null);
            } catch (Throwable t) {
              deliver(context, promise, null, t);
            }
          } finally {
            admitted.remove(cancellation);
            admission.release();
          }
        };
    if (executor.isShutdown()) {
      return Future.failedFuture(WorkRejectedException.shuttingDown());
    }
    if (!admission.tryAcquire()) {
      return Future.failedFuture(WorkRejectedException.queueFull(queueCapacity));
    }
    admitted.add(cancellation);
    waiting.incrementAndGet();
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      admitted.remove(cancellation);
      admission.release();
      return Future.failedFuture(WorkRejectedException.shuttingDown());
    }
    cancellation.onCancel(
        () -> {
          if (executor.remove(task)) {
            waiting.decrementAndGet();
            admitted.remove(cancellation);
            admission.release();
            deliver(context, promise, null, cancelled(cancellation));
          }
        });
    return promise.future();
  }

  /** Jobs waiting for a worker. */
  public int queued() {
    return waiting.get();
  }

  /** Jobs admitted and not finished: running plus waiting. */
  public int admitted() {
    return executor.getCorePoolSize() + queueCapacity - admission.availablePermits();
  }

  /** Jobs running now. */
  public int active() {
    return executor.getActiveCount();
  }

  /** Worker threads. */
  public int workers() {
    return executor.getCorePoolSize();
  }

  /** Room for waiting jobs. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * Stops taking work, lets queued and running jobs finish within {@code grace}, then cancels what
   * is left. Blocks; call it off the event loop.
   *
   * @return true if everything finished within the grace period
   */
  public boolean shutdown(Duration grace) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      // Past the grace period: cancel what is left; jobs that never started run now, see the
      // flag and answer at once, so no request is left without a reply.
      admitted.forEach(c -> c.cancel("server shutting down"));
      executor.shutdownNow().forEach(Runnable::run);
      return executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
      return false;
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  private static TimbreflowException cancelled(Cancellation c) {
    return new TimbreflowException(Reason.CANCELLED, "cancelled: " + c.reason());
  }

  private static <T> void deliver(Context context, Promise<T> promise, T value, Throwable failure) {
    context.runOnContext(
        v -> {
          if (failure == null) {
            promise.tryComplete(value);
          } else {
            promise.tryFail(failure);
          }
        });
  }
}
