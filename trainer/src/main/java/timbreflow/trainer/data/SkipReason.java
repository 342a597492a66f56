package timbreflow.trainer.data;

/** Why a note of a dataset was not kept: a defect of the data, or a filter the caller asked for. */
public enum SkipReason {
  MALFORMED_ENTRY("malformed entry", false),
  UNKNOWN_FAMILY("unknown family", false),
  UNKNOWN_SOURCE("unknown source", false),
  PITCH_OUT_OF_RANGE("pitch outside 0-127", false),
  VELOCITY_OUT_OF_RANGE("velocity outside 0-127", false),
  MISSING_WAV("missing wav", false),
  UNREADABLE_WAV("unreadable wav", false),
  WRONG_SAMPLE_RATE("wrong sample rate", false),
  WRONG_LENGTH("wrong length", false),
  SILENT("silent (peak below -80 dBFS)", false),
  FILTER_FAMILY("family", true),
  FILTER_SOURCE("source", true),
  FILTER_PITCH("pitch", true),
  FILTER_VELOCITY("velocity", true),
  FILTER_INSTRUMENT("instrument", true),
  FILTER_MAX_NOTES("max notes", true);

  private final String label;
  private final boolean filter;

  SkipReason(String label, boolean filter) {
    this.label = label;
    this.filter = filter;
  }

  /** Short human-readable reason for summaries. */
  public String label() {
    return label;
  }

  /** True when the note is fine but the caller's filter excluded it. */
  public boolean isFilter() {
    return filter;
  }
}
