package timbreflow.trainer.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * What to render from a SoundFont: which programs, pitches and velocities, how to split, where.
 *
 * @param soundFont the SF2 file
 * @param output the dataset folder to create ({@code <output>/<split>/examples.json} ...)
 * @param programs General MIDI programs to consider (only mapped ones are rendered)
 * @param families NSynth families to keep
 * @param minPitch lowest MIDI pitch, clipped per instrument to the keys it has samples for
 * @param maxPitch highest MIDI pitch, likewise clipped
 * @param velocities MIDI velocities, ascending
 * @param splitMode how to divide into train/valid/test
 * @param heldOutFraction fraction of instruments (or notes) that go to valid + test
 * @param seed seed of the split assignment
 * @param silenceDbfs notes whose peak is below this level (dB full scale) are dropped
 * @param dropOffPitch also drop notes whose estimated pitch is missing or more than a semitone from
 *     the MIDI pitch (presets stretched beyond their range)
 * @param threads render threads (parallel across instruments)
 */
public record RenderConfig(
    Path soundFont,
    Path output,
    Set<Integer> programs,
    Set<InstrumentFamily> families,
    int minPitch,
    int maxPitch,
    List<Integer> velocities,
    SplitMode splitMode,
    double heldOutFraction,
    long seed,
    double silenceDbfs,
    boolean dropOffPitch,
    int threads) {

  /** NSynth's velocities. */
  public static final List<Integer> NSYNTH_VELOCITIES = List.of(25, 50, 75, 100, 127);

  /** Samples at 16 kHz: 3 s held, 1 s release, 4 s in all. */
  public static final int SAMPLE_RATE = 16_000;

  public static final int HELD_SAMPLES = 48_000;
  public static final int RELEASE_SAMPLES = 16_000;

  public RenderConfig {
    programs = Set.copyOf(new TreeSet<>(programs));
    families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
    velocities = List.copyOf(new TreeSet<>(velocities));
  }

  /** A builder with the defaults: all programs and families, pitches 21–108, NSynth velocities. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options that decide the dataset's content, as an ordered map for {@code dataset.json}. */
  public Map<String, Object> contentOptions() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("programs", new ArrayList<>(new TreeSet<>(programs)));
    List<String> familyLabels = new ArrayList<>();
    for (InstrumentFamily f : EnumSet.copyOf(families)) {
      familyLabels.add(f.label());
    }
    m.put("families", familyLabels);
    m.put("min_pitch", minPitch);
    m.put("max_pitch", maxPitch);
    m.put("velocities", velocities);
    m.put("split_mode", splitMode.name().toLowerCase(Locale.ROOT));
    m.put("held_out_fraction", heldOutFraction);
    m.put("seed", seed);
    m.put("silence_dbfs", silenceDbfs);
    m.put("drop_off_pitch", dropOffPitch);
    m.put("sample_rate", SAMPLE_RATE);
    m.put("held_samples", HELD_SAMPLES);
    m.put("release_samples", RELEASE_SAMPLES);
    return m;
  }

  /**
   * Builds and validates a {@link RenderConfig}; {@code set*} are required, {@code opt*} optional.
   */
  public static final class Builder {
    private Path soundFont;
    private Path output;
    private Set<Integer> programs = allPrograms();
    private Set<InstrumentFamily> families = EnumSet.allOf(InstrumentFamily.class);
    private int minPitch = 21;
    private int maxPitch = 108;
    private List<Integer> velocities = NSYNTH_VELOCITIES;
    private SplitMode splitMode = SplitMode.INSTRUMENTS;
    private double heldOutFraction = 0.2;
    private long seed = 0;
    private double silenceDbfs = -60;
    private boolean dropOffPitch;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    public Builder setSoundFont(Path soundFont) {
      this.soundFont = soundFont;
      return this;
    }

    public Builder setOutput(Path output) {
      this.output = output;
      return this;
    }

    public Builder optPrograms(Set<Integer> programs) {
      this.programs = programs;
      return this;
    }

    public Builder optFamilies(Set<InstrumentFamily> families) {
      this.families = families;
      return this;
    }

    public Builder optPitchRange(int minPitch, int maxPitch) {
      this.minPitch = minPitch;
      this.maxPitch = maxPitch;
      return this;
    }

    public Builder optVelocities(List<Integer> velocities) {
      this.velocities = velocities;
      return this;
    }

    public Builder optSplitMode(SplitMode splitMode) {
      this.splitMode = splitMode;
      return this;
    }

    public Builder optHeldOutFraction(double heldOutFraction) {
      this.heldOutFraction = heldOutFraction;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optSilenceDbfs(double silenceDbfs) {
      this.silenceDbfs = silenceDbfs;
      return this;
    }

    public Builder optDropOffPitch(boolean dropOffPitch) {
      this.dropOffPitch = dropOffPitch;
      return this;
    }

    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    public RenderConfig build() {
      require(soundFont != null, "soundFont", "a SoundFont path", "none");
      require(output != null, "output", "an output folder", "none");
      require(programs != null && !programs.isEmpty(), "programs", "at least one", "none");
      for (int p : programs) {
        require(p >= 0 && p <= 127, "programs", "programs 0–127", String.valueOf(p));
      }
      require(families != null && !families.isEmpty(), "families", "at least one", "none");
      require(
          minPitch >= 0 && maxPitch <= 127 && minPitch <= maxPitch,
          "pitch range",
          "0 <= min <= max <= 127",
          minPitch + "–" + maxPitch);
      require(velocities != null && !velocities.isEmpty(), "velocities", "at least one", "none");
      for (int v : velocities) {
        require(v >= 1 && v <= 127, "velocities", "velocities 1–127", String.valueOf(v));
      }
      require(splitMode != null, "splitMode", "a split mode", "none");
      require(
          heldOutFraction >= 0 && heldOutFraction < 1,
          "heldOutFraction",
          "a fraction in [0, 1)",
          String.valueOf(heldOutFraction));
      require(silenceDbfs < 0, "silenceDbfs", "a level below 0 dBFS", String.valueOf(silenceDbfs));
      require(threads >= 1, "threads", "at least 1", String.valueOf(threads));
      return new RenderConfig(
          soundFont.toAbsolutePath().normalize(),
          output.toAbsolutePath().normalize(),
          programs,
          families,
          minPitch,
          maxPitch,
          velocities,
          splitMode,
          heldOutFraction,
          seed,
          silenceDbfs,
          dropOffPitch,
          threads);
    }

    private static void require(boolean ok, String field, String expected, String found) {
      if (!ok) {
        throw new TrainerException(
            Reason.INVALID_CONFIG,
            "render option " + field + ": expected " + expected + ", found " + found);
      }
    }

    private static Set<Integer> allPrograms() {
      Set<Integer> all = new TreeSet<>();
      for (int p = 0; p < 128; p++) {
        all.add(p);
      }
      return all;
    }
  }
}
