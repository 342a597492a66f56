package timbreflow.exporter.graph;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.Map;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.graph.GraphBuilder.Attr;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.TensorSpec;

/**
 * Builds the encoder, decoder and prior graphs of a flow ({@link GraphContract} gives their
 * interfaces).
 *
 * <p>The encoder scores the evaluation-dequantised features {@code x̃ = x + 1/512} (the bin centre,
 * as {@code trainer.flow.BitsPerDim} does outside training) and returns {@code z = flow(x̃)} and
 * {@code bits_per_dim = (−log p(x̃) + D ln 256)/(D ln 2)}, {@code D = C·T}; the decoder returns
 * {@code flow⁻¹(z) − 1/512}, so {@code decode(encode(x)) = x} and one flow pass gives both z and
 * its score. The offset is folded into the ActNorm bias. Opsets 13–17 share one op set: {@code
 * Split}, {@code ReduceSum} and {@code Unsqueeze} take their sizes and axes as inputs from opset 13
 * on, and no op whose signature changes before 18 is used; 17 is also the newest opset that
 * Debian's onnx 1.12 checker knows.
 *
 * <p>The bundle format follows the flow ({@link FlowWeights#contract()}): an unconditional flow
 * gives format 1, whose decoder takes only z and whose encoder and prior take int64 labels; a
 * conditional flow gives format 2, where all three graphs take float pitch {@code [B]} and family
 * weights {@code [B, F]}, and the encoder and decoder embed them once ({@link ConditionVector}) for
 * every coupling to read.
 */
public final class FlowGraphs {

  /** The default opset. */
  public static final int DEFAULT_OPSET = 17;

  /** The oldest opset the graphs can be written in. */
  public static final int MIN_OPSET = 13;

  /** The newest opset the graphs can be written in. */
  public static final int MAX_OPSET = 17;

  /** The evaluation dequantisation offset: half of one 8-bit level. */
  static final float DEQUANTIZATION_OFFSET = 0.5f / 256;

  private FlowGraphs() {}

  /** Checks that {@code opset} is one the graphs can be written in. */
  public static void checkOpset(int opset) {
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new ExportException(
          ExportException.Reason.INVALID_ARGUMENT,
          "--opset: expected " + MIN_OPSET + " to " + MAX_OPSET + ", found " + opset);
    }
  }

  /** The encoder graph: features, pitch, family → z, bits_per_dim. */
  public static ModelProto encoder(
      FlowWeights w, int opset, String producer, String version, Map<String, String> metadata) {
    checkOpset(opset);
    int c = w.channels();
    GraphBuilder g = new GraphBuilder("timbreflow_encoder");
    GraphContract contract = declare(g, GraphContract.ENCODER, w);
    String x = GraphContract.FEATURES;
    String frames =
        g.op(
            "Gather",
            new String[] {g.op("Shape", new String[] {x}), g.longs("frames_axis", new long[] {2})},
            Attr.i("axis", 0));
    String framesF = g.op("Cast", new String[] {frames}, Attr.i("to", 1));
    String y;
    String logDet;
    if (w.actNorm() != null) {
      float[] bias = w.actNorm().bias().clone();
      float[] scale = new float[c];
      double logScaleSum = 0;
      for (int i = 0; i < c; i++) {
        bias[i] += DEQUANTIZATION_OFFSET;
        scale[i] = (float) Math.exp(w.actNorm().logScale()[i]);
        logScaleSum += w.actNorm().logScale()[i];
      }
      y = g.op("Add", new String[] {x, g.floats("actnorm_bias", bias, 1, c, 1)});
      y = g.op("Mul", new String[] {y, g.floats("actnorm_scale", scale, 1, c, 1)});
      logDet =
          g.op(
              "Mul",
              new String[] {framesF, g.scalar("actnorm_logdet_per_frame", (float) logScaleSum)});
    } else {
      y = g.op("Add", new String[] {x, g.scalar("dequantization_offset", DEQUANTIZATION_OFFSET)});
      logDet = g.scalar("zero_logdet", 0f);
    }
    String axes12 = g.vector("axes12", 1, 2);
    int ca = w.conditionerChannels();
    String condition = flowCondition(g, w);
    for (int k = 0; k < w.steps().size(); k++) {
      long[] perm = w.steps().get(k).permutation();
      String a =
          g.op(
              "Gather",
              new String[] {y, g.vector("perm" + k + "_a", slice(perm, 0, ca))},
              Attr.i("axis", 1));
      String b =
          g.op(
              "Gather",
              new String[] {y, g.vector("perm" + k + "_b", slice(perm, ca, c))},
              Attr.i("axis", 1));
      CouplingNet net = new CouplingNet(g, w, k, condition);
      String[] spT = net.softplusAndShift(a);
      String bPrime = net.forward(b, spT);
      y = g.op("Concat", new String[] {a, bPrime}, Attr.i("axis", 1));
      String spSum = g.op("ReduceSum", new String[] {spT[0], axes12}, Attr.i("keepdims", 0));
      logDet = g.op("Sub", new String[] {logDet, spSum});
    }
    g.opInto(GraphContract.Z, "Identity", new String[] {y});
    String[] prior =
        PriorHead.emit(
            g, w, GraphContract.PITCH, GraphContract.FAMILY, frames, contract.conditionalFlow());
    // log N(z; mean, exp(logStd)²) = −½ Σ ((z − mean)·exp(−logStd))² − Σ logStd − D·½ ln 2π
    String invStd = g.op("Exp", new String[] {g.op("Neg", new String[] {prior[1]})});
    String d =
        g.op("Mul", new String[] {g.op("Sub", new String[] {GraphContract.Z, prior[0]}), invStd});
    String sq =
        g.op(
            "ReduceSum",
            new String[] {g.op("Mul", new String[] {d, d}), axes12},
            Attr.i("keepdims", 0));
    String logStdSum = g.op("ReduceSum", new String[] {prior[1], axes12}, Attr.i("keepdims", 0));
    if (w.prior().priorFrames() == 0) {
      logStdSum = g.op("Mul", new String[] {logStdSum, framesF});
    }
    String dims = g.op("Mul", new String[] {framesF, g.scalar("channels", c)});
    String ll =
        g.op(
            "Sub",
            new String[] {
              g.op(
                  "Sub",
                  new String[] {
                    g.op("Mul", new String[] {sq, g.scalar("minus_half", -0.5f)}), logStdSum
                  }),
              g.op(
                  "Mul",
                  new String[] {
                    dims, g.scalar("half_log_2pi", (float) (0.5 * Math.log(2 * Math.PI)))
                  })
            });
    ll = g.op("Add", new String[] {ll, logDet});
    // bpd = (−ll + D ln 256) / (D ln 2)
    String num =
        g.op(
            "Sub",
            new String[] {
              g.op("Mul", new String[] {dims, g.scalar("ln256", (float) Math.log(256))}), ll
            });
    String den = g.op("Mul", new String[] {dims, g.scalar("ln2", (float) Math.log(2))});
    g.opInto(GraphContract.BITS_PER_DIM, "Div", new String[] {num, den});
    return g.build(opset, producer, version, metadata);
  }

  /** The decoder graph: z (format 2: and pitch, family) → features, the inverse flow. */
  public static ModelProto decoder(
      FlowWeights w, int opset, String producer, String version, Map<String, String> metadata) {
    checkOpset(opset);
    int c = w.channels();
    int ca = w.conditionerChannels();
    int cb = w.transformedChannels();
    GraphBuilder g = new GraphBuilder("timbreflow_decoder");
    declare(g, GraphContract.DECODER, w);
    String y = GraphContract.Z;
    int steps = w.steps().size();
    if (steps > 0) {
      String condition = flowCondition(g, w);
      String[] ab =
          g.ops("Split", 2, new String[] {y, g.vector("halves", ca, cb)}, Attr.i("axis", 1));
      String a = ab[0];
      String bPrime = ab[1];
      for (int k = steps - 1; k >= 0; k--) {
        CouplingNet net = new CouplingNet(g, w, k, condition);
        String b = net.inverse(bPrime, net.softplusAndShift(a));
        String shuffled = g.op("Concat", new String[] {a, b}, Attr.i("axis", 1));
        long[] inv = inverse(w.steps().get(k).permutation());
        if (k > 0) {
          // the next step's halves straight from this step's input, un-shuffled
          a =
              g.op(
                  "Gather",
                  new String[] {shuffled, g.vector("inv" + k + "_a", slice(inv, 0, ca))},
                  Attr.i("axis", 1));
          bPrime =
              g.op(
                  "Gather",
                  new String[] {shuffled, g.vector("inv" + k + "_b", slice(inv, ca, c))},
                  Attr.i("axis", 1));
        } else {
          y = g.op("Gather", new String[] {shuffled, g.vector("inv0", inv)}, Attr.i("axis", 1));
        }
      }
    }
    if (w.actNorm() != null) {
      float[] bias = w.actNorm().bias().clone();
      float[] invScale = new float[c];
      for (int i = 0; i < c; i++) {
        bias[i] += DEQUANTIZATION_OFFSET;
        invScale[i] = (float) Math.exp(-w.actNorm().logScale()[i]);
      }
      y = g.op("Mul", new String[] {y, g.floats("actnorm_inv_scale", invScale, 1, c, 1)});
      g.opInto(
          GraphContract.FEATURES, "Sub", new String[] {y, g.floats("actnorm_bias", bias, 1, c, 1)});
    } else {
      g.opInto(
          GraphContract.FEATURES,
          "Sub",
          new String[] {y, g.scalar("dequantization_offset", DEQUANTIZATION_OFFSET)});
    }
    return g.build(opset, producer, version, metadata);
  }

  /** The prior graph: pitch, family, frames → mean, log_std, each {@code [B, C, frames]}. */
  public static ModelProto prior(
      FlowWeights w, int opset, String producer, String version, Map<String, String> metadata) {
    checkOpset(opset);
    int c = w.channels();
    GraphBuilder g = new GraphBuilder("timbreflow_prior");
    GraphContract contract = declare(g, GraphContract.PRIOR, w);
    String[] ms =
        PriorHead.emit(
            g,
            w,
            GraphContract.PITCH,
            GraphContract.FAMILY,
            GraphContract.FRAMES,
            contract.conditionalFlow());
    if (w.prior().priorFrames() == 0) {
      String shape =
          g.op(
              "Concat",
              new String[] {
                g.vector("one_channels", 1, c),
                g.op("Unsqueeze", new String[] {GraphContract.FRAMES, g.vector("axis0", 0)})
              },
              Attr.i("axis", 0));
      g.opInto(GraphContract.MEAN, "Expand", new String[] {ms[0], shape});
      g.opInto(GraphContract.LOG_STD, "Expand", new String[] {ms[1], shape});
    } else {
      g.opInto(GraphContract.MEAN, "Identity", new String[] {ms[0]});
      g.opInto(GraphContract.LOG_STD, "Identity", new String[] {ms[1]});
    }
    return g.build(opset, producer, version, metadata);
  }

  /**
   * Declares the inputs and outputs of {@code graph} in the flow's format; returns the contract.
   */
  private static GraphContract declare(GraphBuilder g, String graph, FlowWeights w) {
    GraphContract contract = w.contract();
    for (TensorSpec in : contract.inputs(graph)) {
      g.input(in);
    }
    for (TensorSpec out : contract.outputs(graph)) {
      g.output(out);
    }
    return contract;
  }

  /**
   * The flow's condition vector {@code [B, E]} from the pitch and family inputs, or null for an
   * unconditional flow (or one without couplings, where nothing reads it).
   */
  private static String flowCondition(GraphBuilder g, FlowWeights w) {
    if (!w.conditionalFlow() || w.steps().isEmpty()) {
      return null;
    }
    return ConditionVector.emit(
        g, w.condition(), GraphContract.PITCH, GraphContract.FAMILY, true, "condition_");
  }

  static long[] inverse(long[] perm) {
    long[] inv = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[(int) perm[i]] = i;
    }
    return inv;
  }

  private static long[] slice(long[] v, int from, int to) {
    return Arrays.copyOfRange(v, from, to);
  }
}
