package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PitchByOctaveTest {

  private static final double WINDOW = 50;

  /**
   * {@code n} samples at {@code pitch} and temperature {@code t}: right and periodic ('r'), wrong
   * and periodic ('w'), wrong and aperiodic ('u') or right and aperiodic, breathy ('b').
   */
  private static List<SampleScore> samples(int n, int pitch, double t, char kind) {
    List<SampleScore> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean right = kind == 'r' || kind == 'b';
      boolean periodic = kind == 'r' || kind == 'w';
      PitchScore strict =
          new PitchScore(
              pitch,
              100,
              right ? 3 : 700,
              right,
              periodic,
              periodic ? 1 : 0.2,
              periodic ? 0.05 : 0.3);
      out.add(new SampleScore("bass", pitch, t, 0, strict, strict, "bass", 0));
    }
    return out;
  }

  /** At 0.7: MIDI 24–35 0/3 (aperiodic), 36–47 1/2 (one aperiodic at 44), 48–59 2/2, 60–71 3/3. */
  private static List<SampleScore> lowNotesFail() {
    List<SampleScore> s = new ArrayList<>();
    s.addAll(samples(2, 28, 0.7, 'u'));
    s.addAll(samples(1, 35, 0.7, 'u'));
    s.addAll(samples(1, 36, 0.7, 'r'));
    s.addAll(samples(1, 44, 0.7, 'u'));
    s.addAll(samples(2, 52, 0.7, 'r'));
    s.addAll(samples(3, 64, 0.7, 'r'));
    // another temperature, wrong everywhere: must not leak into 0.7's figures
    s.addAll(samples(1, 64, 1.0, 'w'));
    return s;
  }

  @Test
  void octavesStartAtCAndAreNamedWithMidiSixtyAsC4() {
    assertEquals(60, PitchByOctave.lowestPitch(60));
    assertEquals(60, PitchByOctave.lowestPitch(71));
    assertEquals(48, PitchByOctave.lowestPitch(59));
    assertEquals(12, PitchByOctave.lowestPitch(23));
    assertEquals("C4–B4", PitchByOctave.name(60));
    assertEquals("C0–B0", PitchByOctave.name(12));
    assertEquals("C-1–B-1", PitchByOctave.name(0));
  }

  @Test
  void scoresAreCountedPerOctaveAndTemperatureWithRealNotesAlongside() {
    List<OctaveAccuracy> octaves =
        PitchByOctave.group(
            lowNotesFail(), List.of(0.7, 1.0), Map.of(36, new PitchByOctave.RealCount(20, 19, 18)));
    assertEquals(
        List.of(24, 36, 48, 60), octaves.stream().map(OctaveAccuracy::lowestPitch).toList());
    OctaveAccuracy c2 = octaves.get(1);
    assertEquals(47, c2.highestPitch());
    assertEquals("C2–B2", c2.octave());
    assertEquals(new OctaveAccuracy.Temperature(0.7, 2, 1, 1, 0.5), c2.at(0.7));
    assertEquals(new OctaveAccuracy.Temperature(1.0, 0, 0, 0, Double.NaN), c2.at(1.0));
    assertEquals(20, c2.realNotes());
    assertEquals(18, c2.realPeriodic());
    assertEquals(0.95, c2.realPitchAccuracy(), 1e-12);
    assertEquals(new OctaveAccuracy.Temperature(0.7, 3, 0, 3, 0.0), octaves.get(0).at(0.7));
    assertEquals(new OctaveAccuracy.Temperature(1.0, 1, 0, 0, 0.0), octaves.get(3).at(1.0));
    assertEquals(0, octaves.get(0).realNotes());
    assertTrue(Double.isNaN(octaves.get(0).realPitchAccuracy()));
  }

  @Test
  void aCellShowsTheShareAndTheCountsOrADashWhenEmpty() {
    assertEquals("48.4 % (15/31)", PitchByOctave.cell(15, 31));
    assertEquals("–", PitchByOctave.cell(0, 0));
  }

  @Test
  void aperiodicFailuresBelowAnOctaveAreSummedUpWithTheRealNotesThere() {
    List<SampleScore> scores = lowNotesFail();
    Map<Integer, PitchByOctave.RealCount> real =
        Map.of(
            24, new PitchByOctave.RealCount(20, 20, 20),
            36, new PitchByOctave.RealCount(20, 20, 20),
            48, new PitchByOctave.RealCount(20, 19, 18));
    List<OctaveAccuracy> octaves = PitchByOctave.group(scores, List.of(0.7, 1.0), real);
    assertEquals(48, OctaveConclusion.goodFrom(octaves, 0.7));
    assertEquals(
        "All 4 samples outside ±50 cents at temperature 0.70 are aperiodic and were "
            + "asked for below MIDI 48 (the highest at MIDI 44); from MIDI 48 (C3) up, every "
            + "octave has at least 95.0 % of its samples within the window (100.0 % of 5), "
            + "below it 20.0 % of 5. On real test notes below MIDI 48 the same judge finds the labelled "
            + "pitch in 100.0 % (40 of 40): the shortfall there is the samples', not the "
            + "pitch judge's. 4 of the 10 samples at temperature 0.70 are aperiodic by YIN's "
            + "voicing rule (no dip below its threshold in over half of their loud frames), "
            + "all asked for at or below MIDI 44. Of the real test notes in the octaves up to"
            + " MIDI 44, "
            + "40 of 40 are periodic.",
        OctaveConclusion.describe(scores, octaves, 0.7, WINDOW));
  }

  @Test
  void aPeriodicFailureOrOneAboveTheGoodOctavesIsCountedApart() {
    List<SampleScore> scores = new ArrayList<>(lowNotesFail());
    // 20 more at MIDI 66, one of them an octave off: 22/23 in C4–B4 is still above 95 %
    scores.addAll(samples(19, 66, 0.7, 'r'));
    scores.addAll(samples(1, 66, 0.7, 'w'));
    List<OctaveAccuracy> octaves =
        PitchByOctave.group(
            scores, List.of(0.7), Map.of(36, new PitchByOctave.RealCount(10, 5, 4)));
    assertEquals(
        "Of the 5 samples outside ±50 cents at temperature 0.70, 4 are aperiodic and 4 "
            + "were asked for below MIDI 48; from MIDI 48 (C3) up, every octave has at least "
            + "95.0 % of its samples within the window (96.0 % of 25), below it 20.0 % of 5. "
            + "On real test notes below MIDI 48 the same judge finds the labelled pitch in 50.0 % (5 of "
            + "10): part of the shortfall there is the pitch judge's. 4 of the 30 samples at "
            + "temperature 0.70 are aperiodic by YIN's voicing rule (no dip below its "
            + "threshold in over half of their loud frames), all asked for at or below MIDI "
            + "44. Of the real test notes in the octaves up to MIDI 44, 4 of 10 are periodic.",
        OctaveConclusion.describe(scores, octaves, 0.7, WINDOW));
  }

  @Test
  void aSingleAperiodicLowFailureIsNamedInTheSingular() {
    List<SampleScore> scores = new ArrayList<>(samples(1, 30, 0.7, 'u'));
    scores.addAll(samples(2, 50, 0.7, 'r'));
    List<OctaveAccuracy> octaves = PitchByOctave.group(scores, List.of(0.7), Map.of());
    assertEquals(
        "The 1 sample outside ±50 cents at temperature 0.70 is aperiodic and was asked "
            + "for below MIDI 48 (at MIDI 30); from MIDI 48 (C3) up, every octave has at "
            + "least 95.0 % of its samples within the window (100.0 % of 2), below it 0.0 % "
            + "of 1. 1 of the 3 samples at temperature 0.70 is aperiodic by YIN's voicing "
            + "rule (no dip below its threshold in over half of its loud frames), asked for "
            + "at MIDI 30.",
        OctaveConclusion.describe(scores, octaves, 0.7, WINDOW));
  }

  @Test
  void theSentenceSaysSoWhenNothingFailsEveryOctaveIsGoodOrNoneIs() {
    List<SampleScore> allRight = samples(4, 40, 0.5, 'r');
    assertEquals(
        "All 4 samples at temperature 0.50 are within ±50 cents.",
        OctaveConclusion.describe(
            allRight, PitchByOctave.group(allRight, List.of(0.5), Map.of()), 0.5, WINDOW));

    List<SampleScore> good = new ArrayList<>(samples(20, 40, 0.5, 'r'));
    good.addAll(samples(1, 41, 0.5, 'u'));
    assertEquals(
        "At temperature 0.50 every octave has at least 95.0 % of its samples within ±50"
            + " cents (aperiodic: 1 of the 1 samples outside the window). 1 of the 21 samples"
            + " at temperature 0.50 is aperiodic by YIN's voicing rule (no dip below its "
            + "threshold in over half of its loud frames), asked for at MIDI 41.",
        OctaveConclusion.describe(
            good, PitchByOctave.group(good, List.of(0.5), Map.of()), 0.5, WINDOW));

    List<SampleScore> bad = new ArrayList<>(samples(1, 40, 0.5, 'r'));
    bad.addAll(samples(1, 80, 0.5, 'w'));
    List<OctaveAccuracy> octaves = PitchByOctave.group(bad, List.of(0.5), Map.of());
    assertEquals(-1, OctaveConclusion.goodFrom(octaves, 0.5));
    assertEquals(
        "At temperature 0.50 not even the highest octave has 95.0 % of its samples within ±50"
            + " cents (aperiodic: 0 of the 1 samples outside the window).",
        OctaveConclusion.describe(bad, octaves, 0.5, WINDOW));
  }

  @Test
  void breathySamplesAtTheRightPitchAreCountedApartFromTheMisses() {
    List<SampleScore> scores = new ArrayList<>(samples(2, 38, 0.7, 'b'));
    scores.addAll(samples(1, 40, 0.7, 'u'));
    scores.addAll(samples(3, 60, 0.7, 'r'));
    List<OctaveAccuracy> octaves =
        PitchByOctave.group(
            scores, List.of(0.7), Map.of(36, new PitchByOctave.RealCount(20, 20, 19)));
    assertEquals(new OctaveAccuracy.Temperature(0.7, 3, 2, 3, 2 / 3.0), octaves.get(0).at(0.7));
    assertEquals(
        "The 1 sample outside ±50 cents at temperature 0.70 is aperiodic and was asked "
            + "for below MIDI 60 (at MIDI 40); from MIDI 60 (C4) up, every octave has at "
            + "least 95.0 % of its samples within the window (100.0 % of 3), below it 66.7 % "
            + "of 3. On real test notes below MIDI 60 the same judge finds the labelled pitch in 100.0 %"
            + " (20 of 20): the shortfall there is the samples', not the pitch judge's. 3 of "
            + "the 6 samples at temperature 0.70 are aperiodic by YIN's voicing rule (no dip "
            + "below its threshold in over half of their loud frames), all asked for at or "
            + "below MIDI 40; the judge still finds the requested pitch within ±50 cents in 2 of "
            + "them (breathy but pitched). Of the real test notes in the octaves up to MIDI "
            + "40, 19 of 20 are periodic.",
        OctaveConclusion.describe(scores, octaves, 0.7, WINDOW));
  }
}
