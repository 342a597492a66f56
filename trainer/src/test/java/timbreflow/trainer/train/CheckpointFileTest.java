package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.trainer.TrainerException;

class CheckpointFileTest {

  @TempDir Path dir;

  private static byte[] payload(int length) {
    byte[] bytes = new byte[length];
    new SplittableRandom(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void writeThenReadGivesThePayloadBackAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a.ckpt");
    byte[] payload = payload(1000);
    CheckpointFile.write(file, payload);
    assertArrayEquals(payload, CheckpointFile.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void truncatedFileIsReportedWithExpectedAndFoundBytes() throws IOException {
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.write(file, payload(1000));
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 300));
    TrainerException e = assertThrows(TrainerException.class, () -> CheckpointFile.read(file));
    assertEquals(TrainerException.Reason.CORRUPT_CHECKPOINT, e.reason());
    assertEquals(
        "checkpoint " + file + " is corrupt: expected 1000 bytes of payload, found 700 (truncated)",
        e.getMessage());
  }

  @Test
  void fileCutInsideTheHeaderIsReported() throws IOException {
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.write(file, payload(10));
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 5));
    TrainerException e = assertThrows(TrainerException.class, () -> CheckpointFile.read(file));
    assertTrue(e.getMessage().contains("expected a 24-byte header, found 5 bytes"), e.getMessage());
  }

  @Test
  void flippedPayloadBitIsACrcMismatch() throws IOException {
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.write(file, payload(1000));
    byte[] all = Files.readAllBytes(file);
    all[500] ^= 0x10;
    Files.write(file, all);
    TrainerException e = assertThrows(TrainerException.class, () -> CheckpointFile.read(file));
    assertEquals(TrainerException.Reason.CORRUPT_CHECKPOINT, e.reason());
    assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
  }

  @Test
  void foreignFileIsNotACheckpoint() throws IOException {
    Path file = dir.resolve("a.ckpt");
    Files.write(file, payload(100));
    TrainerException e = assertThrows(TrainerException.class, () -> CheckpointFile.read(file));
    assertTrue(e.getMessage().contains("expected magic TFLOWCKP"), e.getMessage());
  }
}
