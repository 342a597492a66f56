package timbreflow.trainer.data;

import java.util.Locale;
import java.util.Optional;

/**
 * How an NSynth instrument makes its sound, in NSynth's order (0 acoustic, 1 electronic, 2
 * synthetic).
 */
public enum InstrumentSource {
  ACOUSTIC,
  ELECTRONIC,
  SYNTHETIC;

  /** NSynth's {@code instrument_source}. */
  public int index() {
    return ordinal();
  }

  /** NSynth's {@code instrument_source_str}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source with this NSynth index, if any. */
  public static Optional<InstrumentSource> ofIndex(int index) {
    InstrumentSource[] all = values();
    return index >= 0 && index < all.length ? Optional.of(all[index]) : Optional.empty();
  }

  /** The source with this NSynth label (case-insensitive), if any. */
  public static Optional<InstrumentSource> ofLabel(String label) {
    for (InstrumentSource source : values()) {
      if (source.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
