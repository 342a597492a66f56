package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

  private static List<RenderedInstrument> instruments() {
    List<RenderedInstrument> list = new ArrayList<>();
    for (int p = 0; p < 128; p++) {
      ProgramClass c = GeneralMidiFamilies.of(p);
      if (c.mapped()) {
        list.add(
            new RenderedInstrument(
                p,
                "i" + p,
                new SoundFontPreset(p, "p" + p, 0, 127, null),
                c.family().orElseThrow(),
                c.source().orElseThrow(),
                21,
                108));
      }
    }
    return list;
  }

  @Test
  void instrumentSplitKeepsTrainInstrumentsOutOfValidAndTest() {
    List<RenderedInstrument> all = instruments();
    SplitAssigner splits = new SplitAssigner(all, SplitMode.INSTRUMENTS, 0.2, 7);
    Map<Split, Set<Integer>> seen = new EnumMap<>(Split.class);
    for (RenderedInstrument i : all) {
      for (int pitch = 21; pitch <= 108; pitch++) {
        for (int v : RenderConfig.NSYNTH_VELOCITIES) {
          seen.computeIfAbsent(splits.split(i, pitch, v), s -> new HashSet<>()).add(i.id());
        }
      }
    }
    Set<Integer> heldOut = new HashSet<>(seen.get(Split.VALID));
    heldOut.addAll(seen.get(Split.TEST));
    for (int id : heldOut) {
      assertFalse(seen.get(Split.TRAIN).contains(id), "instrument " + id + " is in train too");
    }
    assertEquals(seen.get(Split.VALID), seen.get(Split.TEST));
    // every family with >= 2 instruments holds one out: 11 families here, 96 instruments
    assertTrue(heldOut.size() >= 11 && heldOut.size() <= 30, "held out " + heldOut.size());
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
    List<RenderedInstrument> all = instruments();
    SplitAssigner a = new SplitAssigner(all, SplitMode.INSTRUMENTS, 0.2, 1);
    SplitAssigner b = new SplitAssigner(all, SplitMode.INSTRUMENTS, 0.2, 1);
    SplitAssigner c = new SplitAssigner(all, SplitMode.INSTRUMENTS, 0.2, 2);
    boolean differs = false;
    for (RenderedInstrument i : all) {
      assertEquals(a.heldOut(i), b.heldOut(i));
      differs |= a.heldOut(i) != c.heldOut(i);
    }
    assertTrue(differs);
  }

  @Test
  void noteSplitPutsEveryInstrumentInTrainAndHoldsOutAboutTheFraction() {
    List<RenderedInstrument> all = instruments();
    SplitAssigner splits = new SplitAssigner(all, SplitMode.NOTES, 0.2, 3);
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    Set<Integer> inTrain = new HashSet<>();
    int total = 0;
    for (RenderedInstrument i : all) {
      for (int pitch = 21; pitch <= 108; pitch++) {
        for (int v : RenderConfig.NSYNTH_VELOCITIES) {
          Split s = splits.split(i, pitch, v);
          counts.merge(s, 1, Integer::sum);
          if (s == Split.TRAIN) {
            inTrain.add(i.id());
          }
          total++;
        }
      }
    }
    assertEquals(all.size(), inTrain.size());
    double valid = counts.get(Split.VALID) / (double) total;
    double test = counts.get(Split.TEST) / (double) total;
    assertEquals(0.1, valid, 0.01);
    assertEquals(0.1, test, 0.01);
  }
}
