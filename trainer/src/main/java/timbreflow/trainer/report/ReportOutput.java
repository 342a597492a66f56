package timbreflow.trainer.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.runtime.plot.SpectrogramImage;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * The report's folder, written so a reader never sees half a report: figures and audio go into a
 * hidden staging folder next to the target; {@link #commit} renames {@code figures/} and {@code
 * audio/} into place (replacing older ones) and then writes {@code evaluation.json} and {@code
 * evaluation.md} each through a temporary file and an atomic rename. {@link #close} removes the
 * staging folder. Thread-safe.
 */
public final class ReportOutput implements AutoCloseable {

  /** Subfolder of the PNG figures. */
  public static final String FIGURES = "figures";

  /** Subfolder of the WAV examples. */
  public static final String AUDIO = "audio";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

  private final Path folder;
  private final Path staging;
  private final List<ReportFile> figures = new ArrayList<>();
  private final List<ReportFile> audio = new ArrayList<>();

  /** Opens a staging folder inside {@code folder} (created when absent). */
  public ReportOutput(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.folder);
      this.staging =
          AtomicFiles.temporaryDirectorySibling(this.folder.resolve("evaluation"), "staging");
      Files.createDirectory(staging.resolve(FIGURES));
      Files.createDirectory(staging.resolve(AUDIO));
    } catch (IOException e) {
      throw new TrainerException(
          Reason.IO, "cannot create the report folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The report folder. */
  public Path folder() {
    return folder;
  }

  /** Writes {@code figures/<name>.png} and returns its entry. */
  public ReportFile figure(String name, String caption, BufferedImage image) {
    ReportFile file = new ReportFile(FIGURES + "/" + checked(name) + ".png", caption);
    write(file, SpectrogramImage.png(image));
    synchronized (figures) {
      figures.add(file);
    }
    return file;
  }

  /** Writes {@code audio/<name>.wav} (16-bit PCM) and returns its entry. */
  public ReportFile audio(String name, String caption, Waveform wave) {
    ReportFile file = new ReportFile(AUDIO + "/" + checked(name) + ".wav", caption);
    write(file, WavWriter.toBytes(wave, WavEncoding.PCM_16));
    synchronized (audio) {
      audio.add(file);
    }
    return file;
  }

  /** Every figure written so far, in order. */
  public List<ReportFile> figures() {
    synchronized (figures) {
      return List.copyOf(figures);
    }
  }

  /** Every audio file written so far, in order. */
  public List<ReportFile> audioFiles() {
    synchronized (audio) {
      return List.copyOf(audio);
    }
  }

  /**
   * Moves figures and audio into the report folder, then writes the JSON and Markdown documents.
   */
  public void commit(String json, String markdown) {
    try {
      for (String sub : List.of(FIGURES, AUDIO)) {
        Path target = folder.resolve(sub);
        if (Files.exists(target)) {
          AtomicFiles.move(target, staging.resolve("old-" + sub));
        }
        AtomicFiles.move(staging.resolve(sub), target);
      }
      AtomicFiles.write(folder.resolve("evaluation.json"), json.getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(folder.resolve("evaluation.md"), markdown.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TrainerException(
          Reason.IO, "cannot write the report into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Removes the staging folder (and the replaced figures and audio). */
  @Override
  public void close() {
    if (!Files.exists(staging)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(staging)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new TrainerException(
          Reason.IO, "cannot remove the staging folder " + staging + ": " + e.getMessage(), e);
    }
  }

  private void write(ReportFile file, byte[] bytes) {
    Path target = staging.resolve(file.path());
    if (Files.exists(target)) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "the report writes " + file.path() + " twice");
    }
    try {
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected a file name of lower-case letters, digits, '.', '_' and '-', found '"
              + name
              + "'");
    }
    return name;
  }
}
