package timbreflow.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.phase.GriffinLimResult;

/** {@code demo}: reconstructs a synthesised (or given) 4-s note, no files needed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Synthesise a deterministic 4-s harmonic note (or read --in), drop its phase, rebuild it"
            + " with fast Griffin-Lim and write the result.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--in", paramLabel = "WAV", description = "Use this note instead (4 s are kept).")
  Path in;

  @Option(
      names = "--out",
      paramLabel = "WAV",
      defaultValue = "demo-out.wav",
      description = "Where to write the reconstruction (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--note-out",
      paramLabel = "WAV",
      description = "Also write the input note (16-bit PCM, 16 kHz) here.")
  Path noteOut;

  @Mixin ReconstructionOptions options;

  @Override
  public Integer call() {
    StftConfig config = StftConfig.DEFAULT;
    Waveform note =
        in == null
            ? DemoNote.synthesise(config.sampleRate(), config.noteSamples())
            : NoteLength.toModelNote(WavReader.read(in), config);
    if (noteOut != null) {
      WavWriter.write(note, noteOut, WavEncoding.PCM_16);
    }
    GriffinLimResult result = Reconstruction.run(note, options, spec.commandLine().getErr());
    WavWriter.write(new Waveform(result.samples(), note.sampleRate()), out, WavEncoding.PCM_16);
    spec.commandLine()
        .getOut()
        .println(
            "demo: "
                + (in == null ? "synthesised 220 Hz note" : in.toString())
                + " -> "
                + out
                + ": "
                + Reconstruction.summary(result, options.threads));
    return ExitCodes.OK;
  }
}
