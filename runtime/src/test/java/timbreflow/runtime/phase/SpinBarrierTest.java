package timbreflow.runtime.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// a lost wake-up hangs: fail instead
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpinBarrierTest {

  @ParameterizedTest
  @CsvSource({"2, 1000", "3, 1000", "4, 20000", "3, 200000"})
  void noPartyPassesARoundBeforeAllHaveArrivedWhetherWaitersSpinOrPark(int parties, long spinNanos)
      throws Exception {
    // random delays around the spin time: waiters park, wake, and are woken late by a releaser
    // of the previous round, in every interleaving the scheduler finds
    int rounds = 1500;
    SpinBarrier barrier = new SpinBarrier(parties, spinNanos);
    AtomicIntegerArray arrivals = new AtomicIntegerArray(parties);
    AtomicInteger early = new AtomicInteger();
    CompletableFuture<?>[] runs = new CompletableFuture<?>[parties];
    for (int p = 0; p < parties; p++) {
      int party = p;
      SplittableRandom random = new SplittableRandom(17 + p);
      runs[p] =
          CompletableFuture.runAsync(
              () -> {
                for (int round = 1; round <= rounds; round++) {
                  if (random.nextInt(4) == 0) {
                    LockSupport.parkNanos(random.nextLong(2 * spinNanos + 1));
                  }
                  arrivals.incrementAndGet(party);
                  barrier.await(party);
                  for (int other = 0; other < parties; other++) {
                    if (arrivals.get(other) < round) {
                      early.incrementAndGet();
                    }
                  }
                }
              },
              runnable -> daemon(runnable, "barrier-test-" + party).start());
    }
    CompletableFuture.allOf(runs).get(20, TimeUnit.SECONDS);
    assertEquals(0, early.get(), "parties that left a round before everyone arrived");
    for (int p = 0; p < parties; p++) {
      assertEquals(rounds, arrivals.get(p));
    }
  }

  @Test
  void abortReleasesAParkedWaiterWithAnException() throws Exception {
    SpinBarrier barrier = new SpinBarrier(2, 1_000);
    CompletableFuture<Void> waiter =
        CompletableFuture.runAsync(
            () -> barrier.await(1), runnable -> daemon(runnable, "barrier-waiter").start());
    // long past the spin time, so the waiter is parked
    Thread.sleep(50);
    assertFalse(waiter.isDone(), "the waiter passed a barrier nobody else reached");
    barrier.abort();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
