package timbreflow.trainer.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.NoteExample;
import timbreflow.trainer.data.NoteSet;
import timbreflow.trainer.data.NsynthReader;

/**
 * {@code inspect}: read an NSynth-format split, validate it and print what was kept and skipped.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Read an NSynth jsonwav split (examples.json + audio/), check every entry and WAV, and"
            + " print kept notes by family and skipped notes by reason.")
final class InspectCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "split folder (e.g. nsynth-valid or data/fluid/train)")
  Path split;

  @Mixin ReaderOptions reader;

  @Option(names = "--no-audio-check", description = "skip reading the WAVs (entries only)")
  boolean noAudioCheck;

  @Option(
      names = "--pitch-check",
      description =
          "also estimate each note's pitch and count notes with no pitch near the label"
              + " (noise-only) or more than a semitone off")
  boolean pitchCheck;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "threads (default ${DEFAULT-VALUE})")
  int threads;

  @Override
  public Integer call() {
    NoteSet notes;
    try (ProgressBar bar = new ProgressBar("check")) {
      NsynthReader nsynth = new NsynthReader(reader.filter(), !noAudioCheck, threads, bar);
      notes = (pitchCheck ? nsynth.withPitchCheck() : nsynth).read(split);
    }
    Map<InstrumentFamily, Integer> byFamily = new EnumMap<>(InstrumentFamily.class);
    for (NoteExample n : notes.notes()) {
      byFamily.merge(n.family(), 1, Integer::sum);
    }
    System.out.println(split + ": " + notes.report().summary());
    byFamily.forEach((f, n) -> System.out.printf("  %-10s %d%n", f.label(), n));
    System.out.println("fingerprint " + notes.fingerprint());
    return 0;
  }
}
