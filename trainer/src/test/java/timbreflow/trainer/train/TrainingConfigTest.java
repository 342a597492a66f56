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
  void deviceParsesInAnyCase() {
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GpU"));
    assertThrows(TrainerException.class, () -> DeviceChoice.parse("tpu"));
  }
}
