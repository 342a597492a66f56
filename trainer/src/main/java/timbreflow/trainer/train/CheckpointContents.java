package timbreflow.trainer.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The three sections of a checkpoint's payload, each length-prefixed: metadata (UTF-8 JSON), the
 * model's parameters (DJL's {@code Block.saveParameters} stream, exact float bits) and the
 * optimiser state ({@link AdamOptimizer#save}).
 *
 * @param metadata where training stood
 * @param parameters the block's saved parameters
 * @param optimizerState Adam's update count and moments
 */
public record CheckpointContents(
    CheckpointMetadata metadata, byte[] parameters, byte[] optimizerState) {

  /** The payload bytes, to be framed by {@link CheckpointFile#write}. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeSection(out, metadata.toJson().getBytes(StandardCharsets.UTF_8));
      writeSection(out, parameters);
      writeSection(out, optimizerState);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads and checks the checkpoint file at {@code path}. */
  public static CheckpointContents read(Path path) {
    byte[] payload = CheckpointFile.read(path);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      String json = new String(readSection(in, path, "metadata"), StandardCharsets.UTF_8);
      byte[] parameters = readSection(in, path, "parameters");
      byte[] optimizer = readSection(in, path, "optimizer state");
      return new CheckpointContents(CheckpointMetadata.fromJson(json), parameters, optimizer);
    } catch (IOException e) {
      throw CheckpointFile.corrupt(path, "payload sections end early: " + e.getMessage());
    }
  }

  /** Writes this checkpoint atomically to {@code path}. */
  public void write(Path path) {
    CheckpointFile.write(path, encode());
  }

  private static void writeSection(DataOutputStream out, byte[] section) throws IOException {
    out.writeInt(section.length);
    out.write(section);
  }

  private static byte[] readSection(DataInputStream in, Path path, String name) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw CheckpointFile.corrupt(
          path,
          "section "
              + name
              + ": expected "
              + length
              + " bytes, found "
              + in.available()
              + " left in the payload");
    }
    byte[] section = new byte[length];
    in.readFully(section);
    return section;
  }
}
