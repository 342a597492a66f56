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
import timbreflow.runtime.onnx.Manifest;
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
        .optPitchStep(30)
        .optSampleSeeds(List.of(0L))
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
    List<String> headings =
        List.of(
            "# Evaluation",
            "## Headline",
            "## Test bits/dim",
            "## Invertibility under ONNX Runtime",
            "## Reconstruction",
            "## Sampling: strict pitch",
            "## Family identity",
            "## Sustain",
            "## Diagnostic: YIN as published (lenient, not a pitch measure)",
            "## Interpolation");
    int previous = -1;
    for (String heading : headings) {
      int at = markdown.startsWith(heading) ? 0 : markdown.indexOf("\n" + heading + "\n");
      assertTrue(at > previous, heading + " after the heading before it");
      previous = at;
    }
    Headline headline = report.headline();
    assertTrue(
        markdown.contains("## Headline\n\n**" + headline.summary() + "**\n"),
        "the headline's first sentence says which targets are missed: " + headline.summary());
    assertTrue(
        headline.summary().startsWith("Targets missed: ")
            || headline.summary().startsWith("Every target"),
        headline.summary());
    assertEquals(notes.size(), report.invertibility().notes());
    assertTrue(report.invertibility().met(), "max " + report.invertibility().maxAbsError());
    assertEquals(6, report.reconstruction().all().notes());
    assertTrue(report.reconstruction().all().noiseMeanAbs() > 0);
    assertTrue(
        report.reconstruction().originalPitch() >= 5 / 6.0,
        "the strict judge finds the labelled pitch of real notes: "
            + report.reconstruction().originalPitch());

    // MIDI 24, 54 and 84 for all 11 families at three temperatures and one seed
    SamplingResult sampling = report.sampling();
    assertEquals(List.of(24, 54, 84), sampling.grid().pitches());
    assertEquals(99, sampling.samples().size());
    StrictPitchResult pitch = sampling.strictPitch();
    assertEquals(3, pitch.temperatures().size());
    for (StrictPitchResult.Temperature t : pitch.temperatures()) {
      assertEquals(33, t.all().judged(), "samples at " + t.temperature());
      assertEquals(11, t.below48().judged(), "below 48 at " + t.temperature());
      assertEquals(22, t.from48().judged(), "from 48 at " + t.temperature());
    }
    assertEquals(0.7, pitch.headlineTemperature());
    assertEquals(11, pitch.families().size());
    assertEquals(
        List.of(24, 48, 84), pitch.octaves().stream().map(OctaveAccuracy::lowestPitch).toList());
    // the real notes in sampled octaves: the three at MIDI 48 (the split's others are at 60)
    assertEquals(3, pitch.real().all().judged());
    assertTrue(pitch.real().all().right() >= 2, "real notes: " + pitch.real());
    assertEquals(headline.strictPitch(), pitch.headline().all());
    assertEquals(pitch.real().all(), headline.realStrictPitch());
    CombControl control = sampling.lenientPitch().combControl();
    assertEquals(33, control.strict().judged(), "one control per condition at T = 0.7, seed 0");
    assertTrue(markdown.contains("Comb control: the 33 samples at temperature 0.70, seed 0"));
    assertTrue(markdown.contains("**Strict pitch by octave**"), markdown);
    assertTrue(markdown.contains(sampling.octaveConclusion()), markdown);
    assertTrue(markdown.contains("| 24–35 | C1–B1 |"), markdown);
    FamilyIdentityResult family = sampling.familyIdentity();
    assertEquals(33, family.samples().judged());
    assertEquals(6, family.judge().checkedNotes());
    assertEquals(family.samples().accuracy() / family.judge().accuracy(), family.ratio(), 1e-12);
    assertTrue(family.judge().method().contains("loudness envelope"), family.judge().method());
    SustainResult sustain = sampling.sustain();
    assertEquals(11, sustain.families().size());
    assertEquals(6, sustain.families().stream().filter(f -> f.realNotes() == 1).count());
    assertTrue(sustain.families().stream().allMatch(f -> f.samples() == 3));

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
    JsonNode bundle = json.path("bundle");
    assertEquals(
        headline.strictPitch().accuracy(),
        bundle.path("headline").path("strictPitch").path("accuracy").asDouble(),
        1e-12);
    assertEquals(headline.summary(), bundle.path("headline").path("summary").asText());
    for (String key :
        List.of(
            "strictPitchBelow48",
            "strictPitchFrom48",
            "realStrictPitch",
            "pitchRatio",
            "pitchTargetMet",
            "lowPitchTargetMet",
            "familySamples",
            "familyReal",
            "familyRatio",
            "familyTargetMet",
            "sustainedFamilies",
            "sustainedWithin",
            "lenientPitch")) {
      assertTrue(bundle.path("headline").has(key), "headline." + key);
    }
    assertEquals(Manifest.read(BUNDLE).formatVersion(), bundle.path("formatVersion").asInt());
    JsonNode jsonPitch = bundle.path("sampling").path("strictPitch");
    assertEquals(3, jsonPitch.path("temperatures").size());
    for (String key : List.of("all", "below48", "from48", "unvoiced", "ratioToReal")) {
      assertTrue(jsonPitch.path("temperatures").get(0).has(key), "temperatures[]." + key);
    }
    assertEquals(3, jsonPitch.path("real").path("all").path("judged").asInt());
    assertEquals(11, jsonPitch.path("families").size());
    assertTrue(jsonPitch.path("target").path("allMet").isBoolean());
    JsonNode jsonOctaves = jsonPitch.path("octaves");
    assertEquals(3, jsonOctaves.size());
    assertEquals("C1–B1", jsonOctaves.get(0).path("octave").asText());
    assertEquals(3, jsonOctaves.get(0).path("temperatures").size());
    assertEquals(
        sampling.octaveConclusion(), bundle.path("sampling").path("octaveConclusion").asText());
    JsonNode jsonFamily = bundle.path("sampling").path("familyIdentity");
    assertTrue(jsonFamily.path("judge").has("shuffledLabelAccuracy"));
    assertTrue(jsonFamily.has("ratio") && jsonFamily.has("commonestFamily"));
    assertEquals(11, bundle.path("sampling").path("sustain").path("families").size());
    assertTrue(bundle.path("sampling").path("sustain").path("families").get(0).has("differenceDb"));
    JsonNode lenient = bundle.path("sampling").path("lenientPitch");
    assertEquals(3, lenient.path("temperatures").size());
    assertEquals(33, lenient.path("combControl").path("asPublished").path("judged").asInt());
    JsonNode first = bundle.path("sampling").path("samples").get(0);
    assertEquals(24, first.path("pitch").asInt());
    assertTrue(first.path("strict").path("right").isBoolean());
    assertTrue(first.path("asPublished").has("estimatedHz"));
    assertTrue(first.has("levelAt2sDb") && first.has("judgedFamily") && first.has("seed"));
    List<String> jsonFigures = new ArrayList<>();
    json.path("figures").forEach(f -> jsonFigures.add(f.path("path").asText()));
    assertEquals(figures, jsonFigures);
    // reconstructions of 2 notes (3 files each), 2 originals and 3 renderings of interpolation,
    // one sample per family
    assertTrue(json.path("audio").size() >= 6 + 2 + 3 + 11, json.path("audio").toString());
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
            "--pitch-step",
            "30",
            "--sample-seeds",
            "0",
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
    assertTrue(md.contains("## Headline") && !md.contains("## Test bits/dim"), md);
    assertTrue(md.contains("## Sampling: strict pitch") && md.contains("## Sustain"), md);
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
