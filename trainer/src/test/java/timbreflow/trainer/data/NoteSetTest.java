package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoteSetTest {

  /** 40 bass notes of 4 instruments, 3 flute notes, 6 organ notes, in note_str order. */
  private static NoteSet split() {
    List<NoteExample> notes = new ArrayList<>();
    for (int instrument = 0; instrument < 4; instrument++) {
      for (int pitch = 30; pitch < 40; pitch++) {
        notes.add(note(InstrumentFamily.BASS, instrument, pitch));
      }
    }
    for (int pitch = 60; pitch < 63; pitch++) {
      notes.add(note(InstrumentFamily.FLUTE, 0, pitch));
    }
    for (int pitch = 50; pitch < 56; pitch++) {
      notes.add(note(InstrumentFamily.ORGAN, 0, pitch));
    }
    return new NoteSet(
        Path.of("valid"), notes, new ReadReport(notes.size(), Map.of(), Map.of()), "fp");
  }

  private static NoteExample note(InstrumentFamily family, int instrument, int pitch) {
    String instrumentStr = NoteExample.instrumentStr(family, InstrumentSource.ACOUSTIC, instrument);
    return new NoteExample(
        NoteExample.noteStr(instrumentStr, pitch, 100),
        pitch,
        100,
        16_000,
        instrument,
        instrumentStr,
        family,
        InstrumentSource.ACOUSTIC,
        List.of(),
        List.of());
  }

  @Test
  void familiesTakeTurnsUntilTheSmallOnesRunOut() {
    List<NoteExample> spread = split().spreadOverFamilies(16);
    assertEquals(16, spread.size());
    List<InstrumentFamily> families = spread.stream().map(NoteExample::family).toList();
    assertEquals(
        List.of(
            InstrumentFamily.BASS,
            InstrumentFamily.FLUTE,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS,
            InstrumentFamily.FLUTE,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS,
            InstrumentFamily.FLUTE,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS,
            InstrumentFamily.ORGAN,
            InstrumentFamily.BASS),
        families);
  }

  @Test
  void aFamilysShareCoversItsInstrumentsAndPitches() {
    List<NoteExample> bass =
        split().spreadOverFamilies(16).stream()
            .filter(n -> n.family() == InstrumentFamily.BASS)
            .toList();
    // 7 of 40 bass notes: the middles of 7 equal slices, over all 4 instruments
    assertEquals(
        List.of(
            "bass_acoustic_000-032-100",
            "bass_acoustic_000-038-100",
            "bass_acoustic_001-034-100",
            "bass_acoustic_002-030-100",
            "bass_acoustic_002-035-100",
            "bass_acoustic_003-031-100",
            "bass_acoustic_003-037-100"),
        bass.stream().map(NoteExample::noteStr).toList());
  }

  @Test
  void askingForMoreThanThereAreGivesEveryNoteOnce() {
    NoteSet split = split();
    List<NoteExample> all = split.spreadOverFamilies(1000);
    assertEquals(split.size(), all.size());
    assertEquals(split.size(), all.stream().distinct().count());
    assertEquals(all, split.spreadOverFamilies(1000));
  }
}
