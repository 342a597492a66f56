package timbreflow.exporter.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import timbreflow.exporter.ExportException;

/**
 * {@code timbreflow-exporter}: the {@code export} and {@code tiny} commands.
 *
 * <p>Exit codes: 0 published; 1 parity gate failed (nothing published); 2 bad option; 3 bad
 * checkpoint or data; 4 I/O or another failure.
 */
@Command(
    name = "timbreflow-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterCli.Version.class,
    description = "Exports a trained flow to ONNX graphs and proves them against DJL.",
    subcommands = {ExportCommand.class, TinyCommand.class})
public final class ExporterCli {

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return new CommandLine(new ExporterCli())
        .setExecutionExceptionHandler(ExporterCli::handle)
        .execute(args);
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println();
    err.println("export failed: " + e.getMessage());
    err.flush();
    if (e instanceof ExportException ex) {
      return switch (ex.reason()) {
        case PARITY_FAILED, VALIDATION_FAILED -> 1;
        case INVALID_ARGUMENT -> 2;
        case INVALID_CHECKPOINT, INVALID_DATA, UNSUPPORTED_MODEL -> 3;
        case IO -> 4;
      };
    }
    return 4;
  }

  /** The exporter's version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ExporterCli.class.getPackage().getImplementationVersion();
      return new String[] {"timbreflow-exporter " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
