import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * One training step of the default flow under DJL (forward, bits/dim, backward, Adam), timed. Run
 * by bench/train_step.sh; prints one JSON line. Options: --threads --batch --frames --steps
 * --hidden --layers --warmup --iters --profile FILE.
 */
public final class TrainStep {

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
    int batch = Integer.parseInt(o.getOrDefault("batch", "8"));
    int frames = Integer.parseInt(o.getOrDefault("frames", "64"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
    int iters = Integer.parseInt(o.getOrDefault("iters", "10"));
    boolean adam = Boolean.parseBoolean(o.getOrDefault("adam", "true"));
    FlowConfig d = FlowConfig.defaults();
    int steps = Integer.parseInt(o.getOrDefault("steps", "" + d.steps()));
    int hidden = Integer.parseInt(o.getOrDefault("hidden", "" + d.hiddenChannels()));
    int layers = Integer.parseInt(o.getOrDefault("layers", "" + d.layers()));
    FlowConfig config =
        d.toBuilder().optSteps(steps).optHiddenChannels(hidden).optLayers(layers).build();
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    engine.setRandomSeed(0);
    try (NDManager manager = engine.newBaseManager()) {
      ConditionalFlow flow = new ConditionalFlow(config);
      flow.initialize(manager, frames);
      List<NDArray> weights = new ArrayList<>();
      List<NDArray[]> moments = new ArrayList<>();
      for (Parameter p : flow.namedParameters().values()) {
        if (p.requiresGradient()) {
          NDArray w = p.getArray();
          weights.add(w);
          moments.add(new NDArray[] {manager.zeros(w.getShape()), manager.zeros(w.getShape())});
        }
      }
      ParameterStore store = new ParameterStore(manager, false);
      Random random = new Random(0);
      float[] xs = new float[batch * config.channels() * frames];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = random.nextFloat();
      }
      long[] pitches = new long[batch];
      long[] families = new long[batch];
      for (int i = 0; i < batch; i++) {
        pitches[i] = random.nextInt(128);
        families[i] = random.nextInt(11);
      }
      Shape shape = new Shape(batch, config.channels(), frames);
      int[] t = {0};
      Runnable step =
          () -> {
            try (NDManager sub = manager.newSubManager()) {
              NDArray x = sub.create(xs, shape);
              NDArray pitch = sub.create(pitches);
              NDArray family = sub.create(families);
              try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray loss = BitsPerDim.of(flow, store, x, pitch, family, 0, true).mean();
                gc.backward(loss);
              }
              t[0]++;
              double bc = 1e-3 * Math.sqrt(1 - Math.pow(0.999, t[0])) / (1 - Math.pow(0.9, t[0]));
              for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                if (!adam) {
                  JniUtils.zeroGrad((PtNDArray) w);
                  continue;
                }
                NDArray g = w.getGradient();
                g.attach(sub);
                w.getNDArrayInternal()
                    .adamUpdate(
                        new NDList(w, g, moments.get(i)[0], moments.get(i)[1]),
                        new NDList(w),
                        1e-3f,
                        (float) bc,
                        0f,
                        1f,
                        -1f,
                        0.9f,
                        0.999f,
                        1e-8f,
                        false,
                        false);
                JniUtils.zeroGrad((PtNDArray) w);
              }
            }
          };
      Runnable forward =
          () -> {
            try (NDManager sub = manager.newSubManager()) {
              boolean grad = JniUtils.isGradMode();
              JniUtils.setGradMode(false);
              NDArray x = sub.create(xs, shape);
              BitsPerDim.of(flow, store, x, sub.create(pitches), sub.create(families), 0, false)
                  .toFloatArray();
              JniUtils.setGradMode(grad);
            }
          };
      for (int i = 0; i < warmup; i++) {
        step.run();
      }
      String profile = o.get("profile");
      if (profile != null) {
        JniUtils.startProfile(false, true, false);
      }
      var cpu = ManagementFactory.getThreadMXBean();
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) {
        step.run();
      }
      double stepMs = (System.nanoTime() - t0) / 1e6 / iters;
      double stepCpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / iters;
      if (profile != null) {
        JniUtils.stopProfile(profile);
      }
      forward.run();
      t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) {
        forward.run();
      }
      double fwdMs = (System.nanoTime() - t0) / 1e6 / iters;
      System.out.printf(
          "{\"impl\": \"djl-%s-pytorch-%s\", \"threads\": %d, \"batch\": %d, \"frames\": %d,"
              + " \"params\": %d, \"step_ms\": %.1f, \"step_cpu_ms\": %.1f, \"forward_nograd_ms\":"
              + " %.1f, \"crops_per_s\": %.1f, \"peak_rss_mb\": %.1f}%n",
          Engine.getDjlVersion(),
          engine.getVersion(),
          threads,
          batch,
          frames,
          flow.trainableParameterCount(),
          stepMs,
          stepCpuMs,
          fwdMs,
          batch * 1e3 / stepMs,
          peakRssMb());
    }
  }

  private static double peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }
}
