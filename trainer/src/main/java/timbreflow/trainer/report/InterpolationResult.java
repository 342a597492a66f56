package timbreflow.trainer.report;

import java.util.List;

/**
 * Section 4: the seed's interpolation observation, measured.
 *
 * @param pairs every interpolated note pair
 * @param skipped family pairs that could not be formed (a family missing, or no shared pitch)
 * @param medianCloserToMix median over pairs of how many times closer the midpoint is to the linear
 *     mix than to the nearer endpoint
 * @param nearerMix pairs whose midpoint is nearer the linear mix than either endpoint
 * @param conclusion a plain-language reading of the numbers
 * @param figures figures of this section
 * @param audio the first pair's endpoints, midpoint and linear mix, and each family pair's midpoint
 * @param seconds wall time of the section
 */
public record InterpolationResult(
    List<InterpolationPair> pairs,
    List<String> skipped,
    double medianCloserToMix,
    int nearerMix,
    String conclusion,
    List<ReportFile> figures,
    List<ReportFile> audio,
    double seconds) {}
