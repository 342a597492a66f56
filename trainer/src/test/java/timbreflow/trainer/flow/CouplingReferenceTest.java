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
      FlowConfig config = new FlowConfig(11, 1, 6, 4, 3, 1, 2.0, false, 128, 11, 2, 2, 0);
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

  /** The class javadoc's pseudo-code, line by line, with conv1d. */
  private static FlowOutput reference(ParameterList p, FlowConfig c, NDArray x) {
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
    NDList st = o.split(new long[] {cb}, 1);
    NDArray scale = Activation.sigmoid(st.get(0).add(c.scaleOffset()));
    NDArray zb = ab.get(1).mul(scale).add(st.get(1));
    return new FlowOutput(ab.get(0).concat(zb, 1), scale.log().sum(new int[] {1, 2}));
  }
}
