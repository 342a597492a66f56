package timbreflow.trainer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.trainer.TrainerException;

/**
 * The run's CSV of every figure, one row per step, flushed as it goes so a plot of a live run is
 * possible: {@code step,lr,train_bpd,valid_bpd,grad_norm,steps_per_s,wall_s,skipped}. An empty cell
 * means "not measured at this step".
 */
public final class TrainingLog implements AutoCloseable {

  /** The header row. */
  public static final String HEADER =
      "step,lr,train_bpd,valid_bpd,grad_norm,steps_per_s,wall_s,skipped";

  private final BufferedWriter out;

  /**
   * Opens {@code file}, keeping only rows up to {@code keepThroughStep} (a resumed run rewrites
   * what happened after its checkpoint).
   */
  public TrainingLog(Path file, long keepThroughStep) {
    try {
      List<String> kept = new ArrayList<>();
      kept.add(HEADER);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int comma = line.indexOf(',');
          if (comma > 0 && Character.isDigit(line.charAt(0))) {
            if (Long.parseLong(line.substring(0, comma)) <= keepThroughStep) {
              kept.add(line);
            }
          }
        }
      }
      AtomicFiles.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO,
          "cannot open training log " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** Appends one step's figures; NaN writes an empty cell. */
  public void row(
      long step,
      double learningRate,
      double trainBpd,
      double validBpd,
      double gradNorm,
      double stepsPerSecond,
      double wallSeconds,
      boolean skipped) {
    String line =
        String.format(
            Locale.ROOT,
            "%d,%s,%s,%s,%s,%s,%s,%d",
            step,
            cell(learningRate),
            cell(trainBpd),
            cell(validBpd),
            cell(gradNorm),
            cell(stepsPerSecond),
            cell(wallSeconds),
            skipped ? 1 : 0);
    try {
      out.write(line);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot append to training log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot close training log: " + e.getMessage(), e);
    }
  }

  private static String cell(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }
}
