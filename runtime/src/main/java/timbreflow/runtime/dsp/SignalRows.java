package timbreflow.runtime.dsp;

/**
 * The signal between iterations, normalised by the window-sum-square and cut to the output length.
 *
 * <p>Sample {@code p} of the zero-padded signal ({@code p = s·hop + 2m + parity}) is {@code
 * even[m][s]} or {@code odd[m][s]}: this layout makes a frame's quarters contiguous across
 * consecutive frames, so {@link FrameGroup} gathers them with {@code System.arraycopy}.
 */
final class SignalRows {

  final float[][] even;
  final float[][] odd;
  private final float[][] gainEven;
  private final float[][] gainOdd;
  private final int hop;
  private final int pad;

  /**
   * Rows for {@code segments} segments (more than the signal has, so the last group can read past
   * its end), with the reciprocal window-sum-square {@code inverseWss} over the padded signal.
   */
  SignalRows(int hop, int nFft, int segments, double[] inverseWss, int length) {
    this.hop = hop;
    this.pad = nFft / 2;
    int rows = hop / 2;
    even = new float[rows][segments];
    odd = new float[rows][segments];
    gainEven = new float[rows][segments];
    gainOdd = new float[rows][segments];
    for (int p = 0; p < inverseWss.length; p++) {
      int s = p / hop;
      int r = p % hop;
      boolean kept = p >= pad && p < pad + length;
      float gain = kept ? (float) inverseWss[p] : 0f;
      if ((r & 1) == 0) {
        gainEven[r >> 1][s] = gain;
      } else {
        gainOdd[r >> 1][s] = gain;
      }
    }
  }

  /** Rows per parity: {@code hop / 2}. */
  int rows() {
    return even.length;
  }

  /**
   * Sums the groups' overlap-adds into rows {@code [from, to)} of one parity and normalises them.
   *
   * @param parity 0 for even samples, 1 for odd
   */
  void gather(FrameGroup[] groups, int parity, int from, int to) {
    float[][] rows = parity == 0 ? even : odd;
    float[][] gains = parity == 0 ? gainEven : gainOdd;
    for (int m = from; m < to; m++) {
      float[] row = rows[m];
      float[] gain = gains[m];
      float[] previous = null;
      int previousLanes = 0;
      int end = 0;
      for (FrameGroup group : groups) {
        float[] add = group.overlap[parity][m];
        int lanes = add.length - 3;
        int at = group.first();
        System.arraycopy(add, 0, row, at, lanes + 3);
        if (previous != null) {
          for (int j = 0; j < 3; j++) {
            row[at + j] += previous[previousLanes + j];
          }
        }
        previous = add;
        previousLanes = lanes;
        end = at + lanes + 3;
      }
      for (int s = end; s < row.length; s++) {
        row[s] = 0f;
      }
      for (int s = 0; s < row.length; s++) {
        row[s] *= gain[s];
      }
    }
  }

  /** The first {@code length} samples of the (unpadded) signal. */
  float[] samples(int length) {
    float[] out = new float[length];
    int segments = even[0].length;
    for (int i = 0; i < length; i++) {
      int p = i + pad;
      int s = p / hop;
      if (s >= segments) {
        break;
      }
      int r = p % hop;
      out[i] = (r & 1) == 0 ? even[r >> 1][s] : odd[r >> 1][s];
    }
    return out;
  }
}
