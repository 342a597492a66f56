package timbreflow.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/** SHA-256 fingerprints of bytes, files and labelled parts, as lower-case hex. */
public final class Fingerprints {

  private final MessageDigest digest = newDigest();

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Adds a labelled string (label and length are hashed too, so parts cannot run together). */
  public Fingerprints add(String label, String value) {
    return add(label, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a labelled file's bytes. */
  public Fingerprints addFile(String label, Path file) {
    try {
      return add(label, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not read " + file + ": " + e, e);
    }
  }

  /** Adds labelled bytes. */
  public Fingerprints add(String label, byte[] bytes) {
    digest.update((label + ":" + bytes.length + ":").getBytes(StandardCharsets.UTF_8));
    digest.update(bytes);
    return this;
  }

  /** The hex SHA-256 of everything added. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
