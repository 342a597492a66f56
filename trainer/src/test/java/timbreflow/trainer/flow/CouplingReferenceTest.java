package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The GEMM-based coupling computes exactly the convolutional math of its javadoc. */
class CouplingReferenceTest {

  @Test
  void couplingEqualsTheDocumentedConvolutionsComputedWithConv1d() {
    Engine.getEngine("PyTorch").setRandomSeed(5);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      FlowConfig config =
          FlowConfig.seedDesign().toBuilder()
              .optChannels(11)
              .optSteps(1)
              .optHiddenChannels(6)
              .optLayers(4)
              .optKernelSize(3)
              .optShuffleSeed(1)
              .optActNorm(false)
              .optPitchEmbedding(2)
              .optFamilyEmbedding(2)
              .optPriorFrames(0)
              .build();
      AffineCoupling coupling = new AffineCoupling(config);
      coupling.initialize(manager, DataType.FLOAT32, new Shape(2, 11, 9));
      Blocks.randomize(coupling, 6, 0.5);
      NDArray x = Blocks.randomInput(manager, 7, 2, 11, 9);
      FlowOutput out = coupling.forward(new ParameterStore(), x, false);
      FlowOutput ref = reference(coupling.getParameters(), config, x);
      assertTrue(Blocks.maxAbsDiff(out.z(), ref.z()) < 1e-5);
      assertTrue(Blocks.maxAbsDiff(out.logDet(), ref.logDet()) < 1e-4);
    }
  }

  @Test
  void frequencyBranchAddsTheDocumentedFrequencyConvolutionsAndStaysInvertible() {
    Engine.getEngine("PyTorch").setRandomSeed(5);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      // 7 of 11 bins covered, so some transformed channels take the appended zero bin
      FlowConfig config =
          FlowConfig.seedDesign().toBuilder()
              .optChannels(11)
              .optSteps(1)
              .optHiddenChannels(6)
              .optLayers(2)
              .optKernelSize(3)
              .optShuffleSeed(1)
              .optActNorm(false)
              .optPitchEmbedding(2)
              .optFamilyEmbedding(2)
              .optPriorFrames(0)
              .optFrequencyBranch(3, 2, 7)
              .build();
      long[] frequencyOfChannel = ChannelShuffle.permutation(11, 99);
      AffineCoupling coupling = new AffineCoupling(config, frequencyOfChannel);
      coupling.initialize(manager, DataType.FLOAT32, new Shape(2, 11, 9));
      Blocks.randomize(coupling, 6, 0.5);
      NDArray x = Blocks.randomInput(manager, 7, 2, 11, 9);
      ParameterStore store = new ParameterStore();
      FlowOutput out = coupling.forward(store, x, false);
      NDArray term = branchTerm(coupling.getParameters(), config, frequencyOfChannel, x);
      assertTrue(term.abs().max().getFloat() > 0.05f, "the branch contributes");
      FlowOutput ref = reference(coupling.getParameters(), config, x, term);
      assertTrue(Blocks.maxAbsDiff(out.z(), ref.z()) < 1e-5);
      assertTrue(Blocks.maxAbsDiff(out.logDet(), ref.logDet()) < 1e-4);
      assertTrue(Blocks.maxAbsDiff(coupling.inverse(store, out.z()), x) < 1e-5);
    }
  }

  /**
   * The branch's term by loops over the documented math: bins in frequency order, zeros where a bin
   * is transformed or past the covered bins.
   */
  private static NDArray branchTerm(
      ParameterList p, FlowConfig c, long[] frequencyOfChannel, NDArray x) {
    int batch = (int) x.getShape().get(0);
    int channels = c.channels();
    int frames = (int) x.getShape().get(2);
    int ca = c.conditionerChannels();
    int cb = c.transformedChannels();
    int n = c.frequencyBins();
    int k = c.frequencyKernel();
    int hidden = c.frequencyHidden();
    int pad = (k - 1) / 2;
    float[] xv = x.toFloatArray();
    float[] inW = p.get("freq_in_weight").getArray().toFloatArray();
    float[] inB = p.get("freq_in_bias").getArray().toFloatArray();
    float[] outW = p.get("freq_out_weight").getArray().toFloatArray();
    float[] outB = p.get("freq_out_bias").getArray().toFloatArray();
    float[] term = new float[batch * 2 * cb * frames];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < frames; t++) {
        double[] m = new double[n];
        for (int ch = 0; ch < ca; ch++) {
          int bin = (int) frequencyOfChannel[ch];
          if (bin < n) {
            m[bin] = xv[(b * channels + ch) * frames + t];
          }
        }
        double[][] g = new double[hidden][n];
        for (int h = 0; h < hidden; h++) {
          for (int f = 0; f < n; f++) {
            double sum = inB[h];
            for (int j = 0; j < k; j++) {
              int at = f + j - pad;
              sum += at >= 0 && at < n ? inW[h * k + j] * m[at] : 0;
            }
            g[h][f] = Math.tanh(sum);
          }
        }
        for (int i = 0; i < cb; i++) {
          int bin = (int) frequencyOfChannel[ca + i];
          for (int o = 0; o < 2; o++) {
            double q = 0;
            if (bin < n) {
              q = outB[o];
              for (int h = 0; h < hidden; h++) {
                for (int j = 0; j < k; j++) {
                  int at = bin + j - pad;
                  q += at >= 0 && at < n ? outW[(o * hidden + h) * k + j] * g[h][at] : 0;
                }
              }
            }
            term[((b * 2 + o) * cb + i) * frames + t] = (float) q;
          }
        }
      }
    }
    return x.getManager().create(term, new Shape(batch, 2L * cb, frames));
  }

  private static FlowOutput reference(ParameterList p, FlowConfig c, NDArray x) {
    return reference(p, c, x, null);
  }

  /** The class javadoc's pseudo-code, line by line, with conv1d; {@code extra} adds to o. */
  private static FlowOutput reference(ParameterList p, FlowConfig c, NDArray x, NDArray extra) {
    int ca = c.conditionerChannels();
    int cb = c.transformedChannels();
    int hid = c.hiddenChannels();
    NDList ab = x.split(new long[] {ca}, 1);
    NDArray h =
        ReferenceConv.conv(
            ab.get(0), p.get("start_weight").getArray(), p.get("start_bias").getArray(), 1);
    NDArray skip = null;
    for (int i = 0; i < c.layers(); i++) {
      NDArray u =
          ReferenceConv.conv(
              h,
              p.get("in_" + i + "_weight").getArray(),
              p.get("in_" + i + "_bias").getArray(),
              1 << i);
      NDList halves = u.split(new long[] {hid}, 1);
      NDArray g = halves.get(0).tanh().mul(Activation.sigmoid(halves.get(1)));
      NDArray r =
          ReferenceConv.conv(
              g,
              p.get("res_skip_" + i + "_weight").getArray(),
              p.get("res_skip_" + i + "_bias").getArray(),
              1);
      NDArray s = r;
      if (i < c.layers() - 1) {
        NDList rs = r.split(new long[] {hid}, 1);
        h = h.add(rs.get(0));
        s = rs.get(1);
      }
      skip = skip == null ? s : skip.add(s);
    }
    NDArray o =
        ReferenceConv.conv(skip, p.get("end_weight").getArray(), p.get("end_bias").getArray(), 1);
    if (extra != null) {
      o = o.add(extra);
    }
    NDList st = o.split(new long[] {cb}, 1);
    NDArray scale = Activation.sigmoid(st.get(0).add(c.scaleOffset()));
    NDArray zb = ab.get(1).mul(scale).add(st.get(1));
    return new FlowOutput(ab.get(0).concat(zb, 1), scale.log().sum(new int[] {1, 2}));
  }
}
