package timbreflow.runtime.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import timbreflow.runtime.TimbreflowException;

/** {@code timbreflow-runtime}: Griffin-Lim reconstruction, the demo and the benchmark driver. */
@Command(
    name = "timbreflow-runtime",
    mixinStandardHelpOptions = true,
    version = "timbreflow-runtime 0.1.0",
    description = "Audio and DSP tools of the timbreflow runtime.",
    subcommands = {GriffinLimCommand.class, DemoCommand.class, BenchCommand.class})
public final class RuntimeCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line and returns its exit code: 0, 2 for usage errors, otherwise {@link
   * ExitCodes#of} the failure's reason; failures print one line on {@code err}.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RuntimeCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof TimbreflowException te) {
            err.println("timbreflow-runtime: " + te.reason() + ": " + te.getMessage());
            err.flush();
            return ExitCodes.of(te.reason());
          }
          err.println("timbreflow-runtime: internal error: " + e);
          err.flush();
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
