package timbreflow.trainer.report;

/**
 * The samples of one temperature and seed rendered again with their harmonic comb smoothed away
 * ({@link CombRemoval}) and judged by both pitch rules: a judge that hears the harmonics finds the
 * requested pitch in few of them.
 *
 * @param temperature the temperature of the samples
 * @param seed their seed
 * @param strict the strict judge on the comb-less renderings
 * @param asPublished YIN as published on them
 */
public record CombControl(double temperature, long seed, Accuracy strict, Accuracy asPublished) {}
