package timbreflow.exporter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.data.NoteExample;
import timbreflow.trainer.data.NoteFilter;
import timbreflow.trainer.data.NoteSet;
import timbreflow.trainer.data.NsynthReader;

/**
 * Parity notes from a split in NSynth's jsonwav layout, read by the trainer's {@link NsynthReader}
 * (so bad entries are skipped and counted as in training) and spread over the instrument families
 * ({@link NoteSet#spreadOverFamilies}); their features come from the runtime's own WAV reader,
 * resampler and feature code, so the gate sees exactly what serving sees.
 */
public final class ValidationNotes {

  private ValidationNotes() {}

  /**
   * {@code limit} notes of the split, families taking turns, as whole-note features.
   *
   * @param split a directory holding {@code examples.json} and {@code audio/}
   * @throws ExportException {@code INVALID_DATA} when the split or a chosen note's audio cannot be
   *     read
   */
  public static List<ParityNote> load(Path split, int limit) {
    NoteSet set;
    try {
      set = new NsynthReader(NoteFilter.ALL, false, 1).read(split);
    } catch (TrainerException e) {
      throw new ExportException(
          ExportException.Reason.INVALID_DATA, "--data: " + e.getMessage(), e);
    }
    LogMagnitude features = new LogMagnitude(StftConfig.DEFAULT);
    List<ParityNote> notes = new ArrayList<>();
    for (NoteExample note : set.spreadOverFamilies(limit)) {
      Path wav = set.wav(note);
      try {
        Features f =
            features.features(
                NoteLength.toModelNote(WavReader.read(wav), StftConfig.DEFAULT).samples());
        notes.add(
            new ParityNote(
                note.noteStr(), f.values(), f.frames(), note.pitch(), note.family().index()));
      } catch (TimbreflowException e) {
        throw new ExportException(
            ExportException.Reason.INVALID_DATA, wav + ": " + e.getMessage(), e);
      }
    }
    return notes;
  }
}
