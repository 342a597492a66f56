package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Save → load → same outputs for every block, as DJL's BlockCoreTest does for its own. */
class BlockPersistenceTest {

  private NDManager manager;
  private final ParameterStore store = new ParameterStore();

  @BeforeEach
  void setUp() {
    Engine.getEngine("PyTorch").setRandomSeed(77);
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private void assertSame(NDArray expected, NDArray actual) {
    assertEquals(expected.getShape(), actual.getShape());
    // GEMM kernels may round differently for differently aligned copies of the same weights
    assertTrue(Blocks.maxAbsDiff(expected, actual) <= 1e-6);
  }

  @Test
  void channelShuffleSavesAndLoadsItsPermutation() throws Exception {
    ChannelShuffle saved = new ChannelShuffle(11, 3);
    saved.initialize(manager, DataType.FLOAT32, new Shape(2, 11, 5));
    ChannelShuffle loaded = new ChannelShuffle(11, 4); // another seed: the file must win
    Blocks.load(loaded, manager, Blocks.save(saved));
    NDArray x = Blocks.randomInput(manager, 1, 2, 11, 5);
    assertSame(saved.forward(store, x, false).z(), loaded.forward(store, x, false).z());
    assertSame(saved.inverse(store, x), loaded.inverse(store, x));
  }

  @Test
  void affineCouplingSavesAndLoadsToTheSameOutputs() throws Exception {
    FlowConfig config = Blocks.tiny(8, 1, false, 0);
    AffineCoupling saved = new AffineCoupling(config);
    saved.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 6));
    Blocks.randomize(saved, 2, 0.3);
    AffineCoupling loaded = new AffineCoupling(config);
    Blocks.load(loaded, manager, Blocks.save(saved));
    NDArray x = Blocks.randomInput(manager, 3, 2, 8, 6);
    FlowOutput a = saved.forward(store, x, false);
    FlowOutput b = loaded.forward(store, x, false);
    assertSame(a.z(), b.z());
    assertSame(a.logDet(), b.logDet());
    assertSame(saved.inverse(store, x), loaded.inverse(store, x));
  }

  @Test
  void actNormSavesItsDataInitialisationAndDoesNotRedoIt() throws Exception {
    ActNorm saved = new ActNorm(4);
    saved.initialize(manager, DataType.FLOAT32, new Shape(3, 4, 10));
    NDArray first = Blocks.randomInput(manager, 4, 3, 4, 10).mul(5);
    saved.forward(store, first, true);
    ActNorm loaded = new ActNorm(4);
    Blocks.load(loaded, manager, Blocks.save(saved));
    assertTrue(loaded.isDataInitialized());
    NDArray x = Blocks.randomInput(manager, 5, 3, 4, 10);
    FlowOutput a = saved.forward(store, x, true);
    FlowOutput b = loaded.forward(store, x, true);
    assertSame(a.z(), b.z());
    assertSame(a.logDet(), b.logDet());
  }

  @Test
  void conditionalPriorSavesAndLoadsToTheSameParameters() throws Exception {
    FlowConfig config = Blocks.tiny(5, 0, false, 4);
    ConditionalPrior saved = new ConditionalPrior(config);
    saved.initialize(manager, DataType.FLOAT32, new Shape(2), new Shape(2));
    Blocks.randomize(saved, 6, 1.0);
    ConditionalPrior loaded = new ConditionalPrior(config);
    Blocks.load(loaded, manager, Blocks.save(saved));
    NDArray pitch = manager.create(new long[] {21, 108});
    NDArray family = manager.create(new long[] {9, 1});
    PriorGaussian a = saved.prior(store, pitch, family, 1, 6, false);
    PriorGaussian b = loaded.prior(store, pitch, family, 1, 6, false);
    assertSame(a.mean(), b.mean());
    assertSame(a.logStd(), b.logStd());
  }

  @Test
  void conditionalFlowSavesAndLoadsToTheSameLikelihoodAndInverse() throws Exception {
    FlowConfig config = Blocks.tiny(9, 2, true, 0);
    ConditionalFlow saved = new ConditionalFlow(config);
    saved.initialize(manager, 7);
    NDArray x = Blocks.randomInput(manager, 7, 2, 9, 7);
    saved.forward(store, x, true);
    Blocks.randomize(saved, 8, 0.2);
    ConditionalFlow loaded = new ConditionalFlow(config);
    Blocks.load(loaded, manager, Blocks.save(saved));
    NDArray pitch = manager.create(new long[] {40, 41});
    NDArray family = manager.create(new long[] {0, 6});
    assertSame(
        saved.logLikelihood(store, x, pitch, family, 0, false),
        loaded.logLikelihood(store, x, pitch, family, 0, false));
    assertSame(saved.inverse(store, x), loaded.inverse(store, x));
    assertEquals(
        List.copyOf(saved.namedParameters().keySet()),
        List.copyOf(loaded.namedParameters().keySet()));
  }

  @Test
  void namedParametersFollowTheDocumentedScheme() {
    ConditionalFlow flow = new ConditionalFlow(Blocks.tiny(6, 2, true, 3));
    List<String> names = List.copyOf(flow.namedParameters().keySet());
    assertEquals("actnorm.bias", names.get(0));
    assertTrue(names.contains("steps.0.shuffle.permutation"));
    assertTrue(names.contains("steps.1.coupling.start_weight"));
    assertTrue(names.contains("steps.1.coupling.in_2_weight"));
    assertTrue(names.contains("steps.1.coupling.res_skip_2_bias"));
    assertTrue(names.contains("steps.0.coupling.end_weight"));
    assertTrue(names.contains("prior.frame_offsets"));
    assertEquals(3 + 2 * (1 + 2 + 3 * 4 + 2) + 5, names.size());
  }
}
