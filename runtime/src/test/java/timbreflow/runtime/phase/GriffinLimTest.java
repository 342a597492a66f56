package timbreflow.runtime.phase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.dsp.ComplexSpectrogram;
import timbreflow.runtime.dsp.Magnitude;
import timbreflow.runtime.dsp.Signals;
import timbreflow.runtime.dsp.Stft;
import timbreflow.runtime.dsp.StftConfig;

// workers meet at a barrier every iteration: a coordination bug would hang, so fail instead
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GriffinLimTest {

  private static final StftConfig CONFIG = StftConfig.DEFAULT;
  private final Stft stft = new Stft(CONFIG);

  @Test
  void oneIterationMatchesAStraightforwardStftLoopWithin1e4() {
    float[] note = Signals.harmonicNote(20_000, 16_000, 330, 8);
    Magnitude target = stft.magnitude(note);
    float[] expected = referenceGriffinLim(target, 1, 0.99, note.length);
    GriffinLimResult result =
        new GriffinLim(CONFIG, zeroPhase(1, 0.99, note.length)).reconstruct(target);
    assertEquals(note.length, result.samples().length);
    assertEquals(1, result.iterations());
    double error = Signals.relativeMaxError(expected, result.samples());
    assertTrue(error < 1e-4, "relative error against the plain loop: " + error);
  }

  @Test
  void convergenceFollowsAStraightforwardStftLoopWithinATenthOfADecibel() {
    // Griffin-Lim amplifies float rounding (phases of near-empty bins), so after a few
    // iterations samples drift apart while the spectral convergence stays the same
    float[] note = Signals.harmonicNote(20_000, 16_000, 330, 8);
    Magnitude target = stft.magnitude(note);
    for (double momentum : new double[] {0, 0.99}) {
      float[] expected = referenceGriffinLim(target, 25, momentum, note.length);
      GriffinLimResult result =
          new GriffinLim(CONFIG, zeroPhase(25, momentum, note.length)).reconstruct(target);
      double want = GriffinLim.spectralConvergenceDb(target, stft.magnitude(expected));
      assertEquals(want, result.spectralConvergenceDb(), 0.1, "momentum " + momentum);
    }
  }

  private static GriffinLimConfig zeroPhase(int iterations, double momentum, int length) {
    return GriffinLimConfig.builder()
        .optIterations(iterations)
        .optMomentum(momentum)
        .optInitialPhase(GriffinLimConfig.InitialPhase.ZERO)
        .optLength(length)
        .build();
  }

  @Test
  void fastGriffinLimReachesBelowMinus20DbOnAHarmonicNote() {
    Magnitude target = stft.magnitude(Signals.harmonicNote(64_000, 16_000, 220, 11));
    GriffinLimConfig config =
        GriffinLimConfig.builder().optIterations(200).optLength(64_000).optSeed(3).build();
    GriffinLimResult result = new GriffinLim(CONFIG, config).reconstruct(target);
    assertEquals(64_000, result.samples().length);
    assertTrue(result.spectralConvergenceDb() < -20, "SC " + result.spectralConvergenceDb());
  }

  @Test
  void plainGriffinLimNeverGetsWorseWithMoreIterations() {
    Magnitude target = stft.magnitude(Signals.chirp(16_000, 16_000, 200, 3000));
    double previous = Double.POSITIVE_INFINITY;
    for (int iterations : new int[] {2, 8, 32}) {
      GriffinLimConfig config =
          GriffinLimConfig.builder()
              .optIterations(iterations)
              .optMomentum(0)
              .optLength(16_000)
              .build();
      double sc = new GriffinLim(CONFIG, config).reconstruct(target).spectralConvergenceDb();
      assertTrue(sc <= previous + 1e-3, iterations + " iterations: " + sc + " > " + previous);
      previous = sc;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64_000, 20_000, 12_345, 2_100})
  void everyThreadCountGivesTheSameSamplesBitForBit(int samples) {
    // 251, 79, 49 and 9 frames: thread counts split them into groups of 128, 88, 64, 40, 32, 24,
    // 16 or 8 lanes, some with lanes past the note's end, meeting at different frames
    Magnitude target = stft.magnitude(Signals.harmonicNote(samples, 16_000, 440, 6));
    GriffinLimConfig base =
        GriffinLimConfig.builder().optIterations(60).optLength(samples).optSeed(11).build();
    GriffinLimResult one = new GriffinLim(CONFIG, base).reconstruct(target);
    for (int threads : new int[] {2, 3, 4, 5}) {
      GriffinLimConfig config = base.toBuilder().optThreads(threads).build();
      GriffinLimResult many = new GriffinLim(CONFIG, config).reconstruct(target);
      // delta 0: equal as numbers (a zero's sign may differ where all four quarters are zero)
      assertArrayEquals(one.samples(), many.samples(), 0f, threads + " threads");
      assertEquals(one.spectralConvergenceDb(), many.spectralConvergenceDb(), threads + " threads");
    }
  }

  @Test
  void earlyStopEndsAtTheSameIterationForEveryThreadCount() {
    // the spectral error is summed frame by frame in frame order, whatever the grouping
    Magnitude target = stft.magnitude(Signals.chirp(30_000, 16_000, 300, 2500));
    GriffinLimConfig base =
        GriffinLimConfig.builder()
            .optIterations(2000)
            .optStopToleranceDb(0.05)
            .optLength(30_000)
            .optSeed(5)
            .build();
    GriffinLimResult one = new GriffinLim(CONFIG, base).reconstruct(target);
    assertTrue(one.iterations() < 2000, "stopped after " + one.iterations());
    for (int threads : new int[] {2, 3, 4}) {
      GriffinLimResult many =
          new GriffinLim(CONFIG, base.toBuilder().optThreads(threads).build()).reconstruct(target);
      assertEquals(one.iterations(), many.iterations(), threads + " threads");
      assertArrayEquals(one.samples(), many.samples(), 0f, threads + " threads");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void cancellingFromAnotherThreadMidRunStopsEveryWorker(int threads) throws Exception {
    Magnitude target = stft.magnitude(Signals.harmonicNote(20_000, 16_000, 330, 4));
    GriffinLimConfig config =
        GriffinLimConfig.builder().optIterations(1_000_000).optThreads(threads).build();
    AtomicBoolean cancel = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    AtomicInteger last = new AtomicInteger();
    GriffinLimListener listener =
        new GriffinLimListener() {
          @Override
          public boolean cancelled() {
            return cancel.get();
          }

          @Override
          public void progress(int note, int iteration) {
            last.set(iteration);
            if (iteration == 20) {
              running.countDown();
            }
          }
        };
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<List<GriffinLimResult>> run =
          caller.submit(
              () -> new GriffinLim(CONFIG, config).reconstruct(List.of(target), listener));
      assertTrue(running.await(60, TimeUnit.SECONDS), "never reached iteration 20");
      cancel.set(true);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
      TimbreflowException cause = assertInstanceOf(TimbreflowException.class, e.getCause());
      assertEquals(Reason.CANCELLED, cause.reason());
      assertTrue(last.get() < 1_000_000, "ran to the end");
    } finally {
      caller.shutdownNow();
    }
    // the helpers went back to the pool: the next run on the same threads completes
    GriffinLimConfig again = config.toBuilder().optIterations(30).build();
    assertEquals(30, new GriffinLim(CONFIG, again).reconstruct(target).iterations());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void aListenerThatThrowsFailsTheRunWithItsExceptionAndReleasesTheHelpers(int threads) {
    Magnitude target = stft.magnitude(Signals.noise(12_000, 4));
    GriffinLimConfig config =
        GriffinLimConfig.builder().optIterations(100).optThreads(threads).build();
    IllegalArgumentException thrown = new IllegalArgumentException("listener broke");
    GriffinLimListener listener =
        new GriffinLimListener() {
          @Override
          public void progress(int note, int iteration) {
            if (iteration == 7) {
              throw thrown;
            }
          }
        };
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GriffinLim(CONFIG, config).reconstruct(List.of(target), listener));
    assertSame(thrown, e);
    assertEquals(
        5,
        new GriffinLim(CONFIG, config.toBuilder().optIterations(5).build())
            .reconstruct(target)
            .iterations());
  }

  @Test
  void aBatchGivesOneResultPerNoteWithItsOwnLength() {
    Magnitude a = stft.magnitude(Signals.noise(5_000, 1));
    Magnitude b = stft.magnitude(Signals.chirp(9_000, 16_000, 100, 900));
    GriffinLimConfig config = GriffinLimConfig.builder().optIterations(3).build();
    List<GriffinLimResult> results =
        new GriffinLim(CONFIG, config).reconstruct(List.of(a, b), GriffinLimListener.NONE);
    assertEquals(2, results.size());
    assertEquals(256 * (a.frames() - 1), results.get(0).samples().length);
    assertEquals(256 * (b.frames() - 1), results.get(1).samples().length);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void aListenerSeesEveryIterationAndCanCancel(int threads) {
    Magnitude target = stft.magnitude(Signals.noise(8_000, 2));
    GriffinLimConfig config =
        GriffinLimConfig.builder().optIterations(50).optThreads(threads).build();
    AtomicInteger seen = new AtomicInteger();
    GriffinLimListener listener =
        new GriffinLimListener() {
          @Override
          public boolean cancelled() {
            return seen.get() >= 5;
          }

          @Override
          public void progress(int note, int iteration) {
            assertEquals(seen.incrementAndGet(), iteration);
          }
        };
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class,
            () -> new GriffinLim(CONFIG, config).reconstruct(List.of(target), listener));
    assertEquals(Reason.CANCELLED, e.reason());
    assertEquals(5, seen.get());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void earlyStopEndsAtTheSecondCheckWhenTheToleranceIsHuge(int threads) {
    Magnitude target = stft.magnitude(Signals.harmonicNote(16_000, 16_000, 220, 5));
    GriffinLimConfig config =
        GriffinLimConfig.builder()
            .optIterations(500)
            .optStopToleranceDb(100)
            .optThreads(threads)
            .build();
    GriffinLimResult result = new GriffinLim(CONFIG, config).reconstruct(target);
    assertEquals(2 * GriffinLimConfig.CHECK_EVERY, result.iterations());
  }

  @Test
  void badSettingsNameTheField() {
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class, () -> GriffinLimConfig.builder().optMomentum(1.5).build());
    assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith("momentum:"), e.getMessage());
    assertThrows(
        TimbreflowException.class,
        () -> new GriffinLim(new StftConfig(16_000, 1024, 512, 64_000), GriffinLimConfig.DEFAULT));
  }

  @Test
  void aMagnitudeWithTheWrongBinsIsAnInvalidTensor() {
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class,
            () ->
                new GriffinLim(CONFIG, GriffinLimConfig.DEFAULT)
                    .reconstruct(new Magnitude(new float[100], 10, 10)));
    assertEquals(Reason.INVALID_TENSOR, e.reason());
  }

  /** Fast Griffin-Lim written the obvious way, on the public STFT. */
  private float[] referenceGriffinLim(Magnitude s, int iterations, double momentum, int length) {
    int n = s.values().length;
    float[] cr = s.values().clone();
    float[] ci = new float[n];
    float[] pr = new float[n];
    float[] pi = new float[n];
    float beta = (float) (momentum / (1 + momentum));
    for (int it = 0; it < iterations; it++) {
      float[] y = stft.inverse(new ComplexSpectrogram(cr, ci, s.bins(), s.frames()), length);
      ComplexSpectrogram rebuilt = stft.forward(y);
      for (int i = 0; i < n; i++) {
        float xr = rebuilt.real()[i];
        float xi = rebuilt.imag()[i];
        float ar = xr - beta * pr[i];
        float ai = xi - beta * pi[i];
        pr[i] = xr;
        pi[i] = xi;
        float f = s.values()[i] / ((float) Math.sqrt(ar * ar + ai * ai) + 1e-16f);
        cr[i] = ar * f;
        ci[i] = ai * f;
      }
    }
    return stft.inverse(new ComplexSpectrogram(cr, ci, s.bins(), s.frames()), length);
  }
}
