package timbreflow.runtime.dsp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few threads that meet thousands of times a second.
 *
 * <p>Waiters spin briefly, then yield, so an oversubscribed machine still makes progress. {@link
 * #abort()} releases every waiter with an exception, so one failing worker cannot hang the others.
 */
final class SpinBarrier {

  private static final int SPINS = 2_000;

  private final int parties;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile int generation;
  private volatile boolean aborted;

  SpinBarrier(int parties) {
    this.parties = parties;
  }

  /** Waits until all parties have arrived. */
  void await() {
    if (parties == 1) {
      return;
    }
    int arrivedIn = generation;
    if (waiting.incrementAndGet() == parties) {
      waiting.set(0);
      generation = arrivedIn + 1;
      return;
    }
    int spins = 0;
    while (generation == arrivedIn) {
      if (aborted) {
        throw new IllegalStateException("another Griffin-Lim worker failed");
      }
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** Releases all current and future waiters with an exception. */
  void abort() {
    aborted = true;
  }
}
