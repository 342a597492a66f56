package timbreflow.runtime.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files and folders through a temporary sibling and an atomic rename.
 *
 * <p>Temporaries are named {@code .<target name>.<random>.tmp} (folders {@code .<target
 * name>.<purpose>-<random>}) in the target's folder, so the rename never crosses file systems and a
 * leftover is easy to recognise. They are created like any new file, mode {@code 0666} (folders
 * {@code 0777}) less the process's umask: {@link Files#createTempFile} would make them {@code 0600}
 * ({@code 0700}), and the rename would publish a bundle, WAV or report that only its owner can
 * read.
 */
public final class AtomicFiles {

  private static final int ATTEMPTS = 100;

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically; a failed write leaves no temporary behind.
   *
   * @throws IOException also when the target's folder does not exist
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path temp = temporarySibling(target);
    try {
      Files.write(temp, bytes);
      move(temp, target);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** A new empty file beside {@code target}, to write and then {@link #move} over it. */
  public static Path temporarySibling(Path target) throws IOException {
    Path folder = folderOf(target);
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(
            folder.resolve("." + target.getFileName() + "." + randomPart() + ".tmp"));
      } catch (FileAlreadyExistsException taken) {
        if (attempt == ATTEMPTS) {
          throw taken;
        }
      }
    }
  }

  /**
   * A new empty folder beside {@code target} (e.g. a bundle being staged), named for its {@code
   * purpose}.
   */
  public static Path temporaryDirectorySibling(Path target, String purpose) throws IOException {
    Path folder = folderOf(target);
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createDirectory(
            folder.resolve("." + target.getFileName() + "." + purpose + "-" + randomPart()));
      } catch (FileAlreadyExistsException taken) {
        if (attempt == ATTEMPTS) {
          throw taken;
        }
      }
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically, replacing a file {@code to} (or an empty
   * folder).
   *
   * @throws IOException also when the file system cannot rename atomically
   */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system cannot rename " + from + " to " + to + " atomically", e);
    }
  }

  private static Path folderOf(Path target) {
    return target.toAbsolutePath().getParent();
  }

  private static String randomPart() {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }
}
