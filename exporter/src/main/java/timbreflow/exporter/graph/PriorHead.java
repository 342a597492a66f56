package timbreflow.exporter.graph;

import timbreflow.exporter.graph.GraphBuilder.Attr;

/**
 * Emits the conditional prior's parameters, mirroring {@code trainer.flow.ConditionalPrior}: {@code
 * h = e · weightᵀ + bias} with e the prior's own {@link ConditionVector}, split into mean and log
 * std, plus {@code frameOffsets[:, min(t, Fp−1)]} when the prior varies along frames, plus {@code
 * envelopeBasis · env[:, :, min(t, Fp−1)]} with {@code env = (e · envelopeWeightᵀ).reshape(B, R,
 * Fp)} when it has a condition-dependent envelope.
 */
final class PriorHead {

  private PriorHead() {}

  /**
   * The prior's mean and log-std.
   *
   * @param pitch int64 {@code [B]} labels, or f32 {@code [B]} MIDI pitch when {@code continuous}
   * @param family int64 {@code [B]} labels, or f32 {@code [B, F]} weights when {@code continuous}
   * @param frames int64 scalar T (used only when the prior varies along frames)
   * @param continuous whether the condition is continuous (bundle format 2)
   * @return {@code {mean, logStd}}, each {@code [B, C, 1]} for a frame-constant prior, else {@code
   *     [B, C, T]}
   */
  static String[] emit(
      GraphBuilder g,
      FlowWeights w,
      String pitch,
      String family,
      String frames,
      boolean continuous) {
    FlowWeights.Prior p = w.prior();
    int c = w.channels();
    String e = ConditionVector.emit(g, p.embedding(), pitch, family, continuous, "");
    int width = p.embedding().width();
    String weight = g.floats("prior_weight", p.weight(), 2L * c, width);
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
      if (p.envelopeRank() > 0) {
        h3 = g.op("Add", new String[] {h3, envelope(g, p, c, e, idx)});
      }
    }
    return g.ops("Split", 2, new String[] {h3, g.vector("prior_halves", c, c)}, Attr.i("axis", 1));
  }

  /** {@code envelopeBasis · env[:, :, idx]}, {@code [B, 2C, T]}, for frame indices {@code idx}. */
  private static String envelope(GraphBuilder g, FlowWeights.Prior p, int c, String e, String idx) {
    int rank = p.envelopeRank();
    int frames = p.priorFrames();
    String weight =
        g.floats(
            "envelope_weight", p.envelopeWeight(), (long) rank * frames, p.embedding().width());
    String flat = g.op("Gemm", new String[] {e, weight}, Attr.i("transB", 1));
    String env = g.op("Reshape", new String[] {flat, g.vector("envelope_shape", 0, rank, frames)});
    String atFrames = g.op("Gather", new String[] {env, idx}, Attr.i("axis", 2));
    String basis = g.floats("envelope_basis", p.envelopeBasis(), 2L * c, rank);
    return g.op("MatMul", new String[] {basis, atFrames});
  }
}
