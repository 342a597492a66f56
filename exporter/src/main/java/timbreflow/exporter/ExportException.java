package timbreflow.exporter;

/**
 * The one exception that crosses the exporter's boundary; its {@link Reason} maps to the CLI's exit
 * code, its message says what was expected and what was found.
 */
public final class ExportException extends RuntimeException {

  /** Why an export failed. */
  public enum Reason {
    /** The checkpoint is missing, unreadable or not a flow checkpoint. */
    INVALID_CHECKPOINT,
    /** The validation data for the parity gate is missing or unusable. */
    INVALID_DATA,
    /** An option outside its documented range (opset, layout, paths). */
    INVALID_ARGUMENT,
    /** The flow has a shape or setting the graph builders cannot express. */
    UNSUPPORTED_MODEL,
    /** ONNX Runtime disagrees with DJL beyond the tolerances: nothing is published. */
    PARITY_FAILED,
    /** An independent checker (onnx.checker) rejected a graph. */
    VALIDATION_FAILED,
    /** Reading or writing files failed. */
    IO
  }

  private final Reason reason;

  public ExportException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ExportException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The category of this failure. */
  public Reason reason() {
    return reason;
  }
}
