package timbreflow.exporter.cli;

import java.util.Locale;
import timbreflow.exporter.ExportException;
import timbreflow.exporter.bundle.Layout;

/** Option parsing shared by the commands. */
final class ExporterCommands {

  private ExporterCommands() {}

  /** {@code bundle} or {@code triton}. */
  static Layout layout(String value) {
    try {
      return Layout.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ExportException(
          ExportException.Reason.INVALID_ARGUMENT,
          "--layout: expected bundle or triton, found " + value,
          e);
    }
  }
}
