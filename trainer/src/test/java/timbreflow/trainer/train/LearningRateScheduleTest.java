package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  private final LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 10, 110, 1e-5);

  @Test
  void warmupRisesLinearlyToThePeak() {
    assertEquals(1e-4, schedule.rate(1), 1e-15);
    assertEquals(5e-4, schedule.rate(5), 1e-15);
    assertEquals(1e-3, schedule.rate(10), 1e-15);
  }

  @Test
  void cosineDecayPassesTheMidpointAndEndsAtTheFloor() {
    assertEquals(1e-5 + 0.5 * (1e-3 - 1e-5), schedule.rate(60), 1e-15);
    assertEquals(1e-5, schedule.rate(110), 1e-15);
    assertEquals(1e-5, schedule.rate(500), 1e-15);
  }

  @Test
  void decayIsMonotoneAfterWarmup() {
    double previous = schedule.rate(10);
    for (int step = 11; step <= 110; step++) {
      double rate = schedule.rate(step);
      org.junit.jupiter.api.Assertions.assertTrue(rate <= previous, "step " + step);
      previous = rate;
    }
  }

  @Test
  void noWarmupStartsAtThePeak() {
    assertEquals(2e-3, new LearningRateSchedule(2e-3, 0, 100, 0).rate(0), 1e-15);
  }
}
