package timbreflow.trainer.report;

/**
 * The samples of one temperature rendered again with their harmonic comb smoothed away ({@link
 * CombRemoval}) and judged by the same pitch check: a pitch judge that hears the harmonics finds
 * the requested pitch in few of them.
 *
 * @param temperature the temperature of the samples
 * @param samples how many were judged
 * @param pitchRight how many YIN still finds within the cents window of the requested pitch
 */
public record CombControl(double temperature, int samples, int pitchRight) {

  /** {@code pitchRight / samples}, NaN when there is none. */
  public double pitchAccuracy() {
    return samples == 0 ? Double.NaN : pitchRight / (double) samples;
  }
}
