package timbreflow.trainer.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import timbreflow.trainer.TrainerException;

/**
 * The on-disk frame of a checkpoint: a 24-byte header (magic {@code TFLOWCKP}, format version int,
 * payload length long, CRC-32 of the payload int, all big-endian) followed by the payload. Written
 * to a temporary file in the same folder, forced to disk, then atomically renamed, so a killed
 * process leaves either the old file or the new one, never half of one.
 */
public final class CheckpointFile {

  /** The first eight bytes of every checkpoint. */
  public static final byte[] MAGIC = "TFLOWCKP".getBytes(StandardCharsets.US_ASCII);

  /** The frame version this code writes and reads. */
  public static final int VERSION = 1;

  /** Bytes before the payload. */
  public static final int HEADER_BYTES = 24;

  /** Suffix of a checkpoint still being written. */
  public static final String TEMP_SUFFIX = ".tmp";

  private CheckpointFile() {}

  /**
   * Writes {@code payload} framed to {@code target} through a temporary file and an atomic rename.
   *
   * @throws TrainerException {@code IO} when the file cannot be written
   */
  public static void write(Path target, byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(VERSION).putLong(payload.length).putInt((int) crc.getValue()).flip();
    Path parent = target.toAbsolutePath().getParent();
    Path temp = parent.resolve(target.getFileName() + TEMP_SUFFIX);
    try {
      Files.createDirectories(parent);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        while (header.hasRemaining()) {
          channel.write(header);
        }
        ByteBuffer body = ByteBuffer.wrap(payload);
        while (body.hasRemaining()) {
          channel.write(body);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO,
          "cannot write checkpoint " + target + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Reads and checks the frame of {@code source} and returns its payload.
   *
   * @throws TrainerException {@code CORRUPT_CHECKPOINT} for a short, foreign or damaged file,
   *     {@code IO} when it cannot be read
   */
  public static byte[] read(Path source) {
    byte[] all;
    try {
      all = Files.readAllBytes(source);
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO,
          "cannot read checkpoint " + source + ": " + e.getMessage(),
          e);
    }
    if (all.length < HEADER_BYTES) {
      throw corrupt(
          source,
          "expected a " + HEADER_BYTES + "-byte header, found " + all.length + " bytes in all");
    }
    ByteBuffer header = ByteBuffer.wrap(all, 0, HEADER_BYTES);
    byte[] magic = new byte[MAGIC.length];
    header.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw corrupt(
          source,
          "expected magic TFLOWCKP, found "
              + new String(magic, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?")
              + " (not a timbreflow checkpoint)");
    }
    int version = header.getInt();
    if (version != VERSION) {
      throw corrupt(source, "expected format version " + VERSION + ", found " + version);
    }
    long expected = header.getLong();
    int storedCrc = header.getInt();
    long found = all.length - (long) HEADER_BYTES;
    if (expected != found) {
      throw corrupt(
          source,
          "expected "
              + expected
              + " bytes of payload, found "
              + found
              + (found < expected ? " (truncated)" : ""));
    }
    CRC32 crc = new CRC32();
    crc.update(all, HEADER_BYTES, all.length - HEADER_BYTES);
    if ((int) crc.getValue() != storedCrc) {
      throw corrupt(
          source,
          String.format(
              "CRC mismatch: header says %08x, payload has %08x", storedCrc, (int) crc.getValue()));
    }
    return Arrays.copyOfRange(all, HEADER_BYTES, all.length);
  }

  static TrainerException corrupt(Path source, String detail) {
    return new TrainerException(
        TrainerException.Reason.CORRUPT_CHECKPOINT,
        "checkpoint " + source + " is corrupt: " + detail);
  }
}
