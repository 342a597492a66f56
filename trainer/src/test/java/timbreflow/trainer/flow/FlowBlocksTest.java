package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowBlocksTest {

  private NDManager manager;
  private final ParameterStore store = new ParameterStore();

  @BeforeEach
  void setUp() {
    Engine.getEngine("PyTorch").setRandomSeed(1234);
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void channelShuffleIsASeededPermutationAndInvertsExactly() {
    long[] perm = ChannelShuffle.permutation(513, 99);
    Set<Long> seen = new HashSet<>();
    for (long p : perm) {
      seen.add(p);
    }
    assertEquals(513, seen.size());
    assertArrayEquals(perm, ChannelShuffle.permutation(513, 99));
    ChannelShuffle shuffle = new ChannelShuffle(7, 5);
    shuffle.initialize(manager, DataType.FLOAT32, new Shape(2, 7, 4));
    NDArray x = Blocks.randomInput(manager, 1, 2, 7, 4);
    FlowOutput out = shuffle.forward(store, x, false);
    long[] p = ChannelShuffle.permutation(7, 5);
    for (int c = 0; c < 7; c++) {
      assertEquals(0.0, Blocks.maxAbsDiff(out.z().get(":, " + c), x.get(":, " + p[c])));
    }
    assertEquals(0.0, Blocks.maxAbsDiff(shuffle.inverse(store, out.z()), x));
    assertEquals(0f, out.logDet().abs().sum().getFloat());
  }

  @Test
  void affineCouplingInvertsTo1e5OnRandomInput() {
    AffineCoupling coupling = new AffineCoupling(Blocks.tiny(9, 1, false, 0));
    coupling.initialize(manager, DataType.FLOAT32, new Shape(3, 9, 11));
    Blocks.randomize(coupling, 3, 0.5);
    NDArray x = Blocks.randomInput(manager, 2, 3, 9, 11);
    FlowOutput out = coupling.forward(store, x, false);
    assertTrue(Blocks.maxAbsDiff(out.z(), x) > 1e-2, "randomised coupling is not the identity");
    assertTrue(Blocks.maxAbsDiff(coupling.inverse(store, out.z()), x) < 1e-5);
    assertEquals(new Shape(3), out.logDet().getShape());
  }

  @Test
  void freshAffineCouplingScalesTheSecondHalfBySigmoidTwo() {
    AffineCoupling coupling = new AffineCoupling(Blocks.tiny(6, 1, false, 0));
    coupling.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 5));
    NDArray x = Blocks.randomInput(manager, 4, 1, 6, 5);
    FlowOutput out = coupling.forward(store, x, false);
    float s = (float) (1 / (1 + Math.exp(-2)));
    assertTrue(Blocks.maxAbsDiff(out.z().get(":, :3"), x.get(":, :3")) == 0);
    assertTrue(Blocks.maxAbsDiff(out.z().get(":, 3:"), x.get(":, 3:").mul(s)) < 1e-6);
    assertEquals(15 * Math.log(s), out.logDet().getFloat(0), 1e-4);
  }

  @Test
  void actNormInitialisesFromTheFirstTrainingBatchAndInverts() {
    ActNorm norm = new ActNorm(5);
    norm.initialize(manager, DataType.FLOAT32, new Shape(4, 5, 32));
    NDArray x = Blocks.randomInput(manager, 5, 4, 5, 32).mul(3).add(1);
    FlowOutput out = norm.forward(store, x, true);
    assertTrue(norm.isDataInitialized());
    assertTrue(out.z().mean(new int[] {2}).mean(new int[] {0}).abs().max().getFloat() < 1e-5);
    NDArray var = out.z().square().mean(new int[] {2}).mean(new int[] {0});
    assertTrue(var.sub(1).abs().max().getFloat() < 1e-4);
    assertTrue(Blocks.maxAbsDiff(norm.inverse(store, out.z()), x) < 1e-5);
    NDArray logScale = norm.getParameters().get("log_scale").getArray();
    assertEquals(32 * logScale.sum().getFloat(), out.logDet().getFloat(2), 1e-3);
  }

  @Test
  void untrainedPriorIsTheStandardNormal() {
    ConditionalPrior prior = new ConditionalPrior(Blocks.tiny(6, 0, false, 0));
    prior.initialize(manager, DataType.FLOAT32, new Shape(2), new Shape(2));
    NDArray pitch = manager.create(new long[] {60, 127});
    NDArray family = manager.create(new long[] {0, 10});
    PriorGaussian p = prior.prior(store, pitch, family, 7, false);
    assertEquals(new Shape(2, 6, 7), p.mean().getShape());
    assertEquals(0f, p.mean().abs().max().getFloat());
    assertEquals(0f, p.logStd().abs().max().getFloat());
  }

  @Test
  void priorDependsOnPitchFamilyAndWithFrameOffsetsOnAbsoluteFrame() {
    ConditionalPrior prior = new ConditionalPrior(Blocks.tiny(4, 0, false, 6));
    prior.initialize(manager, DataType.FLOAT32, new Shape(2), new Shape(2));
    Blocks.randomize(prior, 8, 1.0);
    NDArray pitch = manager.create(new long[] {60, 61});
    NDArray family = manager.create(new long[] {3, 3});
    PriorGaussian whole = prior.prior(store, pitch, family, 0, 9, false);
    PriorGaussian crop = prior.prior(store, pitch, family, 2, 3, false);
    assertTrue(Blocks.maxAbsDiff(whole.mean().get("0"), whole.mean().get("1")) > 1e-3);
    assertEquals(0.0, Blocks.maxAbsDiff(crop.mean(), whole.mean().get(":, :, 2:5")));
    // frames past priorFrames - 1 reuse the last offset
    assertEquals(
        0.0, Blocks.maxAbsDiff(whole.logStd().get(":, :, 8"), whole.logStd().get(":, :, 5")));
  }

  @Test
  void wholeFlowInvertsTo1e5OnRandomInput() {
    ConditionalFlow flow = new ConditionalFlow(Blocks.tiny(10, 3, true, 0));
    flow.initialize(manager, 13);
    NDArray x = Blocks.randomInput(manager, 6, 2, 10, 13);
    flow.forward(store, x, true); // data-dependent ActNorm init
    Blocks.randomize(flow, 9, 0.3);
    FlowOutput out = flow.forward(store, x, false);
    assertTrue(Blocks.maxAbsDiff(flow.inverse(store, out.z()), x) < 1e-5);
  }

  @Test
  void defaultFlowInvertsTo1e5OnRandomInput() {
    ConditionalFlow flow = new ConditionalFlow(FlowConfig.defaults());
    flow.initialize(manager, 16);
    NDArray x = Blocks.randomInput(manager, 7, 2, 513, 16);
    NDArray pitch = manager.create(new long[] {24, 96});
    NDArray family = manager.create(new long[] {0, 10});
    flow.forward(store, x, pitch, family, true);
    Blocks.randomize(flow, 10, 0.05);
    FlowOutput out = flow.forward(store, x, pitch, family, false);
    double err = Blocks.maxAbsDiff(flow.inverse(store, out.z(), pitch, family), x);
    assertTrue(err < 1e-5, "max |inverse(forward(x)) - x| = " + err);
  }

  @Test
  void logDetOfATinyFlowEqualsTheBruteForceJacobian() {
    int c = 6;
    int t = 5;
    ConditionalFlow flow = new ConditionalFlow(Blocks.tiny(c, 2, true, 0));
    flow.initialize(manager, t);
    NDArray x0 = Blocks.randomInput(manager, 11, 2, c, t);
    flow.forward(store, x0, true);
    Blocks.randomize(flow, 12, 0.4);
    NDArray logDet = flow.forward(store, x0, false).logDet();
    for (int n = 0; n < 2; n++) {
      double brute = Jacobians.logAbsDet(Jacobians.of(flow, store, x0, n));
      assertEquals(brute, logDet.getFloat(n), 1e-3, "item " + n);
    }
  }

  @Test
  void stepsZeroIsThePriorOnlyBaseline() {
    FlowConfig config = Blocks.tiny(6, 0, false, 0);
    ConditionalFlow flow = new ConditionalFlow(config);
    flow.initialize(manager, 4);
    NDArray x = Blocks.randomInput(manager, 13, 2, 6, 4);
    FlowOutput out = flow.forward(store, x, true);
    assertEquals(0.0, Blocks.maxAbsDiff(out.z(), x));
    assertEquals(0f, out.logDet().abs().max().getFloat());
    long priorOnly = (128 * 4) + (11 * 3) + 12 * 7 + 12;
    assertEquals(priorOnly, flow.trainableParameterCount());
  }

  @Test
  void aUniformModelScoresEightBitsPerDim() {
    NDArray ll = manager.zeros(new Shape(3));
    NDArray bpd = BitsPerDim.fromLogLikelihood(ll, 513 * 64);
    assertEquals(0.0, Blocks.maxAbsDiff(bpd, manager.full(new Shape(3), 8f)), 1e-5);
  }

  @Test
  void bitsPerDimOfAnUntrainedPriorOnlyModelMatchesTheClosedForm() {
    ConditionalFlow flow = new ConditionalFlow(Blocks.tiny(4, 0, false, 0));
    flow.initialize(manager, 3);
    NDArray x = manager.zeros(new Shape(1, 4, 3));
    NDArray pitch = manager.create(new long[] {60});
    NDArray family = manager.create(new long[] {2});
    float bpd = BitsPerDim.of(flow, store, x, pitch, family, 0, false).getFloat(0);
    double u = 1.0 / 512;
    double nllPerDim = 0.5 * u * u + 0.5 * Math.log(2 * Math.PI);
    assertEquals((nllPerDim + Math.log(256)) / Math.log(2), bpd, 1e-5);
  }

  @Test
  void trainingDequantisationAddsAtMostOneLevel() {
    NDArray x = manager.zeros(new Shape(2, 3, 50));
    NDArray noisy = BitsPerDim.dequantize(x, true);
    assertTrue(noisy.min().getFloat() >= 0f);
    assertTrue(noisy.max().getFloat() <= 1f / 256);
    assertTrue(noisy.max().getFloat() > 0.9f / 256);
  }
}
