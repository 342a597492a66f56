package timbreflow.exporter.graph;

import timbreflow.exporter.graph.GraphBuilder.Attr;

/**
 * Emits a condition embedding, mirroring {@code trainer.flow.NoteCondition}: {@code e =
 * concat(pitchRows(pitchTable, pitch), familyRows(familyTable, family))}, {@code [B, Ep + Ef]}.
 *
 * <p>Continuous (bundle format 2): pitch f32 {@code [B]} and family weights f32 {@code [B, F]},
 *
 * <pre>
 * p = clip(pitch, 0, P − 1)   lo = floor(p)   hi = min(lo + 1, P − 1)   f = (p − lo)[:, None]
 * pitchRows  = pitchTable[lo]·(1 − f) + pitchTable[hi]·f                 (Gather on int64 casts)
 * familyRows = family · familyTable                                      (MatMul)
 * </pre>
 *
 * in DJL's order of operations, so an integer pitch and a one-hot family give exactly the table
 * rows. Labels (bundle format 1): int64 pitch and family {@code [B]}, two plain {@code Gather}s.
 */
final class ConditionVector {

  private static final long INT64 = 7;

  private ConditionVector() {}

  /**
   * The condition vector {@code [B, Ep + Ef]}.
   *
   * @param prefix initializer-name prefix that tells this embedding's tables from another's
   * @param continuous float pitch and family weights (format 2), else int64 labels (format 1)
   */
  static String emit(
      GraphBuilder g,
      FlowWeights.Embedding t,
      String pitch,
      String family,
      boolean continuous,
      String prefix) {
    String pitchTable =
        g.floats(prefix + "pitch_embedding", t.pitchTable(), t.pitches(), t.pitchDim());
    String familyTable =
        g.floats(prefix + "family_embedding", t.familyTable(), t.families(), t.familyDim());
    String pitchRows;
    String familyRows;
    if (continuous) {
      pitchRows = interpolatedRows(g, pitchTable, t.pitches(), pitch, prefix);
      familyRows = g.op("MatMul", new String[] {family, familyTable});
    } else {
      pitchRows = g.op("Gather", new String[] {pitchTable, pitch}, Attr.i("axis", 0));
      familyRows = g.op("Gather", new String[] {familyTable, family}, Attr.i("axis", 0));
    }
    return g.op("Concat", new String[] {pitchRows, familyRows}, Attr.i("axis", 1));
  }

  /** {@code table[lo]·(1 − f) + table[hi]·f}, {@code [B, E]}, for float pitch {@code [B]}. */
  private static String interpolatedRows(
      GraphBuilder g, String table, int rows, String pitch, String prefix) {
    String last = g.scalar(prefix + "last_pitch", rows - 1);
    String one = g.scalar(prefix + "pitch_one", 1f);
    String p = g.op("Clip", new String[] {pitch, g.scalar(prefix + "first_pitch", 0f), last});
    String lo = g.op("Floor", new String[] {p});
    String hi = g.op("Min", new String[] {g.op("Add", new String[] {lo, one}), last});
    String frac =
        g.op(
            "Unsqueeze",
            new String[] {
              g.op("Sub", new String[] {p, lo}), g.vector(prefix + "pitch_fraction_axis", 1)
            });
    String low =
        g.op(
            "Gather",
            new String[] {table, g.op("Cast", new String[] {lo}, Attr.i("to", INT64))},
            Attr.i("axis", 0));
    String high =
        g.op(
            "Gather",
            new String[] {table, g.op("Cast", new String[] {hi}, Attr.i("to", INT64))},
            Attr.i("axis", 0));
    String oneMinusFrac = g.op("Sub", new String[] {one, frac});
    return g.op(
        "Add",
        new String[] {
          g.op("Mul", new String[] {low, oneMinusFrac}), g.op("Mul", new String[] {high, frac})
        });
  }
}
