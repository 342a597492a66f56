package timbreflow.trainer.report;

import java.nio.file.Path;
import java.util.List;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.NoteExample;

/**
 * The notes of one split as the report reads them: metadata, features from the split's feature
 * cache ({@code [513][251]}, float16 on disk) and the note's own WAV for audio work.
 */
public final class ReportNotes {

  private final FeatureCache cache;
  private final Path splitDir;

  /**
   * @param cache the split's feature cache
   * @param splitDir the split folder that holds {@code audio/<note_str>.wav}
   */
  public ReportNotes(FeatureCache cache, Path splitDir) {
    if (cache.size() == 0) {
      throw new TrainerException(
          Reason.INVALID_DATASET, "expected notes in " + splitDir + ", found none usable");
    }
    this.cache = cache;
    this.splitDir = splitDir;
  }

  /** Number of notes. */
  public int size() {
    return cache.size();
  }

  /** The {@code i}-th note's metadata. */
  public NoteExample note(int i) {
    return cache.note(i);
  }

  /** Every note's metadata, in {@code note_str} order. */
  public List<NoteExample> notes() {
    return cache.notes();
  }

  /** The {@code i}-th note's cached features, {@code [bins][frames]}. */
  public Features features(int i) {
    return cache.features(i);
  }

  /** The split folder. */
  public Path splitDir() {
    return splitDir;
  }

  /** The {@code i}-th note's audio at the model's rate and length (16 kHz, 64 000 samples). */
  public Waveform audio(int i) {
    Path wav = splitDir.resolve("audio").resolve(note(i).noteStr() + ".wav");
    try {
      return NoteLength.toModelNote(WavReader.read(wav), StftConfig.DEFAULT);
    } catch (TimbreflowException e) {
      throw new TrainerException(
          Reason.INVALID_DATASET, "cannot read " + wav + ": " + e.getMessage(), e);
    }
  }
}
