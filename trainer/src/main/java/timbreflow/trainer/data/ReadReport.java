package timbreflow.trainer.data;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The outcome of reading a split: how many notes were kept, and every other note counted under the
 * reason it was skipped; plus quirks of kept notes worth knowing (e.g. pitches outside the piano's
 * 21–108, which NSynth has).
 *
 * @param kept notes kept
 * @param skipped notes skipped, by reason (defects and filters)
 * @param quirks kept notes with a noteworthy property, by description
 */
public record ReadReport(int kept, Map<SkipReason, Integer> skipped, Map<String, Integer> quirks) {

  /** Quirk: kept notes outside the 88 piano keys. */
  public static final String OUTSIDE_PIANO = "pitch outside 21-108";

  public ReadReport {
    skipped = Map.copyOf(skipped);
    quirks = Map.copyOf(quirks);
  }

  /** Notes skipped for a defect (not for a filter). */
  public int defects() {
    int n = 0;
    for (var e : skipped.entrySet()) {
      n += e.getKey().isFilter() ? 0 : e.getValue();
    }
    return n;
  }

  /** Notes excluded by the caller's filter. */
  public int filtered() {
    int n = 0;
    for (var e : skipped.entrySet()) {
      n += e.getKey().isFilter() ? e.getValue() : 0;
    }
    return n;
  }

  /** Count for one reason (0 when none). */
  public int skipped(SkipReason reason) {
    return skipped.getOrDefault(reason, 0);
  }

  /**
   * One line: {@code kept 980, skipped 20: missing wav → 12, wrong length → 8; filtered 300: family
   * → 300; quirks: pitch outside 21-108 → 4}.
   */
  public String summary() {
    StringJoiner defects = new StringJoiner(", ");
    StringJoiner filters = new StringJoiner(", ");
    for (var e : new TreeMap<>(skipped).entrySet()) {
      String item = e.getKey().label() + " → " + e.getValue();
      (e.getKey().isFilter() ? filters : defects).add(item);
    }
    StringBuilder s = new StringBuilder("kept " + kept + ", skipped " + defects());
    if (defects() > 0) {
      s.append(": ").append(defects);
    }
    if (filtered() > 0) {
      s.append("; filtered ").append(filtered()).append(": ").append(filters);
    }
    if (!quirks.isEmpty()) {
      StringJoiner q = new StringJoiner(", ");
      new TreeMap<>(quirks).forEach((k, v) -> q.add(k + " → " + v));
      s.append("; quirks: ").append(q);
    }
    return s.toString();
  }
}
