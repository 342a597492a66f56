package timbreflow.trainer.data;

import java.util.Locale;
import java.util.Optional;

/** The 11 NSynth instrument families, in NSynth's order: {@link #index()} is the model's label. */
public enum InstrumentFamily {
  BASS,
  BRASS,
  FLUTE,
  GUITAR,
  KEYBOARD,
  MALLET,
  ORGAN,
  REED,
  STRING,
  SYNTH_LEAD,
  VOCAL;

  /** NSynth's {@code instrument_family}: 0 (bass) to 10 (vocal). */
  public int index() {
    return ordinal();
  }

  /** NSynth's {@code instrument_family_str}, e.g. {@code synth_lead}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The family with this NSynth index, if it is one of the 11. */
  public static Optional<InstrumentFamily> ofIndex(int index) {
    InstrumentFamily[] all = values();
    return index >= 0 && index < all.length ? Optional.of(all[index]) : Optional.empty();
  }

  /** The family with this NSynth label (case-insensitive), if it is one of the 11. */
  public static Optional<InstrumentFamily> ofLabel(String label) {
    for (InstrumentFamily family : values()) {
      if (family.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }
}
