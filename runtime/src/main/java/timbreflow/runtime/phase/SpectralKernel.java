package timbreflow.runtime.phase;

/**
 * The per-frame arithmetic of fast Griffin-Lim on frames held as lanes (see {@link LaneFft}).
 *
 * <p>A real frame {@code x} of {@code N} samples is transformed as the complex signal {@code z[n] =
 * x[2n] + i·x[2n+1]} of {@code M = N/2} points. {@link #toSpectrum} turns that FFT, in place, into
 * {@code 2·X[k]} for the {@code M + 1} bins of the real FFT (bin {@code k} in row {@code
 * position(k)}; bins 0 and M, both real, share row 0 as its real and imaginary parts), {@link
 * #project} applies the momentum step and the magnitude constraint, and {@link #fromSpectrum} packs
 * the result back so {@link LaneFft#adjoint} yields {@code 2N·x}. Each loop touches at most four
 * arrays that it writes, so C2 vectorises it across lanes.
 */
final class SpectralKernel {

  private final int half;
  private final int[] position;
  private final float[] cos;
  private final float[] sin;

  /** For frames of {@code nFft} samples, transformed with {@code fft} of {@code nFft/2} points. */
  SpectralKernel(int nFft, LaneFft fft) {
    this.half = nFft / 2;
    this.position = new int[half];
    for (int k = 0; k < half; k++) {
      position[k] = fft.position(k);
    }
    this.cos = new float[half / 2 + 1];
    this.sin = new float[half / 2 + 1];
    for (int k = 0; k <= half / 2; k++) {
      double angle = -2.0 * Math.PI * k / nFft;
      cos[k] = (float) Math.cos(angle);
      sin[k] = (float) Math.sin(angle);
    }
  }

  /** The row that holds bin {@code k} (bins 0 and M: row 0). */
  int row(int k) {
    return k == half ? 0 : position[k];
  }

  /** FFT of the packed signal → {@code 2·X}, in place. */
  void toSpectrum(float[][] re, float[][] im, int lanes) {
    edgesToSpectrum(re[0], im[0], lanes);
    for (int k = 1; k < half / 2; k++) {
      int a = position[k];
      int b = position[half - k];
      split(re[a], im[a], re[b], im[b], cos[k], sin[k], lanes);
    }
    doubleConjugate(re[position[half / 2]], im[position[half / 2]], lanes);
  }

  /** {@code 2·C} → the packed spectrum whose adjoint FFT is {@code 2N·x}, in place. */
  void fromSpectrum(float[][] re, float[][] im, int lanes) {
    edgesFromSpectrum(re[0], im[0], lanes);
    for (int k = 1; k < half / 2; k++) {
      int a = position[k];
      int b = position[half - k];
      merge(re[a], im[a], re[b], im[b], cos[k], sin[k], lanes);
    }
    doubleConjugate(re[position[half / 2]], im[position[half / 2]], lanes);
  }

  /**
   * Fast Griffin-Lim's step for every bin: {@code a = X − β·prev}, {@code prev = X}, {@code X =
   * S·a/(|a| + 1e-16)}.
   */
  void project(
      float[][] re,
      float[][] im,
      float[][] target,
      float[][] prevRe,
      float[][] prevIm,
      float beta,
      int lanes) {
    projectReal(re[0], prevRe[0], target[0], beta, lanes);
    projectReal(im[0], prevRe[half], target[half], beta, lanes);
    for (int k = 1; k < half; k++) {
      int p = position[k];
      projectComplex(re[p], im[p], prevRe[k], prevIm[k], target[k], beta, lanes);
    }
  }

  /**
   * {@code Σ (S − |X|)²} over every bin of each of the first {@code live} lanes, in the 2X scale,
   * into {@code perLane}; a lane's sum runs over bins 0, M, 1, 2, … M−1 whatever the lane.
   */
  void error(float[][] re, float[][] im, float[][] target, int live, double[] perLane) {
    for (int g = 0; g < live; g++) {
      double e0 = target[0][g] - Math.abs(re[0][g]);
      double e1 = target[half][g] - Math.abs(im[0][g]);
      perLane[g] = e0 * e0 + e1 * e1;
    }
    for (int k = 1; k < half; k++) {
      int p = position[k];
      float[] r = re[p];
      float[] i = im[p];
      float[] s = target[k];
      for (int g = 0; g < live; g++) {
        double e = s[g] - Math.sqrt((double) r[g] * r[g] + (double) i[g] * i[g]);
        perLane[g] += e * e;
      }
    }
  }

  private static void edgesToSpectrum(float[] re, float[] im, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float a = re[g];
      float b = im[g];
      re[g] = 2f * (a + b);
      im[g] = 2f * (a - b);
    }
  }

  private static void edgesFromSpectrum(float[] re, float[] im, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float a = re[g];
      float b = im[g];
      re[g] = a + b;
      im[g] = a - b;
    }
  }

  private static void doubleConjugate(float[] re, float[] im, int lanes) {
    for (int g = 0; g < lanes; g++) {
      re[g] = 2f * re[g];
      im[g] = -2f * im[g];
    }
  }

  /** {@code A, B = Z[k], Z[M−k]} → {@code 2X[k] = (A + B*) − iW(A − B*)}, {@code 2X[M−k]}. */
  private static void split(
      float[] ar, float[] ai, float[] br, float[] bi, float c, float d, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float a = ar[g];
      float b = ai[g];
      float e = br[g];
      float f = bi[g];
      float sr = a + e;
      float si = b - f;
      float er = a - e;
      float ei = b + f;
      float fr = er * c - ei * d;
      float fi = er * d + ei * c;
      ar[g] = sr + fi;
      ai[g] = si - fr;
      br[g] = sr - fi;
      bi[g] = -si - fr;
    }
  }

  /** {@code A, B = C[k], C[M−k]} → {@code Z[k] = (A + B*) + iW*(A − B*)}, {@code Z[M−k]}. */
  private static void merge(
      float[] ar, float[] ai, float[] br, float[] bi, float c, float d, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float a = ar[g];
      float b = ai[g];
      float e = br[g];
      float f = bi[g];
      float sr = a + e;
      float si = b - f;
      float er = a - e;
      float ei = b + f;
      float gr = er * c + ei * d;
      float gi = ei * c - er * d;
      ar[g] = sr - gi;
      ai[g] = si + gr;
      br[g] = sr + gi;
      bi[g] = gr - si;
    }
  }

  private static void projectComplex(
      float[] re,
      float[] im,
      float[] prevRe,
      float[] prevIm,
      float[] target,
      float beta,
      int lanes) {
    for (int g = 0; g < lanes; g++) {
      float xr = re[g];
      float xi = im[g];
      float ar = xr - beta * prevRe[g];
      float ai = xi - beta * prevIm[g];
      prevRe[g] = xr;
      prevIm[g] = xi;
      float f = target[g] / ((float) Math.sqrt(ar * ar + ai * ai) + 1e-16f);
      re[g] = ar * f;
      im[g] = ai * f;
    }
  }

  private static void projectReal(float[] x, float[] prev, float[] target, float beta, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float v = x[g];
      float a = v - beta * prev[g];
      prev[g] = v;
      x[g] = a * target[g] / (Math.abs(a) + 1e-16f);
    }
  }
}
