package timbreflow.server.work;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * A request's cancellation flag, tripped by its deadline or by the client going away; long work
 * polls it between stages and inside Griffin-Lim.
 */
public final class Cancellation {

  private final AtomicReference<String> reason = new AtomicReference<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Trips the flag with {@code why}; only the first call counts and runs the listeners. */
  public void cancel(String why) {
    if (reason.compareAndSet(null, why)) {
      listeners.forEach(Runnable::run);
    }
  }

  /** True once cancelled. */
  public boolean isCancelled() {
    return reason.get() != null;
  }

  /** Why it was cancelled, or null. */
  public String reason() {
    return reason.get();
  }

  /** Runs {@code listener} when cancelled (at once if already cancelled). */
  public void onCancel(Runnable listener) {
    listeners.add(listener);
    if (isCancelled()) {
      listener.run();
    }
  }

  /** Throws {@code CANCELLED} if the flag is set; called between stages. */
  public void check() {
    String why = reason.get();
    if (why != null) {
      throw new TimbreflowException(Reason.CANCELLED, "cancelled: " + why);
    }
  }
}
