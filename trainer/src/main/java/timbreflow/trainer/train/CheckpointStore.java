package timbreflow.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import timbreflow.trainer.TrainerException;

/**
 * The checkpoints of one run: {@code <run>/checkpoints/step-00000123.ckpt}, newest last, at most
 * {@code keep} of them. Leftover temporary files of a killed writer are removed on open.
 */
public final class CheckpointStore {

  private static final Pattern NAME = Pattern.compile("step-(\\d{8,})\\.ckpt");

  private final Path folder;
  private final int keep;

  /**
   * Opens (and creates) the checkpoint folder of {@code runDirectory}.
   *
   * @param keep how many of the newest checkpoints survive each save
   */
  public CheckpointStore(Path runDirectory, int keep) {
    this.folder = runDirectory.resolve("checkpoints");
    this.keep = keep;
    try {
      Files.createDirectories(folder);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          if (file.getFileName().toString().endsWith(CheckpointFile.TEMP_SUFFIX)) {
            Files.delete(file);
          }
        }
      }
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO,
          "cannot open checkpoint folder " + folder + ": " + e.getMessage(),
          e);
    }
  }

  /** The file a checkpoint of {@code step} goes to. */
  public Path pathFor(long step) {
    return folder.resolve(String.format("step-%08d.ckpt", step));
  }

  /** Writes {@code contents} atomically as the checkpoint of its step, then drops the oldest. */
  public Path save(CheckpointContents contents) {
    Path target = pathFor(contents.metadata().step());
    contents.write(target);
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      try {
        Files.deleteIfExists(all.get(i));
      } catch (IOException e) {
        throw new TrainerException(
            TrainerException.Reason.IO,
            "cannot delete old checkpoint " + all.get(i) + ": " + e.getMessage(),
            e);
      }
    }
    return target;
  }

  /** The newest checkpoint, if any. */
  public Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every checkpoint, oldest first. */
  public List<Path> list() {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = new ArrayList<>();
      for (Path file : files.toList()) {
        if (NAME.matcher(file.getFileName().toString()).matches()) {
          found.add(file);
        }
      }
      found.sort(Comparator.comparingLong(CheckpointStore::stepOf));
      return found;
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static long stepOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }
}
