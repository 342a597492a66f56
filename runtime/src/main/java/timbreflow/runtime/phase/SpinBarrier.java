package timbreflow.runtime.phase;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for a few threads that meet thousands of times a second.
 *
 * <p>A waiter spins (with {@link Thread#onSpinWait}) for up to {@link #SPIN_NANOS}, then parks
 * until the last party arrives and unparks it. Spinning answers within a microsecond when the
 * parties run side by side; parking matters when they do not: with more runnable threads than
 * cores, a spinning waiter would hold its core while the party it waits for sits in a run queue,
 * and {@link Thread#yield} only helps when both happen to share a queue. A parked waiter leaves its
 * core idle, so the scheduler moves the late party onto it. {@link #abort()} releases every waiter
 * with an exception, so one failing worker cannot hang the others.
 */
final class SpinBarrier {

  /**
   * How long a waiter spins before it parks: longer than the usual spread of arrivals on an idle
   * machine (tens of microseconds for Griffin-Lim's ~0.3 ms iterations), so waking a parked thread
   * (tens of microseconds more under a hypervisor) stays rare, and short next to a scheduler's time
   * slice (milliseconds).
   */
  static final long SPIN_NANOS = 200_000;

  private final int parties;
  private final long spinNanos;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicReferenceArray<Thread> parked;
  private volatile int generation;
  private volatile boolean aborted;

  /** A barrier for {@code parties} threads that spin {@link #SPIN_NANOS} before they park. */
  SpinBarrier(int parties) {
    this(parties, SPIN_NANOS);
  }

  SpinBarrier(int parties, long spinNanos) {
    this.parties = parties;
    this.spinNanos = spinNanos;
    this.parked = new AtomicReferenceArray<>(parties);
  }

  /**
   * Waits until all parties have arrived.
   *
   * @param party this caller's index in {@code [0, parties)}, one per thread
   * @throws IllegalStateException if the barrier was aborted
   */
  void await(int party) {
    if (parties == 1) {
      return;
    }
    int arrivedIn = generation;
    if (waiting.incrementAndGet() == parties) {
      waiting.set(0);
      generation = arrivedIn + 1;
      wakeAll();
      return;
    }
    long deadline = 0;
    int spins = 0;
    while (generation == arrivedIn) {
      if (aborted) {
        throw new IllegalStateException("another Griffin-Lim worker failed");
      }
      if ((++spins & 63) != 0) {
        Thread.onSpinWait();
      } else if (deadline == 0) {
        deadline = System.nanoTime() + spinNanos;
      } else if (System.nanoTime() - deadline > 0) {
        park(party, arrivedIn);
      }
    }
  }

  /** Releases all current and future waiters with an exception. */
  void abort() {
    aborted = true;
    wakeAll();
  }

  private void park(int party, int arrivedIn) {
    Thread self = Thread.currentThread();
    while (true) {
      // registered before the generation is read again: the last party bumps the generation
      // before it reads the registrations, so either it sees this one or this reads the new
      // generation. Registered again after every wake-up: a late releaser of the previous round
      // may have taken this registration (and left a permit, so park returns and we get here)
      parked.set(party, self);
      if (generation != arrivedIn || aborted) {
        break;
      }
      // an interrupted thread returns from park at once and so spins instead: slower, correct
      LockSupport.park(this);
    }
    parked.compareAndSet(party, self, null);
  }

  private void wakeAll() {
    for (int i = 0; i < parties; i++) {
      if (parked.get(i) != null) {
        Thread sleeper = parked.getAndSet(i, null);
        if (sleeper != null) {
          LockSupport.unpark(sleeper);
        }
      }
    }
  }
}
