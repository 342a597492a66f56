package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
            () -> new FlowConfig(513, 8, 64, 4, 4, 1, 2.0, true, 128, 11, 16, 8, 0));
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
    for (Map<String, Integer> bad :
        List.of(
            Map.of("frequencyKernel", 4, "frequencyHidden", 2, "frequencyBins", 20),
            Map.of("frequencyKernel", 3, "frequencyHidden", 0, "frequencyBins", 20),
            Map.of("frequencyKernel", 3, "frequencyHidden", 2, "frequencyBins", 34),
            Map.of("frequencyKernel", 0, "frequencyHidden", 2, "frequencyBins", 0))) {
      TrainerException e = assertThrows(TrainerException.class, () -> base.with(bad));
      assertTrue(e.getMessage().contains("frequency"), e.getMessage());
    }
    FlowConfig ok =
        base.with(Map.of("frequencyKernel", 3, "frequencyHidden", 2, "frequencyBins", 33));
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
  void defaultModelHasTwelveStepsAndFitsTheParameterBudget() {
    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
      ConditionalFlow flow = new ConditionalFlow(FlowConfig.defaults());
      flow.initialize(manager, 4);
      assertEquals(12, flow.couplings().size());
      assertEquals(2_557_410, flow.trainableParameterCount());
      ConditionalFlow baseline = new ConditionalFlow(FlowConfig.defaults().withSteps(0));
      baseline.initialize(manager, 4);
      // ActNorm 2·513; the prior: pitch 128 × 128, family 11 × 16, linear 144 → 2·513 with bias,
      // 2·513 × 251 frame offsets (422 856)
      assertEquals(
          2 * 513 + 128 * 128 + 11 * 16 + (144 + 1) * 1026 + 1026 * 251,
          baseline.trainableParameterCount());
    }
  }

  @Test
  void splitRuleGivesTheFloorHalfToTheConditioner() {
    assertEquals(256, FlowConfig.defaults().conditionerChannels());
    assertEquals(257, FlowConfig.defaults().transformedChannels());
  }
}
