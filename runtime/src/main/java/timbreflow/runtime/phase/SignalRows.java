package timbreflow.runtime.phase;

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
   * Sums and normalises the segments that groups {@code [from, to)} read: theirs, plus the first
   * three of group {@code to}, where their last frames spill over. Other segments are left stale.
   * Each boundary segment adds the previous group's {@link FrameGroup#tail} quarters to the group's
   * own partial sum in the order {@link FrameGroup} fixes, so the sum does not depend on where
   * groups meet.
   *
   * @param buffer which overlap buffer of the groups to read
   */
  void gather(FrameGroup[] groups, int buffer, int from, int to) {
    FrameGroup last = groups[to - 1];
    int end = last.first() + last.lanes();
    for (int parity = 0; parity < 2; parity++) {
      float[][] rows = parity == 0 ? even : odd;
      float[][] gains = parity == 0 ? gainEven : gainOdd;
      for (int m = 0; m < rows.length; m++) {
        float[] row = rows[m];
        for (int g = from; g < to; g++) {
          float[] own = groups[g].overlap[buffer][parity][m];
          int at = groups[g].first();
          System.arraycopy(own, 0, row, at, own.length);
          if (g > 0) {
            addTail(row, at, groups[g - 1].tail[buffer][parity][m]);
          }
        }
        if (to < groups.length) {
          System.arraycopy(groups[to].overlap[buffer][parity][m], 0, row, end, 3);
        } else {
          row[end] = 0f;
          row[end + 1] = 0f;
          row[end + 2] = 0f;
        }
        addTail(row, end, last.tail[buffer][parity][m]);
        scale(row, gains[m], groups[from].first(), end + 3);
      }
    }
  }

  /** Completes the three segments from {@code at} with the previous group's spilled quarters. */
  private static void addTail(float[] row, int at, float[] tail) {
    row[at] = ((row[at] + tail[0]) + tail[1]) + tail[2];
    row[at + 1] = (row[at + 1] + tail[3]) + tail[4];
    row[at + 2] = row[at + 2] + tail[5];
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
