package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import timbreflow.trainer.TrainerException;

class FlowConfigTest {

  @Test
  void jsonRoundTripGivesAnEqualConfig() {
    FlowConfig config = FlowConfig.defaults().withSteps(3);
    assertEquals(config, FlowConfig.fromJson(config.toJson()));
    assertTrue(config.toJson().contains("\"hiddenChannels\":64"));
  }

  @Test
  void withStepsChangesOnlyTheStepsAndValidatesThem() {
    FlowConfig defaults = FlowConfig.defaults();
    assertEquals(
        defaults.toJson().replace("\"steps\":12", "\"steps\":0"), defaults.withSteps(0).toJson());
    TrainerException e = assertThrows(TrainerException.class, () -> defaults.withSteps(-2));
    assertTrue(e.getMessage().contains("steps: expected 0 or more, found -2"), e.getMessage());
  }

  @Test
  void validationNamesTheBadField() {
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                FlowConfig.seedDesign().toBuilder()
                    .optChannels(513)
                    .optSteps(8)
                    .optHiddenChannels(64)
                    .optLayers(4)
                    .optKernelSize(4)
                    .optShuffleSeed(1)
                    .optActNorm(true)
                    .optPitchEmbedding(16)
                    .optFamilyEmbedding(8)
                    .optPriorFrames(0)
                    .build());
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
    assertTrue(e.getMessage().contains("kernelSize"), e.getMessage());
    assertTrue(e.getMessage().contains("found 4"), e.getMessage());
  }

  @Test
  void jsonWithAnOutOfRangeValueNamesTheField() {
    String json = FlowConfig.defaults().toJson().replace("\"steps\":12", "\"steps\":-1");
    TrainerException e = assertThrows(TrainerException.class, () -> FlowConfig.fromJson(json));
    assertTrue(e.getMessage().contains("steps"), e.getMessage());
  }

  @Test
  void jsonWrittenBeforeTheFrequencyBranchReadsAsAFlowWithoutIt() {
    String old =
        "{\"channels\":513,\"steps\":12,\"hiddenChannels\":64,\"layers\":4,\"kernelSize\":3,"
            + "\"shuffleSeed\":20240613,\"scaleOffset\":2.0,\"actNorm\":true,\"pitches\":128,"
            + "\"families\":11,\"pitchEmbedding\":128,\"familyEmbedding\":16,\"priorFrames\":251}";
    FlowConfig config = FlowConfig.fromJson(old);
    assertEquals(0, config.frequencyKernel());
    assertEquals(0, config.frequencyBins());
    assertTrue(!config.hasFrequencyBranch());
  }

  @Test
  void frequencyBranchFieldsAreValidatedTogether() {
    FlowConfig base = Blocks.tiny(33, 1, false, 0);
    for (int[] bad : new int[][] {{4, 2, 20}, {3, 0, 20}, {3, 2, 34}, {0, 2, 0}}) {
      FlowConfig.Builder builder = base.toBuilder().optFrequencyBranch(bad[0], bad[1], bad[2]);
      TrainerException e = assertThrows(TrainerException.class, builder::build);
      assertTrue(e.getMessage().contains("frequency"), e.getMessage());
    }
    FlowConfig ok = base.toBuilder().optFrequencyBranch(3, 2, 33).build();
    assertEquals(ok, FlowConfig.fromJson(ok.toJson()));
  }

  @Test
  void jsonMissingAFieldIsRejectedNamingIt() {
    String json = FlowConfig.defaults().toJson().replace("\"layers\":4,", "");
    TrainerException e = assertThrows(TrainerException.class, () -> FlowConfig.fromJson(json));
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
  }

  @Test
  void seedDesignHasTwelveStepsAndReleaseTwosParameterCount() {
    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
      ConditionalFlow flow = new ConditionalFlow(FlowConfig.seedDesign());
      flow.initialize(manager, 4);
      assertEquals(12, flow.couplings().size());
      assertEquals(2_557_410, flow.trainableParameterCount());
      ConditionalFlow baseline = new ConditionalFlow(FlowConfig.seedDesign().withSteps(0));
      baseline.initialize(manager, 4);
      // ActNorm 2·513; the prior: pitch 128 × 128, family 11 × 16, linear 144 → 2·513 with bias,
      // 2·513 × 251 frame offsets (422 856)
      assertEquals(
          2 * 513 + 128 * 128 + 11 * 16 + (144 + 1) * 1026 + 1026 * 251,
          baseline.trainableParameterCount());
    }
  }

  @Test
  void defaultModelIsTheSeedDesignPlusItsConditioningCountedParameterByParameter() {
    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
      ConditionalFlow flow = new ConditionalFlow(FlowConfig.defaults());
      flow.initialize(manager, 4);
      assertTrue(flow.config().conditionalFlow());
      // the flow's embeddings (128 × 32 pitch, 11 × 16 family), one [2·64, 48] condition weight
      // per layer of every coupling, and the prior's rank-4 envelope ([4·251, 144] and [1026, 4])
      long extra = 128 * 32 + 11 * 16 + 12L * 4 * 128 * 48 + 4L * 251 * 144 + 1026 * 4;
      assertEquals(2_557_410 + extra, flow.trainableParameterCount());
      assertEquals(3_005_274, flow.trainableParameterCount());
    }
  }

  @Test
  void jsonWrittenBeforeConditioningReadsAsTheSeedDesign() {
    String old = FlowConfig.seedDesign().toJson();
    for (String field : List.of("flowPitchEmbedding", "flowFamilyEmbedding", "envelopeRank")) {
      old = old.replace(",\"" + field + "\":0", "");
    }
    assertTrue(!old.contains("envelopeRank"), old);
    assertEquals(FlowConfig.seedDesign(), FlowConfig.fromJson(old));
  }

  @Test
  void conditioningFieldsAreValidatedTogether() {
    FlowConfig base = Blocks.tiny(33, 1, false, 0);
    for (FlowConfig.Builder bad :
        List.of(
            base.toBuilder().optFlowCondition(4, 0),
            base.toBuilder().optFlowCondition(0, 3),
            base.toBuilder().optFlowCondition(-1, 0),
            base.toBuilder().optEnvelopeRank(2))) {
      TrainerException e = assertThrows(TrainerException.class, bad::build);
      assertTrue(
          e.getMessage().contains("flowFamilyEmbedding")
              || e.getMessage().contains("flowPitchEmbedding")
              || e.getMessage().contains("envelopeRank"),
          e.getMessage());
    }
  }

  @Test
  void splitRuleGivesTheFloorHalfToTheConditioner() {
    assertEquals(256, FlowConfig.defaults().conditionerChannels());
    assertEquals(257, FlowConfig.defaults().transformedChannels());
  }
}
