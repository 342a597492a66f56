package timbreflow.runtime.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;

class ConditionTest {

  @Test
  void aNoteOfOneInstrumentIsAnIntegerPitchAndAOneHotFamily() {
    Condition c = Condition.of(48, 6, 11);
    assertEquals(48.0, c.pitch());
    assertEquals(6, c.family());
    assertEquals(1f, c.familyWeights()[6]);
    assertEquals(11, c.families());
  }

  @Test
  void mixingTwoConditionsMixesPitchAndFamilyWeights() {
    Condition bass = Condition.of(40, 0, 11);
    Condition organ = Condition.of(60, 6, 11);
    Condition mid = bass.mix(organ, 0.25);
    assertEquals(45.0, mid.pitch(), 1e-12);
    assertEquals(0.75f, mid.familyWeights()[0], 1e-6);
    assertEquals(0.25f, mid.familyWeights()[6], 1e-6);
    assertEquals(0, mid.family());
    assertEquals(bass, bass.mix(organ, 0));
    assertArrayEquals(organ.familyWeights(), bass.mix(organ, 1).familyWeights());
  }

  @Test
  void weightsThatAreNotAMixtureAreRefusedWithWhatWasFound() {
    TimbreflowException e =
        assertThrows(TimbreflowException.class, () -> new Condition(60, new float[] {0.5f, 0.2f}));
    assertTrue(e.getMessage().contains("summing to 1"), e.getMessage());
    assertThrows(TimbreflowException.class, () -> new Condition(60, new float[] {1.5f, -0.5f}));
    assertThrows(TimbreflowException.class, () -> new Condition(Double.NaN, new float[] {1f}));
    TimbreflowException f = assertThrows(TimbreflowException.class, () -> Condition.of(60, 11, 11));
    assertTrue(f.getMessage().contains("0..10"), f.getMessage());
  }
}
