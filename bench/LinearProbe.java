import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;

/**
 * Single-thread GEMM throughput of DJL's libtorch at the coupling nets' shapes (rows = batch 8 × 64
 * frames). Compare with bench/linear_probe.py (Debian PyTorch). Usage: see bench/README.md.
 */
public class LinearProbe {
  public static void main(String[] a) {
    Engine e = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(1);
    var cpu = ManagementFactory.getThreadMXBean();
    long[][] shapes = {{512, 192, 128}, {512, 256, 64}, {512, 64, 514}, {512, 64, 128}};
    try (NDManager m = e.newBaseManager()) {
      for (int rep = 0; rep < 2; rep++)
        for (long[] s : shapes) {
          NDArray x = m.randomNormal(new Shape(8, s[0] / 8, s[1]));
          NDArray w = m.randomNormal(new Shape(s[2], s[1]));
          NDArray b = m.randomNormal(new Shape(s[2]));
          for (int i = 0; i < 20; i++)
            try (NDManager t = m.newSubManager()) {
              NDArray y = Linear.linear(x, w, b).singletonOrThrow();
              y.attach(t);
            }
          long c0 = cpu.getCurrentThreadCpuTime();
          int n = 200;
          for (int i = 0; i < n; i++)
            try (NDManager t = m.newSubManager()) {
              NDArray y = Linear.linear(x, w, b).singletonOrThrow();
              y.attach(t);
            }
          double ms = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / n;
          System.out.printf(
              "djl linear %dx%dx%d %.3f ms %.1f GFLOP/s%n",
              s[0], s[1], s[2], ms, 2.0 * s[0] * s[1] * s[2] / ms / 1e6);
        }
    }
  }
}
