package timbreflow.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import timbreflow.trainer.TrainerException;

/**
 * What a checkpoint says about itself besides the weights: where training stood and with what.
 *
 * @param step optimiser steps taken so far (the next step to run is {@code step + 1})
 * @param seed the run's seed: with {@code step} it fixes every later random choice, so together
 *     they are the whole random state
 * @param datasetFingerprint the training data's fingerprint, checked on resume
 * @param validBitsPerDim the last validation bits/dim, or {@code null} before the first
 * @param wallSeconds training wall time so far, summed over resumed sessions
 * @param training the run's training configuration
 * @param flowConfigJson the model's configuration as its own JSON
 * @param engine engine name and version that wrote the checkpoint
 * @param device device that wrote it
 */
public record CheckpointMetadata(
    long step,
    long seed,
    String datasetFingerprint,
    Double validBitsPerDim,
    double wallSeconds,
    TrainingConfig training,
    String flowConfigJson,
    String engine,
    String device) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Compact JSON, as stored in the checkpoint. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@link #toJson()}'s output. */
  public static CheckpointMetadata fromJson(String json) {
    try {
      return JSON.readValue(json, CheckpointMetadata.class);
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.CORRUPT_CHECKPOINT,
          "checkpoint metadata is not valid: " + e.getMessage(),
          e);
    }
  }
}
