package timbreflow.exporter.graph;

import timbreflow.exporter.graph.GraphBuilder.Attr;

/**
 * Emits one affine coupling's WaveNet-style net and its forward or inverse affine map, mirroring
 * {@code trainer.flow.AffineCoupling} op by op.
 *
 * <p>Folded in Java: the end convolution's scale half is negated and carries {@code −scaleOffset}
 * in its bias, so the net yields {@code m = −(h_s + scaleOffset)} directly and {@code log s =
 * −softplus(m)}: forward {@code b' = b·exp(−softplus(m)) + t}, inverse {@code b = (b' −
 * t)·exp(softplus(m))}, log-det {@code −Σ softplus(m)}. Negating weights is exact in IEEE
 * arithmetic, so this changes no rounding of the convolution.
 *
 * <p>In a conditional flow each layer's gate input also gets {@code (e · cond_weightᵀ)[:, :, None]}
 * ({@code Gemm} with {@code transB}, {@code [B, 2H]}, broadcast over time), added after the dilated
 * convolution and its bias as in DJL.
 */
final class CouplingNet {

  private final GraphBuilder g;
  private final FlowWeights w;
  private final String prefix;
  private final FlowWeights.Coupling c;
  private final String condition;
  private String conditionAxis;

  /**
   * The net of step {@code step}.
   *
   * @param condition the flow's condition vector {@code [B, E]} ({@link ConditionVector}); null
   *     exactly when the flow is unconditional
   */
  CouplingNet(GraphBuilder g, FlowWeights w, int step, String condition) {
    this.g = g;
    this.w = w;
    this.prefix = "step" + step + "_";
    this.c = w.steps().get(step).coupling();
    this.condition = condition;
    if (c.condWeights().isEmpty() != (condition == null)) {
      throw new IllegalArgumentException(
          "step "
              + step
              + ": expected a condition vector exactly when the coupling has condition weights,"
              + " found "
              + (condition == null ? "none" : "one")
              + " with "
              + c.condWeights().size()
              + " weights");
    }
  }

  /**
   * The net over the conditioner half.
   *
   * @param a {@code [B, Ca, T]}
   * @return {@code {softplus(m), t}}, each {@code [B, Cb, T]}
   */
  String[] softplusAndShift(String a) {
    int h = w.hidden();
    int ca = w.conditionerChannels();
    int cb = w.transformedChannels();
    int k = w.kernelSize();
    String hidden = conv(a, c.startWeight(), c.startBias(), "start", new long[] {h, ca, 1}, 1);
    String skip = null;
    String halves = g.vector(prefix + "halves", h, h);
    for (int i = 0; i < w.layers(); i++) {
      int d = 1 << i;
      String u =
          conv(
              hidden,
              c.inWeights().get(i),
              c.inBiases().get(i),
              "in" + i,
              new long[] {2L * h, h, k},
              d);
      if (condition != null) {
        u = g.op("Add", new String[] {u, conditionTerm(i)});
      }
      String[] tu = g.ops("Split", 2, new String[] {u, halves}, Attr.i("axis", 1));
      String gate =
          g.op(
              "Mul",
              new String[] {
                g.op("Tanh", new String[] {tu[0]}), g.op("Sigmoid", new String[] {tu[1]})
              });
      boolean last = i == w.layers() - 1;
      String r =
          conv(
              gate,
              c.resSkipWeights().get(i),
              c.resSkipBiases().get(i),
              "res_skip" + i,
              new long[] {last ? h : 2L * h, h, 1},
              1);
      String s;
      if (!last) {
        String[] rs = g.ops("Split", 2, new String[] {r, halves}, Attr.i("axis", 1));
        hidden = g.op("Add", new String[] {hidden, rs[0]});
        s = rs[1];
      } else {
        s = r;
      }
      skip = skip == null ? s : g.op("Add", new String[] {skip, s});
    }
    float[] endW = c.endWeight().clone();
    float[] endB = c.endBias().clone();
    for (int o = 0; o < cb; o++) {
      for (int j = 0; j < h; j++) {
        endW[o * h + j] = -endW[o * h + j];
      }
      endB[o] = -(endB[o] + w.scaleOffset());
    }
    String o = conv(skip, endW, endB, "end", new long[] {2L * cb, h, 1}, 1);
    if (c.frequency() != null) {
      o = g.op("Add", new String[] {o, frequency(a, c.frequency(), cb)});
    }
    String[] mt =
        g.ops(
            "Split",
            2,
            new String[] {o, g.vector(prefix + "end_halves", cb, cb)},
            Attr.i("axis", 1));
    return new String[] {g.op("Softplus", new String[] {mt[0]}), mt[1]};
  }

  /**
   * Layer {@code i}'s condition term {@code (e · cond_i_weightᵀ)[:, :, None]}, {@code [B, 2H, 1]}.
   */
  private String conditionTerm(int i) {
    String weight =
        g.floats(
            prefix + "cond" + i + "_weight",
            c.condWeights().get(i),
            2L * w.hidden(),
            w.condition().width());
    String projected =
        g.op("Gemm", new String[] {condition, weight}, Attr.i("transB", 1)); // [B, 2H]
    if (conditionAxis == null) {
      conditionAxis = g.vector(prefix + "cond_axis", 2);
    }
    return g.op("Unsqueeze", new String[] {projected, conditionAxis});
  }

  /**
   * The frequency branch's term {@code [B, 2Cb, T]}, its h_s row negated as the end convolution's
   * is: pad a zero channel onto a, gather the lowest N bins into frequency order, two {@code (kf,
   * 1)} convolutions with a tanh between them, pad a zero bin, gather the transformed bins back
   * (those at N and above get the zero bin).
   */
  private String frequency(String a, FlowWeights.Frequency f, int cb) {
    int kf = f.kernel();
    int hidden = f.hidden();
    long pad = (kf - 1) / 2;
    String padded = g.op("Pad", new String[] {a, g.vector(prefix + "freq_pads", 0, 0, 0, 0, 1, 0)});
    String m =
        g.op(
            "Gather",
            new String[] {padded, g.vector(prefix + "freq_gather_index", f.gatherIndex())},
            Attr.i("axis", 1));
    String m4 = g.op("Unsqueeze", new String[] {m, g.vector(prefix + "freq_axis", 1)});
    String hiddenOut =
        conv2d(m4, f.inWeight(), f.inBias(), "freq_in", new long[] {hidden, 1, kf, 1}, pad);
    float[] outW = f.outWeight().clone();
    float[] outB = f.outBias().clone();
    for (int i = 0; i < hidden * kf; i++) {
      outW[i] = -outW[i];
    }
    outB[0] = -outB[0];
    String q =
        conv2d(
            g.op("Tanh", new String[] {hiddenOut}),
            outW,
            outB,
            "freq_out",
            new long[] {2, hidden, kf, 1},
            pad);
    String withZero =
        g.op("Pad", new String[] {q, g.vector(prefix + "freq_bin_pads", 0, 0, 0, 0, 0, 0, 1, 0)});
    String picked =
        g.op(
            "Gather",
            new String[] {withZero, g.vector(prefix + "freq_out_index", f.outIndex())},
            Attr.i("axis", 2));
    return g.op("Reshape", new String[] {picked, g.vector(prefix + "freq_shape", 0, 2L * cb, -1)});
  }

  private String conv2d(
      String x, float[] weight, float[] bias, String name, long[] shape, long pad) {
    String wName = g.floats(prefix + name + "_weight", weight, shape);
    String bName = g.floats(prefix + name + "_bias", bias, shape[0]);
    return g.op(
        "Conv",
        new String[] {x, wName, bName},
        Attr.ints("kernel_shape", shape[2], shape[3]),
        Attr.ints("dilations", 1, 1),
        Attr.ints("pads", pad, 0, pad, 0),
        Attr.ints("strides", 1, 1),
        Attr.i("group", 1));
  }

  /** {@code b' = b·exp(−sp) + t}. */
  String forward(String b, String[] spT) {
    String s = g.op("Exp", new String[] {g.op("Neg", new String[] {spT[0]})});
    return g.op("Add", new String[] {g.op("Mul", new String[] {b, s}), spT[1]});
  }

  /** {@code b = (b' − t)·exp(sp)}. */
  String inverse(String bPrime, String[] spT) {
    String diff = g.op("Sub", new String[] {bPrime, spT[1]});
    return g.op("Mul", new String[] {diff, g.op("Exp", new String[] {spT[0]})});
  }

  private String conv(String x, float[] weight, float[] bias, String name, long[] shape, int d) {
    long k = shape[2];
    long pad = d * (k - 1) / 2;
    String wName = g.floats(prefix + name + "_weight", weight, shape);
    String bName = g.floats(prefix + name + "_bias", bias, shape[0]);
    return g.op(
        "Conv",
        new String[] {x, wName, bName},
        Attr.ints("kernel_shape", k),
        Attr.ints("dilations", d),
        Attr.ints("pads", pad, pad),
        Attr.ints("strides", 1),
        Attr.i("group", 1));
  }
}
