package timbreflow.exporter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The commit of the working directory's git checkout, for provenance. */
final class GitCommit {

  private GitCommit() {}

  /** {@code git rev-parse HEAD}, or {@code unknown} outside a checkout or without git. */
  static String current() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
      return "unknown";
    } catch (IOException e) {
      // no git on PATH: the provenance says so rather than failing the export
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
