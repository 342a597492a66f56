package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The conditional flow (condition in every coupling) and the condition-dependent envelope. */
class ConditionalFlowTest {

  private NDManager manager;
  private final ParameterStore store = new ParameterStore();

  @BeforeEach
  void setUp() {
    Engine.getEngine("PyTorch").setRandomSeed(4321);
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  /** A tiny conditional flow with an envelope, every parameter random (nothing is the identity). */
  private ConditionalFlow randomFlow(long seed) {
    FlowConfig config =
        Blocks.tiny(9, 2, true, 5).toBuilder().optFlowCondition(3, 2).optEnvelopeRank(2).build();
    ConditionalFlow flow = new ConditionalFlow(config);
    flow.initialize(manager, 7);
    flow.forward(
        store,
        Blocks.randomInput(manager, seed, 2, 9, 7),
        manager.create(new long[] {40, 41}),
        manager.create(new long[] {0, 6}),
        true);
    Blocks.randomize(flow, seed + 1, 0.3);
    return flow;
  }

  private NDArray oneHot(int families, int... family) {
    float[] w = new float[family.length * families];
    for (int i = 0; i < family.length; i++) {
      w[i * families + family[i]] = 1f;
    }
    return manager.create(w, new ai.djl.ndarray.types.Shape(family.length, families));
  }

  @Test
  void conditionalFlowInvertsUnderItsConditionTo1e5() {
    ConditionalFlow flow = randomFlow(1);
    NDArray x = Blocks.randomInput(manager, 2, 2, 9, 7);
    NDArray pitch = manager.create(new long[] {30, 90});
    NDArray family = manager.create(new long[] {2, 10});
    FlowOutput out = flow.forward(store, x, pitch, family, false);
    assertTrue(Blocks.maxAbsDiff(flow.inverse(store, out.z(), pitch, family), x) < 1e-5);
  }

  @Test
  void theConditionChangesTheLatentOfTheSameFeatures() {
    ConditionalFlow flow = randomFlow(3);
    NDArray x = Blocks.randomInput(manager, 4, 1, 9, 7);
    NDArray z1 =
        flow.forward(
                store, x, manager.create(new long[] {40}), manager.create(new long[] {1}), false)
            .z();
    NDArray z2 =
        flow.forward(
                store, x, manager.create(new long[] {70}), manager.create(new long[] {1}), false)
            .z();
    NDArray z3 =
        flow.forward(
                store, x, manager.create(new long[] {40}), manager.create(new long[] {5}), false)
            .z();
    assertTrue(Blocks.maxAbsDiff(z1, z2) > 1e-3, "pitch must matter");
    assertTrue(Blocks.maxAbsDiff(z1, z3) > 1e-3, "family must matter");
  }

  @Test
  void labelsAndTheirContinuousFormsGiveTheSameLikelihoodExactly() {
    ConditionalFlow flow = randomFlow(5);
    NDArray x = Blocks.randomInput(manager, 6, 2, 9, 7);
    NDArray labels = manager.create(new long[] {33, 64});
    NDArray families = manager.create(new long[] {3, 7});
    NDArray floats = manager.create(new float[] {33f, 64f});
    NDArray ll1 = flow.logLikelihood(store, x, labels, families, 0, false);
    NDArray ll2 = flow.logLikelihood(store, x, floats, oneHot(11, 3, 7), 0, false);
    assertEquals(0.0, Blocks.maxAbsDiff(ll1, ll2));
  }

  @Test
  void aConditionBetweenTwoNotesEmbedsBetweenThem() {
    ConditionalFlow flow = randomFlow(7);
    ConditionEmbedding embedding = flow.conditionBlock().orElseThrow();
    NDArray lo = embedding.embed(store, manager.create(new long[] {60}), oneHot(11, 2), false);
    NDArray hi = embedding.embed(store, manager.create(new long[] {61}), oneHot(11, 8), false);
    float[] w = new float[11];
    w[2] = 0.75f;
    w[8] = 0.25f;
    NDArray mid =
        embedding.embed(
            store,
            manager.create(new float[] {60.25f}),
            manager.create(w, new ai.djl.ndarray.types.Shape(1, 11)),
            false);
    NDArray expected = lo.mul(0.75f).add(hi.mul(0.25f));
    assertTrue(Blocks.maxAbsDiff(mid, expected) < 1e-5);
  }

  @Test
  void theEnvelopeMakesTheFrameOffsetsDependOnTheCondition() {
    ConditionalFlow flow = randomFlow(9);
    NDArray pitch = manager.create(new long[] {50, 50});
    NDArray family = manager.create(new long[] {0, 6});
    PriorGaussian p = flow.prior(store, pitch, family, 5);
    // per-frame change of the mean, minus the part shared by both families
    NDArray shapeA = p.mean().get("0, :, 1:").sub(p.mean().get("0, :, :-1"));
    NDArray shapeB = p.mean().get("1, :, 1:").sub(p.mean().get("1, :, :-1"));
    assertTrue(Blocks.maxAbsDiff(shapeA, shapeB) > 1e-3, "envelopes must differ by family");
    // a crop reads the same envelope frames as the whole note
    PriorGaussian crop = flow.prior(store, pitch, family, 2, 3, false);
    assertTrue(Blocks.maxAbsDiff(crop.mean(), p.mean().get(":, :, 2:5")) < 1e-6);
  }

  @Test
  void conditionalFlowSavesAndLoadsToTheSameLikelihoodAndInverse() throws Exception {
    ConditionalFlow saved = randomFlow(11);
    ConditionalFlow loaded = new ConditionalFlow(saved.config());
    Blocks.load(loaded, manager, Blocks.save(saved));
    NDArray x = Blocks.randomInput(manager, 12, 2, 9, 7);
    NDArray pitch = manager.create(new float[] {45.5f, 80f});
    NDArray family = oneHot(11, 4, 9);
    // GEMM kernels may round differently for differently aligned copies of the same weights
    NDArray ll = saved.logLikelihood(store, x, pitch, family, 0, false);
    double scale = ll.abs().max().getFloat();
    assertTrue(
        Blocks.maxAbsDiff(ll, loaded.logLikelihood(store, x, pitch, family, 0, false))
            <= 1e-6 * scale);
    assertTrue(
        Blocks.maxAbsDiff(
                saved.inverse(store, x, pitch, family), loaded.inverse(store, x, pitch, family))
            <= 1e-6);
    assertTrue(loaded.namedParameters().containsKey("condition.pitch_embedding"));
    assertTrue(loaded.namedParameters().containsKey("steps.1.coupling.cond_2_weight"));
    assertTrue(loaded.namedParameters().containsKey("prior.envelope_basis"));
  }

  @Test
  void aConditionalFlowRefusesToRunWithoutItsCondition() {
    ConditionalFlow flow = randomFlow(13);
    NDArray x = Blocks.randomInput(manager, 14, 1, 9, 7);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> flow.forward(store, x, false));
    assertTrue(e.getMessage().contains("conditional"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> flow.inverse(store, x));
  }
}
