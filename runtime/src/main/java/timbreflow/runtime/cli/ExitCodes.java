package timbreflow.runtime.cli;

import timbreflow.runtime.TimbreflowException.Reason;

/** The one place that maps failure reasons to process exit codes. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** Bad command line (picocli's usage errors use it too). */
  public static final int USAGE = 2;

  private ExitCodes() {}

  /** The exit code for a failure of the given reason. */
  public static int of(Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT -> USAGE;
      case MALFORMED_AUDIO, UNSUPPORTED_AUDIO -> 3;
      case IO -> 4;
      case INVALID_TENSOR, INVALID_MODEL -> 5;
      case CANCELLED -> 130;
    };
  }
}
