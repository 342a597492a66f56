package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import timbreflow.trainer.TrainerException;

class TrainingConfigTest {

  @Test
  void jsonRoundTripKeepsEveryField() {
    TrainingConfig config = TrainingConfig.defaults().withSteps(123).withDevice(DeviceChoice.CPU);
    assertEquals(config, TrainingConfig.fromJson(config.toJson()));
  }

  @Test
  void outOfRangeFieldIsNamed() {
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                TrainingConfig.fromJson(
                    TrainingConfig.defaults()
                        .toJson()
                        .replace("\"batchSize\" : 8", "\"batchSize\" : 0")));
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
  }

  @Test
  void builderReplacesOnlyTheFieldsItIsGiven() {
    TrainingConfig base = TrainingConfig.defaults();
    assertEquals(base, TrainingConfig.builder().build());
    TrainingConfig changed =
        base.toBuilder().optBatchSize(16).optSeed(7L).optLearningRate(3e-4).build();
    assertEquals(16, changed.batchSize());
    assertEquals(7L, changed.seed());
    assertEquals(3e-4, changed.learningRate());
    assertEquals(
        base,
        changed.toBuilder()
            .optBatchSize(base.batchSize())
            .optSeed(base.seed())
            .optLearningRate(base.learningRate())
            .build());
    assertEquals(DeviceChoice.GPU, base.withDevice(DeviceChoice.GPU).device());
    assertEquals(base.withSteps(9).toJson(), base.toJson().replace("20000", "9"));
  }

  @Test
  void buildNamesAnOutOfRangeField() {
    TrainingConfig base = TrainingConfig.defaults();
    TrainerException rate =
        assertThrows(
            TrainerException.class,
            () -> base.toBuilder().optLearningRate(1e-3).optMinLearningRate(1e-2).build());
    assertTrue(
        rate.getMessage().contains("field minLearningRate: expected a value in [0, learningRate]"),
        rate.getMessage());
    TrainerException device =
        assertThrows(TrainerException.class, () -> base.toBuilder().optDevice(null).build());
    assertTrue(device.getMessage().contains("field device"), device.getMessage());
    TrainerException outOfRange = assertThrows(TrainerException.class, () -> base.withSteps(-1));
    assertEquals(TrainerException.Reason.INVALID_CONFIG, outOfRange.reason());
    assertTrue(
        outOfRange.getMessage().contains("field steps: expected a value >= 0, found -1"),
        outOfRange.getMessage());
  }

  @Test
  void deviceParsesInAnyCase() {
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GpU"));
    assertThrows(TrainerException.class, () -> DeviceChoice.parse("tpu"));
  }
}
