package timbreflow.exporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;

/**
 * Reads parity notes from a split in NSynth's jsonwav layout: {@code examples.json} (note_str →
 * {@code pitch}, {@code instrument_family}) and {@code audio/<note_str>.wav}, through the runtime's
 * own WAV reader, resampler and feature code, so the gate sees exactly what serving sees.
 */
public final class ValidationNotes {

  private ValidationNotes() {}

  /**
   * The first {@code limit} notes of the split in note_str order, as whole-note features.
   *
   * @param split a directory holding {@code examples.json} and {@code audio/}
   */
  public static List<ParityNote> load(Path split, int limit) {
    Path json = split.resolve("examples.json");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Reason.INVALID_DATA,
          "--data: expected an NSynth split with examples.json, cannot read "
              + json
              + ": "
              + e.getMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new ExportException(
          ExportException.Reason.INVALID_DATA, json + ": expected a JSON object keyed by note_str");
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      sorted.put(e.getKey(), e.getValue());
    }
    LogMagnitude features = new LogMagnitude(StftConfig.DEFAULT);
    List<ParityNote> notes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      if (notes.size() == limit) {
        break;
      }
      JsonNode pitch = e.getValue().get("pitch");
      JsonNode family = e.getValue().get("instrument_family");
      if (pitch == null
          || !pitch.canConvertToInt()
          || family == null
          || !family.canConvertToInt()) {
        throw new ExportException(
            ExportException.Reason.INVALID_DATA,
            json + ": note " + e.getKey() + " expected integer pitch and instrument_family");
      }
      Path wav = split.resolve("audio").resolve(e.getKey() + ".wav");
      if (!Files.isRegularFile(wav)) {
        throw new ExportException(
            ExportException.Reason.INVALID_DATA,
            "expected audio for note " + e.getKey() + " at " + wav);
      }
      try {
        Waveform note = NoteLength.toModelNote(WavReader.read(wav), StftConfig.DEFAULT);
        Features f = features.features(note.samples());
        notes.add(
            new ParityNote(e.getKey(), f.values(), f.frames(), pitch.asInt(), family.asInt()));
      } catch (TimbreflowException ex) {
        throw new ExportException(
            ExportException.Reason.INVALID_DATA, wav + ": " + ex.getMessage(), ex);
      }
    }
    return notes;
  }
}
