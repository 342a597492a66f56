package timbreflow.trainer.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.InstrumentSource;
import timbreflow.trainer.data.NoteFilter;

/** The NSynth reader's filter options, shared by {@code inspect} and {@code features}. */
final class ReaderOptions {

  @Option(names = "--families", split = ",", description = "keep these NSynth families")
  List<String> families = new ArrayList<>();

  @Option(names = "--sources", split = ",", description = "keep these sources (acoustic,...)")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--pitches",
      defaultValue = "0-127",
      description = "pitch range (default ${DEFAULT-VALUE})")
  String pitches;

  @Option(names = "--velocities", split = ",", description = "keep these velocities")
  List<Integer> velocities = new ArrayList<>();

  @Option(names = "--instruments", split = ",", description = "keep these instrument_str")
  List<String> instruments = new ArrayList<>();

  @Option(names = "--max-notes", defaultValue = "0", description = "at most N notes (0: all)")
  int maxNotes;

  NoteFilter filter() {
    int[] range = RenderCommand.range(pitches);
    Set<InstrumentSource> sourceSet = EnumSet.noneOf(InstrumentSource.class);
    for (String s : sources) {
      sourceSet.add(
          InstrumentSource.ofLabel(s)
              .orElseThrow(
                  () ->
                      new TrainerException(
                          Reason.INVALID_CONFIG,
                          "expected a source (acoustic, electronic, synthetic), found '"
                              + s
                              + "'")));
    }
    return NoteFilter.builder()
        .optFamilies(families.isEmpty() ? Set.of() : RenderCommand.familySet(families))
        .optSources(sourceSet)
        .optPitchRange(range[0], range[1])
        .optVelocities(new TreeSet<>(velocities))
        .optInstruments(new TreeSet<>(instruments))
        .optMaxNotes(maxNotes)
        .build();
  }
}
