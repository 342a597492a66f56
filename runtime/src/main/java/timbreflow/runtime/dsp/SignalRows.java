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

  /** Fresh rows for another worker, sharing this one's gains. */
  SignalRows sibling() {
    return new SignalRows(this);
  }

  private SignalRows(SignalRows other) {
    this.hop = other.hop;
    this.pad = other.pad;
    this.gainEven = other.gainEven;
    this.gainOdd = other.gainOdd;
    this.even = new float[other.even.length][other.even[0].length];
    this.odd = new float[other.odd.length][other.odd[0].length];
  }

  /**
   * Sums and normalises the segments that groups {@code [from, to)} read: theirs, plus where the
   * neighbouring groups {@code from − 1} and {@code to} overlap them. Other segments are left
   * stale.
   *
   * @param buffer which overlap buffer of the groups to read
   */
  void gather(FrameGroup[] groups, int buffer, int from, int to) {
    for (int parity = 0; parity < 2; parity++) {
      float[][] rows = parity == 0 ? even : odd;
      float[][] gains = parity == 0 ? gainEven : gainOdd;
      for (int m = 0; m < rows.length; m++) {
        float[] row = rows[m];
        float[] previous = from > 0 ? groups[from - 1].overlap[buffer][parity][m] : null;
        int end = 0;
        for (int g = from; g < to; g++) {
          float[] add = groups[g].overlap[buffer][parity][m];
          int at = groups[g].first();
          System.arraycopy(add, 0, row, at, add.length);
          if (previous != null) {
            int tail = previous.length - 3;
            for (int j = 0; j < 3; j++) {
              row[at + j] += previous[tail + j];
            }
          }
          previous = add;
          end = at + add.length;
        }
        if (to < groups.length) {
          float[] next = groups[to].overlap[buffer][parity][m];
          int at = groups[to].first();
          for (int j = 0; j < 3; j++) {
            row[at + j] += next[j];
          }
        }
        scale(row, gains[m], groups[from].first(), end);
      }
    }
  }

  private static void scale(float[] row, float[] gain, int from, int to) {
    for (int s = from; s < to; s++) {
      row[s] *= gain[s];
    }
  }

  /** Writes the unpadded samples that fall in segments {@code [from, to)} into {@code out}. */
  void copySamples(float[] out, int from, int to) {
    int segments = even[0].length;
    int first = Math.max(0, from * hop - pad);
    int last = Math.min(out.length, Math.min(to, segments) * hop - pad);
    for (int i = first; i < last; i++) {
      int p = i + pad;
      int s = p / hop;
      int r = p % hop;
      out[i] = (r & 1) == 0 ? even[r >> 1][s] : odd[r >> 1][s];
    }
  }
}
