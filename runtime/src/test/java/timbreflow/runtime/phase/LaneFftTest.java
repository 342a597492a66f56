package timbreflow.runtime.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneFftTest {

  private static final int LANES = 5;

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16, 512})
  void forwardMatchesANaiveDftOfEveryLaneAtBitReversedPositions(int n) {
    LaneFft fft = new LaneFft(n);
    float[][] re = new float[n][LANES];
    float[][] im = new float[n][LANES];
    fill(re, im, n);
    float[][] zr = copy(re);
    float[][] zi = copy(im);
    fft.forward(zr, zi, LANES);
    for (int g = 0; g < LANES; g++) {
      double[][] dft = naiveDft(re, im, g);
      for (int k = 0; k < n; k++) {
        int p = fft.position(k);
        assertEquals(dft[0][k], zr[p][g], 1e-4 * n, "real of bin " + k + " lane " + g);
        assertEquals(dft[1][k], zi[p][g], 1e-4 * n, "imag of bin " + k + " lane " + g);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16, 512})
  void adjointOfForwardIsSizeTimesIdentity(int n) {
    LaneFft fft = new LaneFft(n);
    float[][] re = new float[n][LANES];
    float[][] im = new float[n][LANES];
    fill(re, im, n + 1);
    float[][] zr = copy(re);
    float[][] zi = copy(im);
    fft.forward(zr, zi, LANES);
    fft.adjoint(zr, zi, LANES);
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < LANES; g++) {
        assertEquals(re[i][g], zr[i][g] / n, 1e-5, "real " + i);
        assertEquals(im[i][g], zi[i][g] / n, 1e-5, "imag " + i);
      }
    }
  }

  private static void fill(float[][] re, float[][] im, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < re.length; i++) {
      for (int g = 0; g < LANES; g++) {
        re[i][g] = (float) random.nextDouble(-1, 1);
        im[i][g] = (float) random.nextDouble(-1, 1);
      }
    }
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static double[][] naiveDft(float[][] re, float[][] im, int lane) {
    int n = re.length;
    double[][] out = new double[2][n];
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        double a = -2 * Math.PI * (long) k * j / n;
        out[0][k] += re[j][lane] * Math.cos(a) - im[j][lane] * Math.sin(a);
        out[1][k] += re[j][lane] * Math.sin(a) + im[j][lane] * Math.cos(a);
      }
    }
    return out;
  }
}
