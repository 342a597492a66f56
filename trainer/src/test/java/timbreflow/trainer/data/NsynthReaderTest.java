package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.TrainerException;

class NsynthReaderTest {

  @TempDir Path dir;

  /** 6 good notes (one at pitch 12, outside 21–108) and one bad entry per defect. */
  private Path fixture() throws IOException {
    NsynthFixture f = new NsynthFixture(dir.resolve("valid"));
    f.note("bass_synthetic_033", 0, 2, 40, 100)
        .note("bass_synthetic_033", 0, 2, 12, 100)
        .note("keyboard_acoustic_004", 4, 0, 60, 25)
        .note("keyboard_acoustic_004", 4, 0, 60, 127)
        .note("string_acoustic_014", 8, 0, 72, 75)
        .note("vocal_synthetic_003", 10, 2, 64, 50);
    // missing wav
    f.raw(
        "brass_acoustic_001-060-100",
        NsynthFixture.entry(
            "brass_acoustic_001-060-100", "brass_acoustic_001", 1, 0, 60, 100, 16000),
        null,
        0);
    // wav at the wrong sample rate (the entry claims 16 kHz)
    f.raw(
        "brass_acoustic_001-061-100",
        NsynthFixture.entry(
            "brass_acoustic_001-061-100", "brass_acoustic_001", 1, 0, 61, 100, 16000),
        NsynthFixture.sine(61, 88_200, 22_050, 0.5),
        22_050);
    // wav of the wrong length
    f.raw(
        "brass_acoustic_001-062-100",
        NsynthFixture.entry(
            "brass_acoustic_001-062-100", "brass_acoustic_001", 1, 0, 62, 100, 16000),
        NsynthFixture.sine(62, 32_000, 16_000, 0.5),
        16_000);
    // silent wav
    f.raw(
        "brass_acoustic_001-063-100",
        NsynthFixture.entry(
            "brass_acoustic_001-063-100", "brass_acoustic_001", 1, 0, 63, 100, 16000),
        new float[64_000],
        16_000);
    // unknown family 11
    f.raw(
        "alien_acoustic_000-060-100",
        NsynthFixture.entry(
            "alien_acoustic_000-060-100", "alien_acoustic_000", 11, 0, 60, 100, 16000),
        NsynthFixture.sine(60, 64_000, 16_000, 0.5),
        16_000);
    // pitch 130
    f.raw(
        "reed_acoustic_000-130-100",
        NsynthFixture.entry(
            "reed_acoustic_000-130-100", "reed_acoustic_000", 7, 0, 130, 100, 16000),
        NsynthFixture.sine(60, 64_000, 16_000, 0.5),
        16_000);
    // malformed: pitch is text; and an entry that is not an object
    Map<String, Object> textPitch =
        NsynthFixture.entry("reed_acoustic_000-050-100", "reed_acoustic_000", 7, 0, 50, 100, 16000);
    textPitch.put("pitch", "fifty");
    f.raw(
        "reed_acoustic_000-050-100",
        textPitch,
        NsynthFixture.sine(50, 64_000, 16_000, 0.5),
        16_000);
    f.raw("reed_acoustic_000-051-100", List.of(1, 2, 3), null, 0);
    // entry claiming 44.1 kHz
    f.raw(
        "reed_acoustic_000-052-100",
        NsynthFixture.entry("reed_acoustic_000-052-100", "reed_acoustic_000", 7, 0, 52, 100, 44100),
        NsynthFixture.sine(52, 64_000, 16_000, 0.5),
        16_000);
    // unreadable wav
    f.raw(
        "reed_acoustic_000-053-100",
        NsynthFixture.entry("reed_acoustic_000-053-100", "reed_acoustic_000", 7, 0, 53, 100, 16000),
        null,
        0);
    Files.writeString(dir.resolve("valid/audio/reed_acoustic_000-053-100.wav"), "not a wav");
    return f.write();
  }

  @Test
  void keepsGoodNotesAndCountsEveryBadOneUnderItsReason() throws IOException {
    NoteSet set = new NsynthReader(NoteFilter.ALL, true, 2).read(fixture());
    ReadReport r = set.report();
    assertEquals(6, set.size(), r.summary());
    assertEquals(1, r.skipped(SkipReason.MISSING_WAV));
    assertEquals(2, r.skipped(SkipReason.WRONG_SAMPLE_RATE));
    assertEquals(1, r.skipped(SkipReason.WRONG_LENGTH));
    assertEquals(1, r.skipped(SkipReason.SILENT));
    assertEquals(1, r.skipped(SkipReason.UNKNOWN_FAMILY));
    assertEquals(1, r.skipped(SkipReason.PITCH_OUT_OF_RANGE));
    assertEquals(2, r.skipped(SkipReason.MALFORMED_ENTRY));
    assertEquals(1, r.skipped(SkipReason.UNREADABLE_WAV));
    assertEquals(10, r.defects());
    assertEquals(1, r.quirks().get(ReadReport.OUTSIDE_PIANO));
    assertTrue(r.summary().startsWith("kept 6, skipped 10: "), r.summary());
    assertTrue(r.summary().contains("missing wav → 1"), r.summary());
    assertTrue(r.summary().contains("pitch outside 21-108 → 1"), r.summary());
  }

  @Test
  void notesComeInNoteStrOrderWithAllFieldsRead() throws IOException {
    NoteSet set = new NsynthReader(NoteFilter.ALL, true, 1).read(fixture());
    List<String> keys = set.notes().stream().map(NoteExample::noteStr).toList();
    assertEquals(keys.stream().sorted().toList(), keys);
    NoteExample first = set.notes().get(0);
    assertEquals("bass_synthetic_033-012-100", first.noteStr());
    assertEquals(InstrumentFamily.BASS, first.family());
    assertEquals(InstrumentSource.SYNTHETIC, first.source());
    assertEquals(12, first.pitch());
    assertEquals(100, first.velocity());
    assertEquals(List.of("dark"), first.qualitiesStr());
    assertEquals(1, first.qualities().get(1));
  }

  @Test
  void writtenExamplesRoundTripThroughTheReader() throws IOException {
    NoteSet set = new NsynthReader(NoteFilter.ALL, false, 1).read(fixture());
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy.resolve("audio"));
    for (NoteExample n : set.notes()) {
      Files.copy(set.wav(n), copy.resolve("audio").resolve(n.noteStr() + ".wav"));
    }
    ExamplesJson.write(copy.resolve("examples.json"), set.notes());
    NoteSet again = new NsynthReader(NoteFilter.ALL, false, 1).read(copy);
    assertEquals(set.notes(), again.notes());
    assertEquals(0, again.report().defects());
  }

  @Test
  void filtersAreCountedApartFromDefects() throws IOException {
    NoteFilter filter =
        NoteFilter.builder()
            .optFamilies(Set.of(InstrumentFamily.KEYBOARD, InstrumentFamily.BASS))
            .optPitchRange(21, 108)
            .optVelocities(Set.of(100, 127))
            .build();
    NoteSet set = new NsynthReader(filter, true, 2).read(fixture());
    ReadReport r = set.report();
    assertEquals(2, set.size(), r.summary());
    // filters apply before the audio check: brass and reed entries count as filtered by family
    assertEquals(6, r.skipped(SkipReason.FILTER_FAMILY));
    assertEquals(1, r.skipped(SkipReason.FILTER_PITCH));
    assertEquals(1, r.skipped(SkipReason.FILTER_VELOCITY));
    assertTrue(r.summary().contains("filtered 8"), r.summary());
  }

  @Test
  void maxNotesKeepsAStableSubsetAndCountsTheRest() throws IOException {
    Path split = fixture();
    NoteFilter three = NoteFilter.builder().optMaxNotes(3).build();
    NoteSet a = new NsynthReader(three, false, 1).read(split);
    NoteSet b = new NsynthReader(three, false, 1).read(split);
    assertEquals(3, a.size());
    assertEquals(a.notes(), b.notes());
    assertEquals(3 + 1 + 1 + 1 + 1, a.report().skipped(SkipReason.FILTER_MAX_NOTES));
    assertNotEquals(
        new NsynthReader(NoteFilter.ALL, false, 1).read(split).fingerprint(), a.fingerprint());
  }

  @Test
  void thePitchCheckCountsNoiseOnlyAndMislabelledNotesAsQuirksAndKeepsThem() throws IOException {
    NsynthFixture f = new NsynthFixture(dir.resolve("quirks"));
    f.note("string_acoustic_001", 8, 0, 40, 100)
        .note("string_acoustic_001", 8, 0, 60, 100)
        .note("string_acoustic_001", 8, 0, 72, 100);
    SplittableRandom random = new SplittableRandom(11);
    float[] noise = new float[64_000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.3 * (2 * random.nextDouble() - 1));
    }
    String noisy = "string_acoustic_001-064-100";
    f.raw(
        noisy,
        NsynthFixture.entry(noisy, "string_acoustic_001", 8, 0, 64, 100, 16000),
        noise,
        16_000);
    String off = "string_acoustic_001-065-100";
    f.raw(
        off,
        NsynthFixture.entry(off, "string_acoustic_001", 8, 0, 65, 100, 16000),
        NsynthFixture.sine(67, 64_000, 16_000, 0.5),
        16_000);
    Path split = f.write();
    ReadReport plain = new NsynthReader(NoteFilter.ALL, true, 2).read(split).report();
    assertTrue(plain.quirks().isEmpty(), plain.summary());
    NoteSet checked = new NsynthReader(NoteFilter.ALL, true, 2).withPitchCheck().read(split);
    ReadReport r = checked.report();
    assertEquals(5, checked.size(), r.summary());
    assertEquals(1, r.quirks().get(NoteAudioCheck.NO_PITCH), r.summary());
    assertEquals(1, r.quirks().get(NoteAudioCheck.OFF_PITCH), r.summary());
  }

  @Test
  void aFolderWithoutExamplesJsonIsAnInvalidDataset() {
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () -> new NsynthReader(NoteFilter.ALL, true, 1).read(dir.resolve("nothing")));
    assertEquals(TrainerException.Reason.INVALID_DATASET, e.reason());
  }
}
