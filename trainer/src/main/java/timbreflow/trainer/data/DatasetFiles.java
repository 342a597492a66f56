package timbreflow.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Dataset files written through the runtime's {@link AtomicFiles}: the target's folder is created
 * when missing and failures are {@link TrainerException}s.
 */
final class DatasetFiles {

  private DatasetFiles() {}

  /** Writes {@code bytes} to {@code target} atomically. */
  static void write(Path target, byte[] bytes) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      AtomicFiles.write(target, bytes);
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not write " + target + ": " + e, e);
    }
  }

  /** A fresh temporary file next to {@code target} (same folder, so the rename stays atomic). */
  static Path temporarySibling(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      return AtomicFiles.temporarySibling(target);
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not create a file in " + dir + ": " + e, e);
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  static void move(Path from, Path to) throws IOException {
    AtomicFiles.move(from, to);
  }
}
