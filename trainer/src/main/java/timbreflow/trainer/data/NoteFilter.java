package timbreflow.trainer.data;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Which notes of a dataset to keep. Empty sets mean "all".
 *
 * @param families families to keep
 * @param sources sources to keep
 * @param minPitch lowest pitch kept
 * @param maxPitch highest pitch kept
 * @param velocities velocities to keep
 * @param instruments {@code instrument_str}s to keep
 * @param maxNotes at most this many notes, a stable pseudo-random subset (0: no limit)
 */
public record NoteFilter(
    Set<InstrumentFamily> families,
    Set<InstrumentSource> sources,
    int minPitch,
    int maxPitch,
    Set<Integer> velocities,
    Set<String> instruments,
    int maxNotes) {

  /** Keeps everything. */
  public static final NoteFilter ALL = builder().build();

  public NoteFilter {
    families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
    sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
    velocities = Set.copyOf(velocities);
    instruments = Set.copyOf(instruments);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The filter reason that excludes {@code note}, or null when the note passes. */
  SkipReason reject(NoteExample note) {
    if (!families.isEmpty() && !families.contains(note.family())) {
      return SkipReason.FILTER_FAMILY;
    }
    if (!sources.isEmpty() && !sources.contains(note.source())) {
      return SkipReason.FILTER_SOURCE;
    }
    if (note.pitch() < minPitch || note.pitch() > maxPitch) {
      return SkipReason.FILTER_PITCH;
    }
    if (!velocities.isEmpty() && !velocities.contains(note.velocity())) {
      return SkipReason.FILTER_VELOCITY;
    }
    if (!instruments.isEmpty() && !instruments.contains(note.instrumentStr())) {
      return SkipReason.FILTER_INSTRUMENT;
    }
    return null;
  }

  /** A stable text form, part of the feature cache's fingerprint. */
  public String describe() {
    return "families="
        + new TreeSet<>(families)
        + " sources="
        + new TreeSet<>(sources)
        + " pitch="
        + minPitch
        + "-"
        + maxPitch
        + " velocities="
        + new TreeSet<>(velocities)
        + " instruments="
        + new TreeSet<>(instruments)
        + " max="
        + maxNotes;
  }

  /** Builds a {@link NoteFilter}; every option is optional. */
  public static final class Builder {
    private Set<InstrumentFamily> families = Set.of();
    private Set<InstrumentSource> sources = Set.of();
    private int minPitch = 0;
    private int maxPitch = 127;
    private Set<Integer> velocities = Set.of();
    private Set<String> instruments = Set.of();
    private int maxNotes = 0;

    private Builder() {}

    public Builder optFamilies(Set<InstrumentFamily> families) {
      this.families = families;
      return this;
    }

    public Builder optSources(Set<InstrumentSource> sources) {
      this.sources = sources;
      return this;
    }

    public Builder optPitchRange(int minPitch, int maxPitch) {
      this.minPitch = minPitch;
      this.maxPitch = maxPitch;
      return this;
    }

    public Builder optVelocities(Set<Integer> velocities) {
      this.velocities = velocities;
      return this;
    }

    public Builder optInstruments(Set<String> instruments) {
      this.instruments = instruments;
      return this;
    }

    public Builder optMaxNotes(int maxNotes) {
      this.maxNotes = maxNotes;
      return this;
    }

    public NoteFilter build() {
      if (minPitch < 0 || maxPitch > 127 || minPitch > maxPitch) {
        throw new TrainerException(
            Reason.INVALID_CONFIG,
            "filter pitch range: expected 0 <= min <= max <= 127, found "
                + minPitch
                + "-"
                + maxPitch);
      }
      if (maxNotes < 0) {
        throw new TrainerException(
            Reason.INVALID_CONFIG, "filter maxNotes: expected >= 0, found " + maxNotes);
      }
      if (families == null || sources == null || velocities == null || instruments == null) {
        throw new TrainerException(
            Reason.INVALID_CONFIG, "filter sets: expected empty sets for 'all', found null");
      }
      return new NoteFilter(
          families, sources, minPitch, maxPitch, velocities, instruments, maxNotes);
    }
  }
}
