package timbreflow.exporter.bench;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import timbreflow.exporter.bundle.BundleWriter;
import timbreflow.exporter.cli.SyntheticNotes;
import timbreflow.exporter.cli.TinyFlow;
import timbreflow.exporter.graph.FlowGraphs;
import timbreflow.exporter.graph.FlowWeights;
import timbreflow.exporter.graph.FlowWeightsReader;
import timbreflow.exporter.parity.DjlReference;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.FeatureFormula;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;
import timbreflow.trainer.train.Checkpoint;

/**
 * Times encode + decode of one 4-s note (batch 1) and of a batch of 8 under ONNX Runtime (CPU) and
 * under DJL (PyTorch) on the same weights, and prints both medians and their ratio.
 *
 * <p>The bundle has the flow's own format (a conditional flow's decoder takes the condition, so
 * both engines decode under the notes' label conditions).
 *
 * <p>Without {@code --checkpoint} it uses the default-size flow ({@link FlowConfig#defaults()})
 * with seeded random weights: speed does not depend on the values. Both engines run with {@code
 * --threads} intra-op threads: set here for ONNX Runtime and through the {@code
 * ai.djl.pytorch.num_threads} system property for PyTorch, which the launcher script passes.
 */
@Command(name = "ort-vs-djl", mixinStandardHelpOptions = true)
public final class OrtVsDjlBenchmark implements Callable<Integer> {

  @Option(
      names = "--checkpoint",
      description = "trainer checkpoint; default: random default-size flow")
  Path checkpoint;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(names = "--iterations", defaultValue = "10")
  int iterations;

  @Option(names = "--warmup", defaultValue = "3")
  int warmup;

  @Option(names = "--batches", split = ",", defaultValue = "1,8")
  List<Integer> batches;

  /** Runs the benchmark; see the class comment. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new OrtVsDjlBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String djlThreads = System.getProperty("ai.djl.pytorch.num_threads");
    if (djlThreads == null || Integer.parseInt(djlThreads) != threads) {
      System.err.println(
          "warning: -Dai.djl.pytorch.num_threads=" + threads + " not set; PyTorch picks its own");
    }
    if (checkpoint != null) {
      try (Checkpoint ckpt = Checkpoint.load(checkpoint)) {
        return run(ckpt.flow(), ckpt.manager());
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      return run(TinyFlow.create(manager, FlowConfig.defaults(), 1), manager);
    }
  }

  private int run(ConditionalFlow flow, NDManager manager) throws Exception {
    FlowWeights w = FlowWeightsReader.read(flow);
    Manifest manifest = manifest(flow.config(), w.contract().formatVersion());
    Map<String, ModelProto> graphs = new LinkedHashMap<>();
    Map<String, String> meta = manifest.metadataProps();
    graphs.put(GraphContract.ENCODER, FlowGraphs.encoder(w, 17, "bench", "0", meta));
    graphs.put(GraphContract.DECODER, FlowGraphs.decoder(w, 17, "bench", "0", meta));
    graphs.put(GraphContract.PRIOR, FlowGraphs.prior(w, 17, "bench", "0", meta));
    Path dir = Files.createTempDirectory("ort-vs-djl");
    Path staging = BundleWriter.stage(dir.resolve("bundle"), graphs, manifest);
    long encoderBytes = Files.size(staging.resolve("encoder.onnx"));
    long decoderBytes = Files.size(staging.resolve("decoder.onnx"));
    System.out.printf(
        "model: %s%ngraphs: encoder %.2f MB, decoder %.2f MB; threads %d, %d iterations after %d"
            + " warm-up, median ms%n",
        flow.config().toJson(),
        encoderBytes / 1e6,
        decoderBytes / 1e6,
        threads,
        iterations,
        warmup);
    DjlReference djl = new DjlReference(flow, manager);
    BundleOptions options = BundleOptions.builder().optIntraOpThreads(threads).build();
    try (ModelBundle ort = ModelBundle.load(staging, options)) {
      for (int batch : batches) {
        List<ParityNote> notes = SyntheticNotes.generate(batch, 513, 251, 5);
        int frames = 251;
        float[] x = new float[batch * 513 * frames];
        long[] pitch = new long[batch];
        long[] family = new long[batch];
        for (int i = 0; i < batch; i++) {
          System.arraycopy(notes.get(i).features(), 0, x, i * 513 * frames, 513 * frames);
          pitch[i] = notes.get(i).pitch();
          family[i] = notes.get(i).family();
        }
        GraphConditions c = GraphConditions.ofLabels(pitch, family, flow.config().families());
        double djlMs =
            median(() -> djl.decode(djl.encode(x, batch, frames, c).z(), batch, frames, c));
        double ortMs =
            median(() -> ort.decode(ort.encode(x, batch, frames, c).z(), batch, frames, c));
        System.out.printf(
            "batch %d: DJL forward+inverse %.1f ms, ORT encode+decode %.1f ms, ORT/DJL %.2f%n",
            batch, djlMs, ortMs, ortMs / djlMs);
      }
    } finally {
      BundleWriter.discard(staging, new RuntimeException());
      Files.deleteIfExists(dir);
    }
    return 0;
  }

  private double median(Runnable work) {
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    double[] ms = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      work.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return iterations % 2 == 1
        ? ms[iterations / 2]
        : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
  }

  private static Manifest manifest(FlowConfig config, int formatVersion) {
    return new Manifest(
        formatVersion,
        "bench",
        "0",
        16000,
        1024,
        256,
        "hann-periodic",
        true,
        64000,
        config.channels(),
        new FeatureFormula("bench", 1e-13, 120, 256),
        Collections.nCopies(config.families(), "f"),
        0,
        config.pitches() - 1,
        17,
        Map.of(),
        new Provenance(0, null, "bench", "bench", config.toJson()));
  }
}
