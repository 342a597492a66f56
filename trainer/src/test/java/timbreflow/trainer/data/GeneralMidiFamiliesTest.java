package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import timbreflow.trainer.TrainerException;

class GeneralMidiFamiliesTest {

  @Test
  void everyOneOf128ProgramsIsEitherMappedOrExcludedWithAReason() {
    assertEquals(128, GeneralMidiFamilies.all().size());
    for (int p = 0; p < 128; p++) {
      ProgramClass c = GeneralMidiFamilies.of(p);
      assertEquals(p, c.program());
      assertFalse(c.gmName().isBlank());
      assertNotEquals(c.mapped(), c.exclusion().isPresent(), "program " + p);
      assertEquals(c.family().isPresent(), c.source().isPresent(), "program " + p);
    }
  }

  @Test
  void everyNsynthFamilyHasAtLeastOneProgram() {
    Set<InstrumentFamily> seen = EnumSet.noneOf(InstrumentFamily.class);
    int mapped = 0;
    for (ProgramClass c : GeneralMidiFamilies.all()) {
      c.family().ifPresent(seen::add);
      mapped += c.mapped() ? 1 : 0;
    }
    assertEquals(EnumSet.allOf(InstrumentFamily.class), seen);
    assertEquals(96, mapped);
  }

  @Test
  void representativeProgramsLandInTheirNsynthFamilyAndSource() {
    assertMapped(0, InstrumentFamily.KEYBOARD, InstrumentSource.ACOUSTIC);
    assertMapped(4, InstrumentFamily.KEYBOARD, InstrumentSource.ELECTRONIC);
    assertMapped(12, InstrumentFamily.MALLET, InstrumentSource.ACOUSTIC);
    assertMapped(16, InstrumentFamily.ORGAN, InstrumentSource.ELECTRONIC);
    assertMapped(19, InstrumentFamily.ORGAN, InstrumentSource.ACOUSTIC);
    assertMapped(24, InstrumentFamily.GUITAR, InstrumentSource.ACOUSTIC);
    assertMapped(30, InstrumentFamily.GUITAR, InstrumentSource.ELECTRONIC);
    assertMapped(32, InstrumentFamily.BASS, InstrumentSource.ACOUSTIC);
    assertMapped(38, InstrumentFamily.BASS, InstrumentSource.SYNTHETIC);
    assertMapped(40, InstrumentFamily.STRING, InstrumentSource.ACOUSTIC);
    assertMapped(52, InstrumentFamily.VOCAL, InstrumentSource.ACOUSTIC);
    assertMapped(56, InstrumentFamily.BRASS, InstrumentSource.ACOUSTIC);
    assertMapped(62, InstrumentFamily.BRASS, InstrumentSource.SYNTHETIC);
    assertMapped(65, InstrumentFamily.REED, InstrumentSource.ACOUSTIC);
    assertMapped(73, InstrumentFamily.FLUTE, InstrumentSource.ACOUSTIC);
    assertMapped(81, InstrumentFamily.SYNTH_LEAD, InstrumentSource.SYNTHETIC);
    for (int excluded : new int[] {47, 55, 88, 95, 96, 113, 115, 118, 120, 127}) {
      assertFalse(GeneralMidiFamilies.of(excluded).mapped(), "program " + excluded);
    }
  }

  @Test
  void aProgramOutside0To127IsRejectedWithItsValue() {
    TrainerException e = assertThrows(TrainerException.class, () -> GeneralMidiFamilies.of(128));
    assertTrue(e.getMessage().contains("128"));
  }

  @Test
  void familyAndSourceLabelsAndIndicesFollowNsynth() {
    assertEquals(0, InstrumentFamily.BASS.index());
    assertEquals(10, InstrumentFamily.VOCAL.index());
    assertEquals("synth_lead", InstrumentFamily.SYNTH_LEAD.label());
    assertEquals(InstrumentFamily.SYNTH_LEAD, InstrumentFamily.ofLabel("synth_lead").orElseThrow());
    assertTrue(InstrumentFamily.ofIndex(11).isEmpty());
    assertEquals(2, InstrumentSource.SYNTHETIC.index());
    assertEquals(
        "brass_acoustic_003",
        NoteExample.instrumentStr(InstrumentFamily.BRASS, InstrumentSource.ACOUSTIC, 3));
    assertEquals("brass_acoustic_003-060-100", NoteExample.noteStr("brass_acoustic_003", 60, 100));
  }

  private static void assertMapped(int program, InstrumentFamily family, InstrumentSource source) {
    ProgramClass c = GeneralMidiFamilies.of(program);
    assertEquals(family, c.family().orElseThrow(), "program " + program);
    assertEquals(source, c.source().orElseThrow(), "program " + program);
  }
}
