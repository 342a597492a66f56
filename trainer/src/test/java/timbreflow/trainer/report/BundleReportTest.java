package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.cli.TrainerCli;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.NoteFilter;
import timbreflow.trainer.data.NsynthReader;
import timbreflow.trainer.data.ProgressListener;
import timbreflow.trainer.train.EvaluationReport;

/**
 * The report's sections end to end on the shipped bundle {@code models/default} and a tiny test
 * split made of the bundle's own example notes (their file names give family and pitch).
 */
class BundleReportTest {

  static final Path BUNDLE = Path.of("..", "models", "default");

  private static final Pattern EXAMPLE = Pattern.compile("([a-z_]+)-([a-g])(#?)(\\d)\\.wav");
  private static final String NOTES = "cdefgab";
  private static final int[] SEMITONES = {0, 2, 4, 5, 7, 9, 11};

  @TempDir static Path dir;

  static Path data;

  /** A test split in NSynth jsonwav layout holding the bundle's example notes. */
  @BeforeAll
  static void writeATestSplitFromTheBundlesExamples() throws IOException {
    data = dir.resolve("data");
    Path split = data.resolve("test");
    Files.createDirectories(split.resolve("audio"));
    Map<String, Object> entries = new LinkedHashMap<>();
    List<String> families =
        List.of(
            "bass",
            "brass",
            "flute",
            "guitar",
            "keyboard",
            "mallet",
            "organ",
            "reed",
            "string",
            "synth_lead",
            "vocal");
    try (Stream<Path> files = Files.list(BUNDLE.resolve("examples"))) {
      for (Path wav : files.sorted().toList()) {
        Matcher m = EXAMPLE.matcher(wav.getFileName().toString());
        assertTrue(m.matches(), "example name " + wav.getFileName());
        int pitch =
            12 * (Integer.parseInt(m.group(4)) + 1)
                + SEMITONES[NOTES.indexOf(m.group(2))]
                + (m.group(3).isEmpty() ? 0 : 1);
        String instrument = m.group(1) + "_acoustic_000";
        String key = String.format("%s-%03d-127", instrument, pitch);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("note_str", key);
        e.put("pitch", pitch);
        e.put("velocity", 127);
        e.put("sample_rate", 16000);
        e.put("instrument", families.indexOf(m.group(1)));
        e.put("instrument_str", instrument);
        e.put("instrument_family", families.indexOf(m.group(1)));
        e.put("instrument_family_str", m.group(1));
        e.put("instrument_source", 0);
        e.put("instrument_source_str", "acoustic");
        e.put("qualities", List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        e.put("qualities_str", List.of());
        entries.put(key, e);
        Files.copy(wav, split.resolve("audio").resolve(key + ".wav"));
      }
    }
    Files.write(split.resolve("examples.json"), new ObjectMapper().writeValueAsBytes(entries));
  }

  private static ReportConfig small() {
    return ReportConfig.builder()
        .optNotesPerFamily(1)
        .optIterations(16)
        .optSampleIterations(8)
        .optAudioExamples(2)
        .optSweepSteps(3)
        .optPitchesPerPair(1)
        .optThreads(2)
        .build();
  }

  private static List<String> embedded(String markdown) {
    Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(markdown);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everySectionRunsOnTheShippedBundleAndWritesValidFiguresAndAudio() throws IOException {
    Path split = data.resolve("test");
    FeatureCache cache =
        FeatureCache.open(
            new NsynthReader(NoteFilter.ALL, false, 1).read(split),
            dir.resolve("cache"),
            1,
            ProgressListener.NONE);
    ReportNotes notes = new ReportNotes(cache, split);
    Path out = dir.resolve("report");
    EvaluationReport bitsPerDim =
        new EvaluationReport(
            "flow.ckpt",
            10,
            "prior.ckpt",
            10,
            notes.size(),
            5.0,
            7.9,
            8.0,
            2.9,
            List.of(new EvaluationReport.FamilyScore("bass", 1, 5.0, 7.9)),
            1e-6,
            1e-8,
            1.0);
    BundleReport report;
    String markdown;
    try (ReportOutput output = new ReportOutput(out)) {
      report = BundleEvaluation.run(BUNDLE, notes, notes, small(), output, SectionProgress.NONE);
      EvaluationDocument doc =
          new EvaluationDocument(bitsPerDim, report, output.figures(), output.audioFiles());
      markdown = doc.markdown();
      output.commit(doc.toJson(), markdown);
    }
    assertEquals(markdown, Files.readString(out.resolve("evaluation.md")));
    for (String heading :
        List.of(
            "# Evaluation",
            "## Test bits/dim",
            "## Invertibility under ONNX Runtime",
            "## Reconstruction",
            "## Sampling",
            "## Interpolation")) {
      assertTrue(markdown.contains("\n" + heading + "\n") || markdown.startsWith(heading), heading);
    }
    assertEquals(notes.size(), report.invertibility().notes());
    assertTrue(report.invertibility().met(), "max " + report.invertibility().maxAbsError());
    assertEquals(6, report.reconstruction().all().notes());
    assertTrue(report.reconstruction().all().noiseMeanAbs() > 0);
    assertTrue(
        report.reconstruction().originalPitch() >= 5 / 6.0,
        "YIN finds the labelled pitch of real notes: " + report.reconstruction().originalPitch());
    // one grid pitch per family (each has one note), three temperatures
    assertEquals(18, report.sampling().samples().size());
    assertEquals(3, report.sampling().temperatures().size());
    List<OctaveAccuracy> octaves = report.sampling().octaves();
    for (double t : small().temperatures()) {
      assertEquals(6, octaves.stream().mapToInt(o -> o.at(t).samples()).sum(), "samples at " + t);
    }
    // every sampled octave has real notes in this split (the grid comes from them), each checked
    assertEquals(
        notes.notes().stream()
            .filter(
                n ->
                    octaves.stream()
                        .anyMatch(
                            o -> o.lowestPitch() <= n.pitch() && n.pitch() <= o.highestPitch()))
            .count(),
        octaves.stream().mapToInt(OctaveAccuracy::realNotes).sum());
    assertTrue(
        octaves.stream().mapToInt(OctaveAccuracy::realPitchRight).sum()
            >= octaves.stream().mapToInt(OctaveAccuracy::realNotes).sum() - 1,
        "YIN finds the labelled pitch of the real notes: " + octaves);
    CombControl control = report.sampling().combControl();
    assertEquals(6, control.samples(), "one control per condition at the main temperature");
    assertTrue(markdown.contains("Control: the same 6 samples at temperature 0.70"), markdown);
    assertTrue(markdown.contains("**Pitch accuracy by octave**"), markdown);
    assertTrue(markdown.contains(report.sampling().octaveConclusion()), markdown);
    assertTrue(
        markdown.contains(
            "| "
                + octaves.get(0).lowestPitch()
                + "–"
                + octaves.get(0).highestPitch()
                + " | "
                + octaves.get(0).octave()
                + " |"),
        markdown);
    // bass-c3 and organ-c3 share MIDI 48, brass-c4 and string-c4 share 60
    List<String> formed =
        report.interpolation().pairs().stream()
            .map(p -> p.familyA() + "-" + p.familyB() + "-" + p.pitch())
            .toList();
    assertEquals(List.of("bass-organ-48", "brass-string-60"), formed);
    assertTrue(report.interpolation().skipped().contains("organ ↔ brass"));
    assertTrue(markdown.contains(report.interpolation().conclusion()));

    List<String> figures = embedded(markdown);
    assertEquals(
        List.of(
            "figures/reconstruction-spectrograms.png",
            "figures/reconstruction-rainbowgrams.png",
            "figures/samples-per-family.png",
            "figures/interpolation-spectra.png",
            "figures/interpolation-sweep.png"),
        figures);
    for (String figure : figures) {
      BufferedImage image = ImageIO.read(out.resolve(figure).toFile());
      assertNotNull(image, figure + " is not a PNG");
      assertTrue(image.getWidth() > 100 && image.getHeight() > 100, figure);
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
    assertEquals(5.0, json.path("flowBitsPerDim").asDouble());
    assertEquals(notes.size(), json.path("bundle").path("invertibility").path("notes").asInt());
    JsonNode jsonOctaves = json.path("bundle").path("sampling").path("octaves");
    assertEquals(octaves.size(), jsonOctaves.size());
    assertEquals(octaves.get(0).octave(), jsonOctaves.get(0).path("octave").asText());
    assertEquals(3, jsonOctaves.get(0).path("temperatures").size());
    assertEquals(
        report.sampling().octaveConclusion(),
        json.path("bundle").path("sampling").path("octaveConclusion").asText());
    List<String> jsonFigures = new ArrayList<>();
    json.path("figures").forEach(f -> jsonFigures.add(f.path("path").asText()));
    assertEquals(figures, jsonFigures);
    assertTrue(json.path("audio").size() >= 6 + 2 + 3, json.path("audio").toString());
    for (JsonNode a : json.path("audio")) {
      String path = a.path("path").asText();
      assertTrue(markdown.contains("](" + path + ")"), path + " linked from the Markdown");
      Waveform wave = WavReader.read(out.resolve(path));
      assertEquals(16_000, wave.sampleRate(), path);
      assertEquals(64_000, wave.length(), path);
    }
  }

  @Test
  void theCommandLineWritesTheReportFromABundleAlone() throws IOException {
    Path out = dir.resolve("cli-report");
    int rc =
        TrainerCli.execute(
            "evaluate",
            "--data",
            data.toString(),
            "--cache",
            dir.resolve("cli-cache").toString(),
            "--bundle",
            BUNDLE.toString(),
            "--out",
            out.toString(),
            "--notes-per-family",
            "1",
            "--iterations",
            "8",
            "--sample-iterations",
            "4",
            "--temperatures",
            "0.7",
            "--pairs",
            "bass:organ",
            "--pitches-per-pair",
            "1",
            "--audio-examples",
            "1",
            "--threads",
            "2");
    assertEquals(0, rc);
    String md = Files.readString(out.resolve("evaluation.md"));
    assertTrue(md.contains("## Sampling") && !md.contains("## Test bits/dim"), md);
    assertTrue(md.contains("| bass ↔ organ | 48 |"), md);
    for (String figure : embedded(md)) {
      assertTrue(Files.size(out.resolve(figure)) > 0, figure);
    }
  }

  @Test
  void aFolderWithoutABundleIsAnInvalidBundleNamingWhatIsMissing() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty-bundle"));
    TrainerException e = assertThrows(TrainerException.class, () -> BundleEvaluation.check(empty));
    assertEquals(TrainerException.Reason.INVALID_BUNDLE, e.reason());
    assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    TrainerException none =
        assertThrows(
            TrainerException.class, () -> BundleEvaluation.check(dir.resolve("no-such-bundle")));
    assertTrue(none.getMessage().contains("found nothing at"), none.getMessage());
    assertEquals("bass", BundleEvaluation.check(BUNDLE).families().get(0));
  }

  @Test
  void aBadBundleOrDataPathIsAOneLineFailureAndMissingTargetsAUsageError() {
    String out = dir.resolve("bad").toString();
    assertEquals(
        1,
        TrainerCli.execute(
            "evaluate",
            "--data",
            data.toString(),
            "--cache",
            dir.resolve("bad-cache").toString(),
            "--bundle",
            dir.resolve("no-bundle").toString(),
            "--out",
            out));
    assertEquals(
        1,
        TrainerCli.execute(
            "evaluate",
            "--data",
            dir.resolve("no-data").toString(),
            "--bundle",
            BUNDLE.toString(),
            "--out",
            out));
    assertEquals(2, TrainerCli.execute("evaluate", "--data", data.toString(), "--out", out));
    assertEquals(
        2,
        TrainerCli.execute("evaluate", "--data", data.toString(), "--bundle", BUNDLE.toString()));
  }
}
