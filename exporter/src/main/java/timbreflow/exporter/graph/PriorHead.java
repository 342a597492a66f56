package timbreflow.exporter.graph;

import timbreflow.exporter.graph.GraphBuilder.Attr;

/**
 * Emits the conditional prior's parameters, mirroring {@code trainer.flow.ConditionalPrior}: {@code
 * h = concat(pitchEmb[pitch], familyEmb[family]) · weightᵀ + bias}, split into mean and log std,
 * plus {@code frameOffsets[:, min(t, F−1)]} when the prior varies along frames.
 */
final class PriorHead {

  private PriorHead() {}

  /**
   * The prior's mean and log-std.
   *
   * @param pitch int64 {@code [B]}
   * @param family int64 {@code [B]}
   * @param frames int64 scalar T (used only when the prior varies along frames)
   * @return {@code {mean, logStd}}, each {@code [B, C, 1]} for a frame-constant prior, else {@code
   *     [B, C, T]}
   */
  static String[] emit(GraphBuilder g, FlowWeights w, String pitch, String family, String frames) {
    FlowWeights.Prior p = w.prior();
    int c = w.channels();
    String pe = g.floats("pitch_embedding", p.pitchEmbedding(), p.pitches(), p.pitchDim());
    String fe = g.floats("family_embedding", p.familyEmbedding(), p.families(), p.familyDim());
    String e =
        g.op(
            "Concat",
            new String[] {
              g.op("Gather", new String[] {pe, pitch}, Attr.i("axis", 0)),
              g.op("Gather", new String[] {fe, family}, Attr.i("axis", 0))
            },
            Attr.i("axis", 1));
    String weight = g.floats("prior_weight", p.weight(), 2L * c, p.pitchDim() + p.familyDim());
    String bias = g.floats("prior_bias", p.bias(), 2L * c);
    String h = g.op("Gemm", new String[] {e, weight, bias}, Attr.i("transB", 1));
    String h3 = g.op("Unsqueeze", new String[] {h, g.vector("axis2", 2)});
    if (p.priorFrames() > 0) {
      String t =
          g.op(
              "Range",
              new String[] {
                g.longs("zero", new long[] {0}), frames, g.longs("one", new long[] {1})
              });
      String idx =
          g.op("Min", new String[] {t, g.longs("last_frame", new long[] {p.priorFrames() - 1L})});
      String table = g.floats("frame_offsets", p.frameOffsets(), 2L * c, p.priorFrames());
      String offsets = g.op("Gather", new String[] {table, idx}, Attr.i("axis", 1));
      h3 = g.op("Add", new String[] {h3, offsets});
    }
    return g.ops("Split", 2, new String[] {h3, g.vector("prior_halves", c, c)}, Attr.i("axis", 1));
  }
}
