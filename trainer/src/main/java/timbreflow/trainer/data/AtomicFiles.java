package timbreflow.trainer.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Writes files through a temporary sibling and an atomic rename, so readers never see half a file.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically. */
  static void write(Path target, byte[] bytes) {
    Path tmp = temporarySibling(target);
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp, e);
      throw new TrainerException(Reason.IO, "could not write " + target + ": " + e, e);
    }
  }

  /** A fresh temporary path next to {@code target} (same folder, so the rename stays atomic). */
  static Path temporarySibling(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not create a file in " + dir + ": " + e, e);
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename " + from + " atomically", e);
    }
  }

  private static void deleteQuietly(Path tmp, IOException primary) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}
