/**
 * The {@code timbreflow-trainer} command line: {@link timbreflow.trainer.cli.TrainerCli} and one
 * picocli subcommand class per command (render, inspect, features; train and evaluate), with a
 * stderr progress bar for long work.
 */
package timbreflow.trainer.cli;
