package timbreflow.trainer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns rendered notes to train, valid and test, deterministically from a seed.
 *
 * <p>{@link SplitMode#INSTRUMENTS}: within each family, {@code round(n × fraction)} of its {@code
 * n} instruments (at least one when {@code n >= 2}, none when {@code n == 1}) are held out, chosen
 * by a seeded hash; their notes are divided between valid and test by a hash of the note, so valid
 * and test share instruments and neither shares one with train (as NSynth). {@link
 * SplitMode#NOTES}: each (instrument, pitch, velocity) goes to valid or test with probability
 * {@code fraction / 2} each, otherwise to train.
 */
public final class SplitAssigner {

  private static final Logger LOG = LoggerFactory.getLogger(SplitAssigner.class);

  private final SplitMode mode;
  private final double fraction;
  private final long seed;
  private final Set<Integer> heldOut;

  /**
   * @param instruments all instruments to be rendered
   * @param mode split mode
   * @param fraction share of instruments (or notes) for valid + test
   * @param seed seed of the hashes
   */
  public SplitAssigner(
      List<RenderedInstrument> instruments, SplitMode mode, double fraction, long seed) {
    this.mode = mode;
    this.fraction = fraction;
    this.seed = seed;
    this.heldOut = mode == SplitMode.INSTRUMENTS ? chooseHeldOut(instruments) : Set.of();
  }

  /** The split of one note. */
  public Split split(RenderedInstrument instrument, int pitch, int velocity) {
    double u = unit(mix(seed, instrument.id(), pitch, velocity));
    if (mode == SplitMode.INSTRUMENTS) {
      if (!heldOut.contains(instrument.id())) {
        return Split.TRAIN;
      }
      return u < 0.5 ? Split.VALID : Split.TEST;
    }
    if (u < fraction / 2) {
      return Split.VALID;
    }
    return u < fraction ? Split.TEST : Split.TRAIN;
  }

  /** Whether an instrument is held out of train (always false in {@link SplitMode#NOTES}). */
  public boolean heldOut(RenderedInstrument instrument) {
    return heldOut.contains(instrument.id());
  }

  private Set<Integer> chooseHeldOut(List<RenderedInstrument> instruments) {
    Map<InstrumentFamily, List<RenderedInstrument>> byFamily =
        new EnumMap<>(InstrumentFamily.class);
    for (RenderedInstrument i : instruments) {
      byFamily.computeIfAbsent(i.family(), f -> new ArrayList<>()).add(i);
    }
    Set<Integer> chosen = new HashSet<>();
    for (List<RenderedInstrument> members : byFamily.values()) {
      int n = members.size();
      if (n < 2) {
        LOG.warn(
            "family {} has a single instrument ({}): it stays in train, valid/test have none",
            members.get(0).family().label(),
            members.get(0).instrumentStr());
        continue;
      }
      int k = Math.max(1, (int) Math.round(n * fraction));
      k = Math.min(k, n - 1);
      if (fraction == 0) {
        k = 0;
      }
      List<RenderedInstrument> order = new ArrayList<>(members);
      order.sort(
          Comparator.comparingLong((RenderedInstrument i) -> mix(seed, i.id(), -1, -1))
              .thenComparingInt(RenderedInstrument::id));
      for (int j = 0; j < k; j++) {
        chosen.add(order.get(j).id());
      }
    }
    return Set.copyOf(chosen);
  }

  /** SplitMix64 over the seed and three integers: a stable, well-mixed 64-bit hash. */
  static long mix(long seed, int a, int b, int c) {
    long z = seed;
    for (int v : new int[] {a, b, c}) {
      z += 0x9E3779B97F4A7C15L + v;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
    }
    return z;
  }

  private static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
