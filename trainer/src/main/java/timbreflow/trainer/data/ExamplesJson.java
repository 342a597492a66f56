package timbreflow.trainer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * NSynth's {@code examples.json}: an object keyed by {@code note_str} whose values carry the note's
 * fields. Written sorted by key, so the same notes always give the same bytes.
 */
public final class ExamplesJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private ExamplesJson() {}

  /** Writes {@code notes} to {@code file} atomically, sorted by {@code note_str}. */
  public static void write(Path file, Collection<NoteExample> notes) {
    List<NoteExample> sorted = new ArrayList<>(notes);
    sorted.sort(Comparator.comparing(NoteExample::noteStr));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (NoteExample n : sorted) {
        g.writeFieldName(n.noteStr());
        g.writeStartObject();
        g.writeStringField("note_str", n.noteStr());
        g.writeNumberField("pitch", n.pitch());
        g.writeNumberField("velocity", n.velocity());
        g.writeNumberField("sample_rate", n.sampleRate());
        g.writeNumberField("instrument", n.instrument());
        g.writeStringField("instrument_str", n.instrumentStr());
        g.writeNumberField("instrument_family", n.family().index());
        g.writeStringField("instrument_family_str", n.family().label());
        g.writeNumberField("instrument_source", n.source().index());
        g.writeStringField("instrument_source_str", n.source().label());
        g.writeArrayFieldStart("qualities");
        for (int q : n.qualities()) {
          g.writeNumber(q);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("qualities_str");
        for (String q : n.qualitiesStr()) {
          g.writeString(q);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not encode " + file + ": " + e, e);
    }
    bytes.write('\n');
    DatasetFiles.write(file, bytes.toByteArray());
  }

  /** Reads the whole index as a JSON object; an unreadable or non-object file is an error. */
  public static ObjectNode readTree(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new TrainerException(
          Reason.INVALID_DATASET, "expected a JSON object in " + file + ", found: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new TrainerException(
          Reason.INVALID_DATASET,
          "expected a JSON object keyed by note_str in "
              + file
              + ", found "
              + (root == null ? "an empty file" : root.getNodeType()));
    }
    return (ObjectNode) root;
  }

  /** A rendered note with no qualities set (a SoundFont does not label them). */
  public static NoteExample rendered(RenderedInstrument instrument, int pitch, int velocity) {
    List<Integer> qualities = new ArrayList<>();
    for (int i = 0; i < NoteExample.QUALITY_NAMES.size(); i++) {
      qualities.add(0);
    }
    return new NoteExample(
        NoteExample.noteStr(instrument.instrumentStr(), pitch, velocity),
        pitch,
        velocity,
        RenderConfig.SAMPLE_RATE,
        instrument.id(),
        instrument.instrumentStr(),
        instrument.family(),
        instrument.source(),
        qualities,
        List.of());
  }
}
