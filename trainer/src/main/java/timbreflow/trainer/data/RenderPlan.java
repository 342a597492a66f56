package timbreflow.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which instruments and pitches a render covers: the selected, mapped General MIDI programs that
 * the SoundFont has, each with the requested pitch range clipped to the keys it has samples for.
 *
 * @param library the SoundFont
 * @param instruments instruments to render, by program
 * @param velocities velocities per pitch
 * @param outsideKeyRange requested notes left out because the preset has no sample at that key
 * @param excluded selected programs with no NSynth family, and why
 * @param missing selected, mapped programs the SoundFont has no bank-0 preset for
 */
public record RenderPlan(
    SoundFontLibrary library,
    List<RenderedInstrument> instruments,
    List<Integer> velocities,
    int outsideKeyRange,
    Map<Integer, String> excluded,
    List<Integer> missing) {

  /** Plans a render of {@code config} over {@code library}. */
  public static RenderPlan of(RenderConfig config, SoundFontLibrary library) {
    List<RenderedInstrument> instruments = new ArrayList<>();
    Map<Integer, String> excluded = new TreeMap<>();
    List<Integer> missing = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    int outside = 0;
    int requested = config.maxPitch() - config.minPitch() + 1;
    int velocities = config.velocities().size();
    for (int program : new TreeSet<>(config.programs())) {
      ProgramClass c = GeneralMidiFamilies.of(program);
      if (!c.mapped()) {
        excluded.put(program, c.exclusion().orElseThrow());
        continue;
      }
      InstrumentFamily family = c.family().orElseThrow();
      InstrumentSource source = c.source().orElseThrow();
      if (!config.families().contains(family)) {
        continue;
      }
      var preset = library.preset(program);
      if (preset.isEmpty()) {
        missing.add(program);
        continue;
      }
      int low = Math.max(config.minPitch(), preset.get().lowestKey());
      int high = Math.min(config.maxPitch(), preset.get().highestKey());
      int sounding = Math.max(0, high - low + 1);
      outside += (requested - sounding) * velocities;
      if (sounding == 0) {
        continue;
      }
      String key = family.label() + "_" + source.label();
      int number = numbers.merge(key, 1, Integer::sum) - 1;
      instruments.add(
          new RenderedInstrument(
              program,
              NoteExample.instrumentStr(family, source, number),
              preset.get(),
              family,
              source,
              low,
              high));
    }
    return new RenderPlan(
        library,
        List.copyOf(instruments),
        config.velocities(),
        outside,
        Collections.unmodifiableMap(excluded),
        List.copyOf(missing));
  }

  /** Notes to synthesise. */
  public long notes() {
    long n = 0;
    for (RenderedInstrument i : instruments) {
      n += (long) (i.highestPitch() - i.lowestPitch() + 1) * velocities.size();
    }
    return n;
  }
}
