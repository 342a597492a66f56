package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.dsp.StftConfig;

class NoteLengthTest {

  @Test
  void longerAudioIsClippedToItsStart() {
    Waveform w = new Waveform(new float[] {1, 2, 3, 4, 5}, 16_000);

    assertArrayEquals(new float[] {1, 2, 3}, NoteLength.fit(w, 3).samples());
  }

  @Test
  void shorterAudioIsZeroPaddedAtTheEnd() {
    Waveform w = new Waveform(new float[] {1, 2}, 8_000);
    Waveform fitted = NoteLength.fit(w, 4);

    assertArrayEquals(new float[] {1, 2, 0, 0}, fitted.samples());
    assertEquals(8_000, fitted.sampleRate());
  }

  @Test
  void audioOfTheRightLengthIsReturnedAsIs() {
    Waveform w = new Waveform(new float[7], 16_000);

    assertSame(w, NoteLength.fit(w, 7));
  }

  @Test
  void negativeLengthIsRefused() {
    assertThrows(
        TimbreflowException.class, () -> NoteLength.fit(new Waveform(new float[1], 16_000), -1));
  }

  @Test
  void modelNoteIsFourSecondsAtSixteenKilohertzFromAnyRate() {
    for (int rate : new int[] {8_000, 16_000, 22_050, 44_100, 48_000}) {
      Waveform note =
          NoteLength.toModelNote(new Waveform(new float[rate * 3], rate), StftConfig.DEFAULT);

      assertEquals(16_000, note.sampleRate());
      assertEquals(64_000, note.length());
    }
  }
}
