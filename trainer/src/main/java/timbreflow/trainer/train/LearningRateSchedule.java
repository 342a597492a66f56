package timbreflow.trainer.train;

/**
 * Linear warm-up from 0 to the peak rate, then a half-cosine decay from the peak to a floor at the
 * last step.
 *
 * @param peak rate at the end of warm-up
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps steps of the whole run
 * @param floor rate at the last step
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double floor) {

  /**
   * The rate for the optimiser step numbered {@code step} (1-based: the first update is step 1).
   */
  public double rate(long step) {
    if (warmupSteps > 0 && step <= warmupSteps) {
      return peak * step / warmupSteps;
    }
    long decaySteps = (long) totalSteps - warmupSteps;
    if (decaySteps <= 0) {
      return peak;
    }
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
    return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
  }
}
