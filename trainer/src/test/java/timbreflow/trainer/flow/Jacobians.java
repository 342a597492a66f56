package timbreflow.trainer.flow;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/** Brute-force Jacobians by autograd, one output element at a time, and their log-determinants. */
final class Jacobians {

  private Jacobians() {}

  /** J[i][j] = ∂z[n]_i / ∂x[n]_j for item n of the batch x [B, C, T]. */
  static double[][] of(ConditionalFlow flow, ParameterStore store, NDArray x0, int n) {
    int d = (int) (x0.getShape().get(1) * x0.getShape().get(2));
    double[][] jac = new double[d][];
    for (int i = 0; i < d; i++) {
      NDArray x = x0.duplicate();
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray z = flow.forward(store, x, false).z();
        gc.backward(z.get(n).flatten().get(i));
      }
      float[] g = x.getGradient().get(n).flatten().toFloatArray();
      jac[i] = new double[d];
      for (int j = 0; j < d; j++) {
        jac[i][j] = g[j];
      }
    }
    return jac;
  }

  /** log |det a| by LU decomposition with partial pivoting, in double. */
  static double logAbsDet(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double sum = 0;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = m[col];
      m[col] = m[pivot];
      m[pivot] = swap;
      double p = m[col][col];
      sum += Math.log(Math.abs(p));
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / p;
        for (int k = col; k < n; k++) {
          m[r][k] -= f * m[col][k];
        }
      }
    }
    return sum;
  }
}
