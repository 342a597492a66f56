package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
  void withReplacesOnlyTheNamedFields() {
    TrainingConfig base = TrainingConfig.defaults();
    TrainingConfig changed = base.with(Map.of("batchSize", 16, "seed", 7L, "learningRate", 3e-4));
    assertEquals(16, changed.batchSize());
    assertEquals(7L, changed.seed());
    assertEquals(3e-4, changed.learningRate());
    assertEquals(
        base,
        changed.with(
            Map.of(
                "batchSize", base.batchSize(),
                "seed", base.seed(),
                "learningRate", base.learningRate())));
    assertEquals(DeviceChoice.GPU, base.withDevice(DeviceChoice.GPU).device());
    assertEquals(base.withSteps(9).toJson(), base.toJson().replace("20000", "9"));
  }

  @Test
  void withNamesAnUnknownMistypedOrOutOfRangeField() {
    TrainingConfig base = TrainingConfig.defaults();
    TrainerException unknown =
        assertThrows(TrainerException.class, () -> base.with(Map.of("batchSize", 4, "stpes", 9)));
    assertTrue(unknown.getMessage().contains("unknown [stpes]"), unknown.getMessage());
    TrainerException mistyped =
        assertThrows(TrainerException.class, () -> base.with(Map.of("steps", 9L)));
    assertTrue(
        mistyped.getMessage().contains("steps: expected a value of type int, found 9 (Long)"),
        mistyped.getMessage());
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
