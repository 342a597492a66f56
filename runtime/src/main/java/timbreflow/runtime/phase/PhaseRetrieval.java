package timbreflow.runtime.phase;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.dsp.Windows;

/**
 * Fast Griffin-Lim on one note, its frames split into lane groups across worker threads.
 *
 * <p>Each worker owns a contiguous band of groups. Every iteration it analyses, projects and
 * synthesises its groups' frames from its own copy of the normalised signal, writing only its
 * groups' overlap-add buffers; after one barrier it sums its groups' buffers, and the three
 * segments it shares with each neighbour, into its copy of the signal for the next iteration.
 * Overlap-add buffers alternate between iterations, so a neighbour still reading the last one is
 * never overwritten: one barrier per iteration. The calling thread is worker 0 and the only one
 * that talks to the listener; the others come from {@link WorkerThreads}. Sums run in an order that
 * does not depend on the grouping (see {@link FrameGroup}), so every thread count gives the same
 * samples.
 */
final class PhaseRetrieval {

  /** Frames per lane group at most: 128 lanes keep a group's FFT rows near the L2 cache size. */
  private static final int MAX_LANES = 128;

  private final GriffinLimConfig config;
  private final int frames;
  private final int workers;
  private final FrameGroup[] groups;
  private final FrameGroup.Scratch[] scratch;
  private final SignalRows[] signals;
  private final int[] groupFrom;
  private final double targetEnergy;
  private final SpinBarrier barrier;
  private final float beta;

  /**
   * The iteration after which every worker stops; set by worker 0 before that iteration's barrier.
   * An iteration number rather than a flag, so a worker still finishing the previous iteration does
   * not stop one iteration early.
   */
  private volatile int stopAfter = Integer.MAX_VALUE;

  private volatile boolean cancelled;
  private volatile Throwable failure;
  private boolean barrierAborted;
  private int iterationsRun;

  PhaseRetrieval(
      StftConfig stft, GriffinLimConfig config, float[] window, Magnitude magnitude, int length) {
    this.config = config;
    this.frames = magnitude.frames();
    int nFft = stft.nFft();
    int hop = stft.hop();
    LaneFft fft = new LaneFft(nFft / 2);
    SpectralKernel kernel = new SpectralKernel(nFft, fft);
    FrameWindows windows = new FrameWindows(window);
    int threads = Math.max(1, Math.min(config.threads(), (frames + 7) / 8));
    int perWorker = ceilDiv(frames, threads * MAX_LANES);
    int count = threads * perWorker;
    int lanes = ceilDiv(ceilDiv(frames, count), 8) * 8;
    this.workers = threads;
    this.groups = new FrameGroup[count];
    for (int i = 0; i < count; i++) {
      groups[i] = new FrameGroup(fft, kernel, windows, magnitude, 2f, i * lanes, lanes);
    }
    this.scratch = new FrameGroup.Scratch[threads];
    for (int w = 0; w < threads; w++) {
      scratch[w] = new FrameGroup.Scratch(nFft / 2, lanes);
    }
    double energy = 0;
    for (FrameGroup group : groups) {
      energy += group.targetEnergy();
    }
    this.targetEnergy = energy;
    double[] inverseWss = Windows.inverseWindowSumSquare(window, hop, frames);
    this.signals = new SignalRows[threads];
    signals[0] = new SignalRows(hop, nFft, count * lanes + 3, inverseWss, length);
    for (int w = 1; w < threads; w++) {
      signals[w] = signals[0].sibling();
    }
    this.groupFrom = new int[threads + 1];
    for (int w = 0; w <= threads; w++) {
      groupFrom[w] = w * count / threads;
    }
    this.barrier = new SpinBarrier(threads);
    double m = config.momentum();
    this.beta = (float) (m / (1 + m));
    float[] cos = new float[magnitude.values().length];
    float[] sin = new float[cos.length];
    initialPhase(cos, sin);
    for (FrameGroup group : groups) {
      group.start(cos, sin, frames, scratch[0], 0);
    }
    for (int w = 0; w < threads; w++) {
      signals[w].gather(groups, 0, groupFrom[w], groupFrom[w + 1]);
    }
  }

  /** Runs the iterations; returns the signal's first {@code length} samples. */
  float[] run(GriffinLimListener listener, int note, int length) {
    CountDownLatch helpersDone = new CountDownLatch(workers - 1);
    int started = 0;
    try {
      for (int w = 1; w < workers; w++) {
        int worker = w;
        WorkerThreads.start(
            () -> {
              try {
                work(worker, null, note);
              } finally {
                helpersDone.countDown();
              }
            });
        started++;
      }
      work(0, listener, note);
    } catch (RuntimeException | Error e) {
      fail(e);
    } finally {
      for (int w = 1 + started; w < workers; w++) {
        helpersDone.countDown();
      }
      awaitUninterruptibly(helpersDone);
    }
    Throwable failed = failure;
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      throw error;
    }
    if (cancelled) {
      throw new TimbreflowException(
          Reason.CANCELLED, "Griffin-Lim cancelled after " + iterationsRun + " iterations");
    }
    float[] out = new float[length];
    for (int w = 0; w < workers; w++) {
      int from = groups[groupFrom[w]].first();
      int to = w + 1 < workers ? groups[groupFrom[w + 1]].first() : Integer.MAX_VALUE / 2;
      signals[w].copySamples(out, from, to);
    }
    return out;
  }

  /** Iterations run by the last {@link #run}. */
  int iterationsRun() {
    return iterationsRun;
  }

  private void work(int worker, GriffinLimListener listener, int note) {
    try {
      int from = groupFrom[worker];
      int to = groupFrom[worker + 1];
      SignalRows signal = signals[worker];
      FrameGroup.Scratch rows = scratch[worker];
      int check = GriffinLimConfig.CHECK_EVERY;
      boolean stopEarly = config.stopToleranceDb() > 0;
      double lastDb = Double.POSITIVE_INFINITY;
      for (int it = 1; it <= config.iterations(); it++) {
        int buffer = it & 1;
        // measure in the iteration before a check, decide at the check: the errors are complete
        // by then, and nobody writes them during a check iteration
        boolean track = stopEarly && it % check == check - 1;
        for (int g = from; g < to; g++) {
          groups[g].iterate(signal, beta, track, rows, buffer);
        }
        if (worker == 0) {
          iterationsRun = it;
          listener.progress(note, it);
          if (listener.cancelled()) {
            cancelled = true;
            stopAfter = it;
          } else if (stopEarly && it % check == 0) {
            double db = convergenceDb();
            if (lastDb - db < config.stopToleranceDb()) {
              stopAfter = it;
            }
            lastDb = db;
          }
        }
        barrier.await(worker);
        signal.gather(groups, buffer, from, to);
        if (it >= stopAfter) {
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  /** Records the first failure and releases the other workers from the barrier. */
  private synchronized void fail(Throwable e) {
    // an aborted barrier's exception only reports another worker's failure, recorded already
    if (failure == null && !(e instanceof IllegalStateException && barrierAborted)) {
      failure = e;
    }
    barrierAborted = true;
    barrier.abort();
  }

  private double convergenceDb() {
    double error = 0;
    for (FrameGroup group : groups) {
      error = group.addError(error);
    }
    return 10 * Math.log10(error / targetEnergy);
  }

  private void initialPhase(float[] cos, float[] sin) {
    if (config.initialPhase() == GriffinLimConfig.InitialPhase.ZERO) {
      Arrays.fill(cos, 1f);
      return;
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = 0; i < cos.length; i++) {
      double phase = 2 * Math.PI * random.nextDouble();
      cos[i] = (float) Math.cos(phase);
      sin[i] = (float) Math.sin(phase);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
