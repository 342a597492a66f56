package timbreflow.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * {@code dataset.json}: a rendered dataset's provenance and counts (SoundFont SHA-256, options,
 * notes by split and family, dropped notes by reason, the instrument table). It holds no time
 * stamps or paths, so the same render always writes the same bytes and the trainer can fingerprint
 * it.
 */
public final class DatasetSummary {

  /** The summary's file name in the dataset root. */
  public static final String FILE = "dataset.json";

  private DatasetSummary() {}

  /** Reads a summary (or any JSON file) as a tree. */
  public static JsonNode read(Path file) {
    try {
      return ExamplesJson.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new TrainerException(
          Reason.INVALID_DATASET, "expected readable JSON in " + file + ": " + e, e);
    }
  }

  static void write(Path file, Map<String, Object> summary) {
    try {
      DatasetFiles.write(
          file, ExamplesJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not encode " + file + ": " + e, e);
    }
  }

  static Map<String, Object> forRender(
      RenderConfig config,
      SoundFontLibrary library,
      String fingerprint,
      RenderPlan plan,
      SplitAssigner splits,
      List<InstrumentResult> results,
      Map<Split, List<NoteExample>> bySplit,
      Map<String, Integer> dropped) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "nsynth-jsonwav");
    m.put("generator", "timbreflow-trainer render");
    m.put("render_fingerprint", fingerprint);
    Map<String, Object> soundFont = new LinkedHashMap<>();
    soundFont.put("file", library.file().getFileName().toString());
    soundFont.put("sha256", library.sha256());
    m.put("soundfont", soundFont);
    m.put("options", config.contentOptions());
    Map<String, Object> splitCounts = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      splitCounts.put(s.folder(), counts(bySplit.get(s)));
    }
    m.put("splits", splitCounts);
    m.put("dropped", dropped);
    m.put("excluded_programs", new TreeMap<>(plan.excluded()));
    m.put("missing_programs", plan.missing());
    List<Map<String, Object>> instruments = new ArrayList<>();
    for (InstrumentResult r : results) {
      RenderedInstrument i = r.instrument();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("instrument", i.id());
      row.put("instrument_str", i.instrumentStr());
      row.put("program", i.preset().program());
      row.put("preset", i.preset().name());
      row.put("gm_name", GeneralMidiFamilies.of(i.preset().program()).gmName());
      row.put("pitch_range", List.of(i.lowestPitch(), i.highestPitch()));
      row.put("held_out", splits.heldOut(i));
      int notes = 0;
      for (List<NoteExample> n : r.kept().values()) {
        notes += n.size();
      }
      row.put("notes", notes);
      row.put("silent", r.silent());
      if (config.dropOffPitch()) {
        row.put("off_pitch", r.offPitch());
      }
      instruments.add(row);
    }
    m.put("instruments", instruments);
    return m;
  }

  private static Map<String, Object> counts(List<NoteExample> notes) {
    Map<InstrumentFamily, Integer> families = new EnumMap<>(InstrumentFamily.class);
    Set<Integer> instruments = new TreeSet<>();
    for (NoteExample n : notes) {
      families.merge(n.family(), 1, Integer::sum);
      instruments.add(n.instrument());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("notes", notes.size());
    m.put("instruments", instruments.size());
    Map<String, Integer> byLabel = new LinkedHashMap<>();
    families.forEach((f, n) -> byLabel.put(f.label(), n));
    m.put("families", byLabel);
    return m;
  }

  /** Whether {@code root} holds a summary. */
  public static boolean exists(Path root) {
    return Files.isRegularFile(root.resolve(FILE));
  }
}
