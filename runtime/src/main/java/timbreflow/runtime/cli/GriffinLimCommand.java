package timbreflow.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.phase.GriffinLimResult;

/** {@code griffinlim IN.wav OUT.wav}: rebuilds a recording from its STFT magnitude alone. */
@Command(
    name = "griffinlim",
    mixinStandardHelpOptions = true,
    description =
        "Read IN (any WAV; resampled to 16 kHz mono), keep only its STFT magnitude, rebuild the"
            + " phase with fast Griffin-Lim and write OUT atomically.")
final class GriffinLimCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN.wav", description = "Input WAV file.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT.wav", description = "Output WAV file.")
  Path out;

  @Mixin ReconstructionOptions options;

  @Option(names = "--float", description = "Write 32-bit float samples instead of 16-bit PCM.")
  boolean floatOutput;

  @Override
  public Integer call() {
    Waveform wave = Reconstruction.atModelRate(WavReader.read(in));
    GriffinLimResult result = Reconstruction.run(wave, options, spec.commandLine().getErr());
    WavWriter.write(
        new Waveform(result.samples(), wave.sampleRate()),
        out,
        floatOutput ? WavEncoding.FLOAT_32 : WavEncoding.PCM_16);
    spec.commandLine()
        .getOut()
        .println(out + ": " + Reconstruction.summary(result, options.threads));
    return ExitCodes.OK;
  }
}
