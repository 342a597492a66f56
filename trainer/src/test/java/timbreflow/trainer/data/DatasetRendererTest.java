package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.trainer.TrainerException;

class DatasetRendererTest {

  @TempDir static Path dir;
  static RenderReport first;

  static RenderConfig config(Path out) {
    return RenderConfig.builder()
        .setSoundFont(TestSoundFonts.small())
        .setOutput(out)
        .optPrograms(Set.of(0, 1, 40, 73))
        .optPitchRange(57, 60)
        .optVelocities(List.of(50, 127))
        .optSplitMode(SplitMode.INSTRUMENTS)
        .optThreads(2)
        .build();
  }

  @BeforeAll
  static void renderOnce() {
    first = new DatasetRenderer(config(dir.resolve("a")), ProgressListener.NONE).render();
  }

  @Test
  void rendersEveryRequestedNoteAsA16kHz4SecondWav() throws IOException {
    assertFalse(first.alreadyComplete());
    assertEquals(4 * 4 * 2, first.renderedNotes());
    int written = first.notesBySplit().values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(32, written + first.dropped().get(DatasetRenderer.DROP_SILENT));
    try (Stream<Path> wavs =
        Files.walk(dir.resolve("a")).filter(p -> p.toString().endsWith(".wav"))) {
      List<Path> all = wavs.toList();
      assertEquals(written, all.size());
      for (Path wav : all) {
        Waveform w = WavReader.read(wav);
        assertEquals(16_000, w.sampleRate(), wav.toString());
        assertEquals(64_000, w.length(), wav.toString());
      }
    }
  }

  @Test
  void renderedNotesSoundAtTheirMidiPitchWithin50Cents() throws IOException {
    PitchEstimator estimator = new PitchEstimator();
    int checked = 0;
    try (Stream<Path> wavs =
        Files.walk(dir.resolve("a")).filter(p -> p.toString().endsWith(".wav"))) {
      for (Path wav : wavs.toList()) {
        String name = wav.getFileName().toString();
        int pitch = Integer.parseInt(name.substring(name.length() - 11, name.length() - 8));
        double hz =
            estimator
                .estimateHz(WavReader.read(wav))
                .orElseThrow(() -> new AssertionError("no pitch in " + name));
        double cents = Math.abs(PitchEstimator.centsBetween(hz, PitchEstimator.midiToHz(pitch)));
        assertTrue(cents < 50, name + ": " + hz + " Hz is " + cents + " cents off");
        checked++;
      }
    }
    assertTrue(checked >= 24, "checked " + checked);
  }

  @Test
  void dropOffPitchKeepsOnlyNotesAtTheirPitchAndCountsTheRest() throws IOException {
    Path out = dir.resolve("pitched");
    RenderConfig config =
        RenderConfig.builder()
            .setSoundFont(TestSoundFonts.small())
            .setOutput(out)
            .optPrograms(Set.of(56))
            .optPitchRange(100, 108)
            .optVelocities(List.of(100))
            .optDropOffPitch(true)
            .optThreads(1)
            .build();
    RenderReport report = new DatasetRenderer(config, ProgressListener.NONE).render();
    int kept = report.notesBySplit().values().stream().mapToInt(Integer::intValue).sum();
    int offPitch = report.dropped().get(DatasetRenderer.DROP_OFF_PITCH);
    assertEquals(
        9, kept + offPitch + report.dropped().get(DatasetRenderer.DROP_SILENT), report.summary());
    JsonNode summary = DatasetSummary.read(out.resolve("dataset.json"));
    assertTrue(summary.at("/options/drop_off_pitch").asBoolean());
    assertEquals(offPitch, summary.at("/instruments/0/off_pitch").asInt());
    NoteSet notes =
        new NsynthReader(NoteFilter.ALL, true, 1).withPitchCheck().read(out.resolve("train"));
    assertTrue(notes.report().quirks().isEmpty(), notes.report().summary());
  }

  @Test
  void examplesJsonHasNsynthFieldsAndMatchesTheAudioFolder() {
    NoteSet train =
        new NsynthReader(NoteFilter.ALL, true, 2).read(dir.resolve("a").resolve("train"));
    assertEquals(0, train.report().defects(), train.report().summary());
    assertTrue(train.size() > 0);
    JsonNode index = ExamplesJson.readTree(dir.resolve("a/train/examples.json"));
    JsonNode flute = index.get("flute_acoustic_000-060-127"); // alone in its family: train
    assertEquals("flute_acoustic_000-060-127", flute.get("note_str").asText());
    assertEquals(60, flute.get("pitch").asInt());
    assertEquals(127, flute.get("velocity").asInt());
    assertEquals(16000, flute.get("sample_rate").asInt());
    assertEquals(73, flute.get("instrument").asInt());
    assertEquals("flute_acoustic_000", flute.get("instrument_str").asText());
    assertEquals(2, flute.get("instrument_family").asInt());
    assertEquals("flute", flute.get("instrument_family_str").asText());
    assertEquals(0, flute.get("instrument_source").asInt());
    assertEquals("acoustic", flute.get("instrument_source_str").asText());
    assertEquals(10, flute.get("qualities").size());
    assertTrue(flute.get("qualities_str").isArray());
  }

  @Test
  void keyboardHasTwoInstrumentsSoOneIsHeldOutOfTrain() {
    JsonNode summary = DatasetSummary.read(dir.resolve("a/dataset.json"));
    int heldOut = 0;
    for (JsonNode row : summary.get("instruments")) {
      heldOut += row.get("held_out").asBoolean() ? 1 : 0;
    }
    assertEquals(1, heldOut, "two pianos: one held out; string and flute alone stay in train");
    int valid = summary.at("/splits/valid/notes").asInt();
    int test = summary.at("/splits/test/notes").asInt();
    assertEquals(8, valid + test);
  }

  @Test
  void renderingTwiceGivesByteIdenticalFiles() throws IOException {
    RenderConfig again =
        RenderConfig.builder()
            .setSoundFont(TestSoundFonts.small())
            .setOutput(dir.resolve("b"))
            .optPrograms(Set.of(0, 1, 40, 73))
            .optPitchRange(57, 60)
            .optVelocities(List.of(127, 50))
            .optThreads(1)
            .build();
    new DatasetRenderer(again, ProgressListener.NONE).render();
    TreeMap<String, byte[]> a = files(dir.resolve("a"));
    TreeMap<String, byte[]> b = files(dir.resolve("b"));
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name), b.get(name), name);
    }
  }

  @Test
  void rerunningACompleteDatasetDoesNothingAndOtherOptionsAreRefused() {
    RenderReport rerun =
        new DatasetRenderer(config(dir.resolve("a")), ProgressListener.NONE).render();
    assertTrue(rerun.alreadyComplete());
    assertEquals(first.notesBySplit(), rerun.notesBySplit());
    RenderConfig other =
        RenderConfig.builder()
            .setSoundFont(TestSoundFonts.small())
            .setOutput(dir.resolve("a"))
            .optPrograms(Set.of(0))
            .build();
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () -> new DatasetRenderer(other, ProgressListener.NONE).render());
    assertEquals(TrainerException.Reason.INVALID_CONFIG, e.reason());
  }

  @Test
  void anInterruptedRenderIsResumedAndLeavesNoPartialFolder() throws IOException {
    Path out = dir.resolve("c");
    Path partial = dir.resolve("c.partial");
    // simulate an interruption: a partial folder with the marker and one finished WAV
    RenderConfig config = config(out);
    new DatasetRenderer(config, ProgressListener.NONE).render();
    Files.move(out, partial);
    Files.delete(partial.resolve("dataset.json"));
    Files.delete(partial.resolve("train/examples.json"));
    Files.writeString(
        partial.resolve("render.json"),
        "{\"render_fingerprint\":\""
            + DatasetSummary.read(dir.resolve("a/dataset.json")).get("render_fingerprint").asText()
            + "\"}");
    Path stray = partial.resolve("train/audio/.flute_acoustic_000-060-050.wav.123.tmp");
    Files.writeString(stray, "half a file");
    RenderReport resumed = new DatasetRenderer(config, ProgressListener.NONE).render();
    assertFalse(Files.exists(partial));
    assertFalse(Files.exists(out.resolve("train/audio").resolve(stray.getFileName())));
    assertEquals(first.notesBySplit(), resumed.notesBySplit());
    assertEquals(first.dropped().get(DatasetRenderer.DROP_SILENT), resumed.renderedNotes());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("a/dataset.json")),
        Files.readAllBytes(out.resolve("dataset.json")));
  }

  private static TreeMap<String, byte[]> files(Path root) throws IOException {
    TreeMap<String, byte[]> map = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        map.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return map;
  }
}
