package timbreflow.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import timbreflow.server.ServerConfig;
import timbreflow.server.engine.BundleNoteService;
import timbreflow.server.engine.GriffinLimControls;
import timbreflow.server.engine.NoteRequest;
import timbreflow.server.engine.Rendering;
import timbreflow.server.work.Cancellation;

/**
 * Reconstructs one WAV over and over on N threads for a fixed time, exactly as a {@code POST
 * /v1/reconstruct} does on a worker (read, features, encode, decode, Griffin-Lim, WAV), and prints
 * throughput and latency percentiles as one JSON line.
 *
 * <p>Usage: {@code java -cp timbreflow-server.jar timbreflow.server.bench.InProcessReconstruct
 * MODEL_DIR WAV THREADS SECONDS ITERATIONS}
 */
public final class InProcessReconstruct {

  private InProcessReconstruct() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: InProcessReconstruct MODEL_DIR WAV THREADS SECONDS ITERATIONS");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    byte[] wav = Files.readAllBytes(Path.of(args[1]));
    int threads = Integer.parseInt(args[2]);
    Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
    int iterations = Integer.parseInt(args[4]);
    ServerConfig config =
        ServerConfig.builder().setModelDir(model).optWorkers(threads).optQueueCapacity(1).build();
    try (BundleNoteService service =
        BundleNoteService.open(config.modelDir(), config.bundleOptions())) {
      service.warmUp();
      NoteRequest request =
          new NoteRequest(
              OptionalInt.empty(),
              OptionalInt.empty(),
              0.0,
              new GriffinLimControls(iterations, 0.99, 0));
      // warm up as the server's bench does: each thread runs the real request a few times
      Thread[] warm = new Thread[threads];
      for (int i = 0; i < threads; i++) {
        warm[i] =
            new Thread(
                () -> {
                  for (int k = 0; k < 3; k++) {
                    service.wav(service.reconstruct(wav, request, new Cancellation()));
                  }
                });
        warm[i].start();
      }
      for (Thread t : warm) {
        t.join();
      }
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(threads);
      long start = System.nanoTime();
      for (int i = 0; i < threads; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    long s = System.nanoTime();
                    Rendering r = service.reconstruct(wav, request, new Cancellation());
                    service.wav(r);
                    latencies.add(System.nanoTime() - s);
                  }
                  done.countDown();
                },
                "bench-" + i);
        t.start();
      }
      Thread.sleep(duration.toMillis());
      stop.set(true);
      done.await();
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"threads\":%d,\"requests\":%d,\"seconds\":%.2f,\"throughput\":%.3f,"
                  + "\"p50_ms\":%.1f,\"p99_ms\":%.1f}",
              threads,
              sorted.length,
              seconds,
              sorted.length / seconds,
              percentile(sorted, 0.50) / 1e6,
              percentile(sorted, 0.99) / 1e6));
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, index)];
  }
}
