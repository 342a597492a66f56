package timbreflow.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.DatasetRenderer;
import timbreflow.trainer.data.InstrumentFamily;
import timbreflow.trainer.data.RenderConfig;
import timbreflow.trainer.data.RenderPlan;
import timbreflow.trainer.data.RenderReport;
import timbreflow.trainer.data.SoundFontLibrary;
import timbreflow.trainer.data.SplitMode;

/** {@code render}: an NSynth-format dataset from a SoundFont. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render an NSynth-format dataset (train/valid/test, examples.json + audio/*.wav, 16 kHz,"
          + " 4 s notes: 3 s held, 1 s release) from a SoundFont with the JDK's synthesizer.",
      "Rerunning with the same options is cheap: a complete dataset is detected, an interrupted"
          + " one resumed."
    })
final class RenderCommand implements Callable<Integer> {

  @Option(
      names = "--soundfont",
      description = "SF2 sample library (default: ${DEFAULT-VALUE})",
      defaultValue = "/usr/share/sounds/sf2/FluidR3_GM.sf2")
  Path soundFont;

  @Option(names = "--out", required = true, description = "dataset folder to create")
  Path out;

  @Option(
      names = "--programs",
      split = ",",
      description = "General MIDI programs 0-127 or ranges (e.g. 0-7,40,56-63); default all mapped")
  List<String> programs = new ArrayList<>();

  @Option(
      names = "--families",
      split = ",",
      description = "NSynth families to render (e.g. bass,brass,synth_lead); default all 11")
  List<String> families = new ArrayList<>();

  @Option(
      names = "--pitches",
      defaultValue = "21-108",
      description =
          "MIDI pitch range, clipped per instrument to its keys (default ${DEFAULT-VALUE})")
  String pitches;

  @Option(
      names = "--velocities",
      split = ",",
      defaultValue = "25,50,75,100,127",
      description = "MIDI velocities (default ${DEFAULT-VALUE})")
  List<Integer> velocities;

  @Option(
      names = "--split",
      defaultValue = "INSTRUMENTS",
      description =
          "INSTRUMENTS: valid/test instruments unseen in train (NSynth); NOTES: same instruments,"
              + " unseen pitch/velocity (default ${DEFAULT-VALUE})")
  SplitMode split;

  @Option(
      names = "--held-out",
      defaultValue = "0.2",
      description = "share of instruments (or notes) for valid + test (default ${DEFAULT-VALUE})")
  double heldOut;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "split seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--silence-dbfs",
      defaultValue = "-60",
      description = "drop notes whose peak is below this level (default ${DEFAULT-VALUE} dBFS)")
  double silenceDbfs;

  @Option(
      names = "--drop-off-pitch",
      description =
          "also drop notes whose estimated pitch is missing or more than a semitone off the MIDI"
              + " pitch (presets stretched beyond their range; costs a pitch estimate per note)")
  boolean dropOffPitch;

  @Option(
      names = "--threads",
      description = "render threads, parallel across instruments (default: all cores)")
  Integer threads;

  @Option(
      names = "--dry-run",
      description = "print the plan (instruments, notes, estimated size) and render nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    RenderConfig.Builder builder =
        RenderConfig.builder()
            .setSoundFont(soundFont)
            .setOutput(out)
            .optPitchRange(range(pitches)[0], range(pitches)[1])
            .optVelocities(velocities)
            .optSplitMode(split)
            .optHeldOutFraction(heldOut)
            .optSeed(seed)
            .optSilenceDbfs(silenceDbfs)
            .optDropOffPitch(dropOffPitch);
    if (!programs.isEmpty()) {
      builder.optPrograms(programSet(programs));
    }
    if (!families.isEmpty()) {
      builder.optFamilies(familySet(families));
    }
    if (threads != null) {
      builder.optThreads(threads);
    }
    if (dryRun) {
      RenderConfig config = builder.build();
      RenderPlan plan = RenderPlan.of(config, SoundFontLibrary.load(config.soundFont()));
      long notes = plan.notes();
      System.out.printf(
          Locale.ROOT,
          "%d instruments, %d notes to render (%d outside the presets' key ranges),"
              + " ~%.0f MB of 16-bit WAV, %.0f minutes of audio; excluded programs %s, missing %s%n",
          plan.instruments().size(),
          notes,
          plan.outsideKeyRange(),
          notes * (44 + 2.0 * 64_000) / 1e6,
          notes * 4 / 60.0,
          plan.excluded().keySet(),
          plan.missing());
      return 0;
    }
    RenderReport report;
    try (ProgressBar bar = new ProgressBar("render")) {
      report = new DatasetRenderer(builder.build(), bar).render();
    }
    System.out.println(report.summary());
    return 0;
  }

  static int[] range(String text) {
    String[] parts = text.trim().split("-", -1);
    try {
      int low = Integer.parseInt(parts[0].trim());
      int high = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : low;
      if (parts.length > 2) {
        throw new NumberFormatException("more than one '-'");
      }
      return new int[] {low, high};
    } catch (NumberFormatException e) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected a number or a range like 21-108, found '" + text + "'",
          e);
    }
  }

  static Set<Integer> programSet(List<String> specs) {
    Set<Integer> set = new TreeSet<>();
    for (String spec : specs) {
      int[] r = range(spec);
      for (int p = r[0]; p <= r[1]; p++) {
        set.add(p);
      }
    }
    return set;
  }

  static Set<InstrumentFamily> familySet(List<String> labels) {
    Set<InstrumentFamily> set = EnumSet.noneOf(InstrumentFamily.class);
    for (String label : labels) {
      set.add(
          InstrumentFamily.ofLabel(label)
              .orElseThrow(
                  () ->
                      new TrainerException(
                          Reason.INVALID_CONFIG,
                          "expected an NSynth family (bass, brass, flute, guitar, keyboard,"
                              + " mallet, organ, reed, string, synth_lead, vocal), found '"
                              + label
                              + "'")));
    }
    return set;
  }
}
