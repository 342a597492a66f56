package timbreflow.runtime.phase;

/**
 * Many complex FFTs of {@code M} points at once, one per lane, in bit-reversed spectral order.
 *
 * <p>Data: {@code re[n][g]}, {@code im[n][g]} is point {@code n} of transform {@code g}, so every
 * butterfly is a loop over lanes on four separate arrays at the same index, which HotSpot's C2
 * turns into SIMD code (a plain scalar FFT cannot be vectorised by it). {@link #forward} is radix-2
 * decimation in frequency ({@code e^(−2πi·kn/M)}, natural order in, bit-reversed out) and {@link
 * #adjoint} is exactly its adjoint (bit-reversed in, natural out, {@code e^(+2πi·kn/M)}, unscaled:
 * {@code adjoint(forward(z)) = M·z}). Griffin-Lim only multiplies spectra element by element
 * between the two, so the bit reversal is never undone. The first forward and last adjoint stages
 * take per-point scale factors so a caller can fuse its analysis and synthesis windows into them.
 *
 * <p>Immutable and safe to share between threads.
 */
final class LaneFft {

  /** Rows per block for the small stages: 32 rows of 128 lanes are 32 KB. */
  private static final int LEAF = 32;

  private final int size;
  private final int log;
  private final float[] cos;
  private final float[] sin;

  /**
   * Transforms of {@code size} points.
   *
   * @param size a power of two, at least 4
   */
  LaneFft(int size) {
    if (size < 4 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("expected a power of two >= 4, found " + size);
    }
    this.size = size;
    this.log = Integer.numberOfTrailingZeros(size);
    this.cos = new float[size / 2];
    this.sin = new float[size / 2];
    for (int k = 0; k < size / 2; k++) {
      double angle = -2.0 * Math.PI * k / size;
      cos[k] = (float) Math.cos(angle);
      sin[k] = (float) Math.sin(angle);
    }
  }

  /** Points per transform. */
  int size() {
    return size;
  }

  /** The position of frequency {@code k} in a forward transform's output (and vice versa). */
  int position(int k) {
    return Integer.reverse(k) >>> (32 - log);
  }

  /** Forward transforms of the first {@code lanes} lanes, in place. */
  void forward(float[][] re, float[][] im, int lanes) {
    forwardAfterFirst(re, im, lanes, firstStage(re, im, null, null, lanes));
  }

  /**
   * The first forward stage with the input scaled per point: point {@code n} is taken as {@code
   * re[n]·scaleRe[n] + i·im[n]·scaleIm[n]} (null scales mean 1).
   *
   * @return a token for {@link #forwardAfterFirst}
   */
  int firstStage(float[][] re, float[][] im, float[] scaleRe, float[] scaleIm, int lanes) {
    scaledStage(re, im, scaleRe, scaleIm, lanes, false);
    return size / 2;
  }

  /** The forward stages after {@link #firstStage}. */
  void forwardAfterFirst(float[][] re, float[][] im, int lanes, int firstHalf) {
    int h = firstHalf / 2;
    for (; h >= 1 && 2 * h > LEAF; h /= 2) {
      stage(re, im, lanes, h, 0, size, false);
    }
    // the small stages block by block, so each block stays in the L1 cache
    for (int from = 0; from < size; from += LEAF) {
      for (int k = h; k >= 1; k /= 2) {
        stage(re, im, lanes, k, from, Math.min(size, from + LEAF), false);
      }
    }
  }

  /** Adjoint transforms of the first {@code lanes} lanes, in place, unscaled. */
  void adjoint(float[][] re, float[][] im, int lanes) {
    adjointBeforeLast(re, im, lanes);
    lastStage(re, im, null, null, lanes);
  }

  /** All adjoint stages but the last. */
  void adjointBeforeLast(float[][] re, float[][] im, int lanes) {
    int h = 1;
    int top = Math.min(LEAF / 2, size / 4);
    for (int from = 0; from < size; from += LEAF) {
      for (int k = 1; k <= top; k *= 2) {
        stage(re, im, lanes, k, from, Math.min(size, from + LEAF), true);
      }
    }
    for (h = 2 * top; h < size / 2; h *= 2) {
      stage(re, im, lanes, h, 0, size, true);
    }
  }

  /**
   * The last adjoint stage with the output scaled per point: point {@code n} becomes {@code
   * re[n]·scaleRe[n] + i·im[n]·scaleIm[n]} (null scales mean 1).
   */
  void lastStage(float[][] re, float[][] im, float[] scaleRe, float[] scaleIm, int lanes) {
    scaledStage(re, im, scaleRe, scaleIm, lanes, true);
  }

  /**
   * One stage of butterflies {@code h} points apart over rows {@code from} to {@code to}: the
   * forward's decimation-in-frequency ones, or with {@code adjoint} their adjoint
   * decimation-in-time ones. The first butterfly of each block has twiddle 1, where both are the
   * same sum and difference.
   */
  private void stage(
      float[][] re, float[][] im, int lanes, int h, int from, int to, boolean adjoint) {
    int step = size / (2 * h);
    for (int b = from; b < to; b += 2 * h) {
      sumAndDifference(re[b], im[b], re[b + h], im[b + h], lanes);
      for (int j = 1; j < h; j++) {
        int lo = b + j;
        int hi = lo + h;
        if (adjoint) {
          dit(re[lo], im[lo], re[hi], im[hi], cos[j * step], sin[j * step], lanes);
        } else {
          dif(re[lo], im[lo], re[hi], im[hi], cos[j * step], sin[j * step], lanes);
        }
      }
    }
  }

  /** The outermost stage (points {@code size/2} apart) with per-point scales (null means 1). */
  private void scaledStage(
      float[][] re, float[][] im, float[] scaleRe, float[] scaleIm, int lanes, boolean adjoint) {
    int h = size / 2;
    for (int j = 0; j < h; j++) {
      float ar = scaleRe == null ? 1f : scaleRe[j];
      float ai = scaleIm == null ? 1f : scaleIm[j];
      float br = scaleRe == null ? 1f : scaleRe[j + h];
      float bi = scaleIm == null ? 1f : scaleIm[j + h];
      if (adjoint) {
        ditScaled(re[j], im[j], re[j + h], im[j + h], ar, ai, br, bi, cos[j], sin[j], lanes);
      } else {
        difScaled(re[j], im[j], re[j + h], im[j + h], ar, ai, br, bi, cos[j], sin[j], lanes);
      }
    }
  }

  // The butterflies below each touch four arrays at one index per lane and nothing else: keep
  // them that simple, larger loop bodies stop C2 from vectorising them.

  private static void dif(
      float[] r0, float[] i0, float[] r1, float[] i1, float c, float d, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float ar = r0[g];
      float ai = i0[g];
      float br = r1[g];
      float bi = i1[g];
      float xr = ar - br;
      float xi = ai - bi;
      r0[g] = ar + br;
      i0[g] = ai + bi;
      // written with fma: the plain form (xr * c - xi * d) is not vectorised by JDK 17's C2
      r1[g] = Math.fma(xr, c, -xi * d);
      i1[g] = Math.fma(xr, d, xi * c);
    }
  }

  private static void sumAndDifference(float[] r0, float[] i0, float[] r1, float[] i1, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float ar = r0[g];
      float ai = i0[g];
      float br = r1[g];
      float bi = i1[g];
      r0[g] = ar + br;
      i0[g] = ai + bi;
      r1[g] = ar - br;
      i1[g] = ai - bi;
    }
  }

  private static void difScaled(
      float[] r0,
      float[] i0,
      float[] r1,
      float[] i1,
      float sr0,
      float si0,
      float sr1,
      float si1,
      float c,
      float d,
      int lanes) {
    for (int g = 0; g < lanes; g++) {
      float ar = r0[g] * sr0;
      float ai = i0[g] * si0;
      float br = r1[g] * sr1;
      float bi = i1[g] * si1;
      float xr = ar - br;
      float xi = ai - bi;
      r0[g] = ar + br;
      i0[g] = ai + bi;
      // written with fma: the plain form (xr * c - xi * d) is not vectorised by JDK 17's C2
      r1[g] = Math.fma(xr, c, -xi * d);
      i1[g] = Math.fma(xr, d, xi * c);
    }
  }

  private static void dit(
      float[] r0, float[] i0, float[] r1, float[] i1, float c, float d, int lanes) {
    for (int g = 0; g < lanes; g++) {
      float ur = r0[g];
      float ui = i0[g];
      float vr = r1[g];
      float vi = i1[g];
      float tr = Math.fma(vr, c, vi * d);
      float ti = Math.fma(vi, c, -vr * d);
      r0[g] = ur + tr;
      i0[g] = ui + ti;
      r1[g] = ur - tr;
      i1[g] = ui - ti;
    }
  }

  private static void ditScaled(
      float[] r0,
      float[] i0,
      float[] r1,
      float[] i1,
      float sr0,
      float si0,
      float sr1,
      float si1,
      float c,
      float d,
      int lanes) {
    for (int g = 0; g < lanes; g++) {
      float ur = r0[g];
      float ui = i0[g];
      float vr = r1[g];
      float vi = i1[g];
      float tr = Math.fma(vr, c, vi * d);
      float ti = Math.fma(vi, c, -vr * d);
      r0[g] = (ur + tr) * sr0;
      i0[g] = (ui + ti) * si0;
      r1[g] = (ur - tr) * sr1;
      i1[g] = (ui - ti) * si1;
    }
  }
}
