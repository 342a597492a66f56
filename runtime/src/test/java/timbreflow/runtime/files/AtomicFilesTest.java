package timbreflow.runtime.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class AtomicFilesTest {

  @TempDir Path dir;

  /**
   * The mode any new file gets here (0666 less the umask); skips where that is owner-only anyway,
   * since the test could not tell a private temporary from a published file there.
   */
  public static Set<PosixFilePermission> modeOfANewFile(Path dir, String name) throws IOException {
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
    Path reference = Files.createFile(dir.resolve(name));
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(reference);
    Files.delete(reference);
    assumeTrue(
        mode.contains(PosixFilePermission.GROUP_READ)
            || mode.contains(PosixFilePermission.OTHERS_READ),
        "the umask makes every new file owner-only: " + mode);
    return mode;
  }

  @Test
  void aWrittenFileHasItsBytesAndTheModeOfAnyNewFile() throws IOException {
    Set<PosixFilePermission> expected = modeOfANewFile(dir, "reference");
    Path target = Files.createDirectory(dir.resolve("sub")).resolve("report.json");
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    AtomicFiles.write(target, new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
    assertEquals(expected, Files.getPosixFilePermissions(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "no temporary left behind");
    }
  }

  @Test
  void aStagedFolderHasTheModeOfAnyNewFolder() throws IOException {
    modeOfANewFile(dir, "reference");
    Path reference = Files.createDirectory(dir.resolve("reference-folder"));
    Path staging = AtomicFiles.temporaryDirectorySibling(dir.resolve("bundle"), "staging");
    assertTrue(staging.getFileName().toString().startsWith(".bundle.staging-"), staging.toString());
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(staging));
  }

  @Test
  void aFailedWriteLeavesTheTargetAndNoTemporary() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectories(target.resolve("not-empty"));
    assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
    assertTrue(Files.isDirectory(target.resolve("not-empty")));
  }
}
