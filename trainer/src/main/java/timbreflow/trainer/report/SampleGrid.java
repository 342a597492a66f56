package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples the report draws: GANSynth's evaluation range, MIDI {@value #LOWEST}–{@value
 * #HIGHEST} every {@code pitchStep} semitones, every family, at each temperature and seed.
 *
 * @param pitches the requested MIDI pitches, ascending
 * @param pitchStep semitones between them
 * @param families every family's name; a family's index is its position
 * @param temperatures the prior temperatures
 * @param seeds the seeds, each the prior's and Griffin-Lim's (the server's {@code seed})
 */
public record SampleGrid(
    List<Integer> pitches,
    int pitchStep,
    List<String> families,
    List<Double> temperatures,
    List<Long> seeds) {

  /** The lowest pitch of GANSynth's evaluation range. */
  static final int LOWEST = 24;

  /** The highest pitch of GANSynth's evaluation range. */
  static final int HIGHEST = 84;

  /** The low register starts below this pitch (C3): the second pitch target. */
  static final int LOW_REGISTER_BELOW = 48;

  public SampleGrid {
    pitches = List.copyOf(pitches);
    families = List.copyOf(families);
    temperatures = List.copyOf(temperatures);
    seeds = List.copyOf(seeds);
  }

  /** The grid of {@code config} over {@code families}. */
  static SampleGrid of(ReportConfig config, List<String> families) {
    List<Integer> pitches = new ArrayList<>();
    for (int p = LOWEST; p <= HIGHEST; p += config.pitchStep()) {
      pitches.add(p);
    }
    return new SampleGrid(
        pitches, config.pitchStep(), families, config.temperatures(), config.sampleSeeds());
  }

  /**
   * Every request: by pitch, family and seed, the temperatures innermost (so one seed's noise is
   * drawn at each temperature in turn).
   */
  List<SampleRequest> requests() {
    List<SampleRequest> out = new ArrayList<>();
    for (int pitch : pitches) {
      for (int f = 0; f < families.size(); f++) {
        for (long seed : seeds) {
          for (double t : temperatures) {
            out.add(new SampleRequest(pitch, f, t, seed));
          }
        }
      }
    }
    return out;
  }

  /** Whether {@code pitch} lies in the low register, below MIDI {@value #LOW_REGISTER_BELOW}. */
  static boolean low(int pitch) {
    return pitch < LOW_REGISTER_BELOW;
  }

  /** Whether {@code pitch} lies in the grid's range. */
  static boolean inRange(int pitch) {
    return pitch >= LOWEST && pitch <= HIGHEST;
  }
}
