/**
 * The runtime's command line ({@code java -jar timbreflow-runtime-…-cli.jar}): Griffin-Lim
 * reconstruction of a WAV file, a self-contained demo, and the benchmark driver. Failures print one
 * line and exit with a code chosen by {@link timbreflow.runtime.cli.ExitCodes} from the {@link
 * timbreflow.runtime.TimbreflowException.Reason}.
 */
package timbreflow.runtime.cli;
