package timbreflow.trainer.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns a SIGTERM or Ctrl-C during {@code train} into a stop between steps. The JVM runs its
 * shutdown hooks and then exits under whatever native code is still running, which crashes libtorch
 * in the middle of a step; this hook instead asks the trainer to stop and holds the exit until the
 * command has finished the step, written its checkpoint, closed its native resources and said where
 * it stopped, for at most {@link #WAIT}. The process then exits with the signal's usual status (143
 * for SIGTERM, 130 for SIGINT).
 */
final class StopOnSignal {

  /** How long the exit waits for the step under way and its checkpoint. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private StopOnSignal() {}

  /**
   * Runs {@code work} with the hook installed.
   *
   * @param requestStop asks the training loop to stop before its next step
   * @param work the training and its report; an exit waits for it to return
   * @param err where a stop that could not wait for the step is reported
   */
  static void during(Runnable requestStop, Runnable work, PrintStream err) {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              requestStop.run();
              try {
                if (!finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                  err.println(
                      "train: the step under way did not finish within "
                          + WAIT.toSeconds()
                          + " s; exiting without a final checkpoint");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "train-stop-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      work.run();
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exitUnderWay) {
        // the JVM is exiting: the hook runs (just released) and can no longer be removed
      }
    }
  }
}
