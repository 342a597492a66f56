package timbreflow.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import timbreflow.trainer.TrainerException;

/** {@code timbreflow-trainer}: datasets, training and evaluation from the command line. */
@Command(
    name = "timbreflow-trainer",
    mixinStandardHelpOptions = true,
    version = "timbreflow-trainer 0.1.0",
    description = "Render and read NSynth-format datasets, train and evaluate the flow.",
    subcommands = {
      RenderCommand.class,
      InspectCommand.class,
      FeaturesCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
    })
public final class TrainerCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (2 for usage, 1 for a trainer failure). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new TrainerCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof TrainerException te) {
            commandLine
                .getErr()
                .println("timbreflow-trainer: " + te.reason() + ": " + te.getMessage());
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
