package timbreflow.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import timbreflow.trainer.RecordCopies;
import timbreflow.trainer.TrainerException;

/**
 * Every hyper-parameter of a training run (the model's own live in the flow configuration saved
 * beside it).
 *
 * @param batchSize crops per step
 * @param cropFrames frames per random crop (the nets are local in time, so crops suffice)
 * @param steps optimiser steps of the whole run
 * @param learningRate peak learning rate, reached at the end of warm-up
 * @param warmupSteps steps of linear warm-up from 0 to {@code learningRate}
 * @param minLearningRate floor of the cosine decay that follows warm-up
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator guard
 * @param weightDecay L2 decay added to the gradient (0 disables it)
 * @param clipNorm global gradient-norm limit (0 disables clipping)
 * @param validEvery steps between validations (0: only at the end)
 * @param validNotes whole notes of the valid split used per validation (0: all)
 * @param checkpointEvery steps between checkpoints (a checkpoint is always written at the end)
 * @param keepCheckpoints how many of the newest checkpoints are kept
 * @param maxBadSteps consecutive non-finite steps after which training stops
 * @param seed seed of every random choice: crops, dequantisation noise, initial weights
 * @param threads intra-op threads of the engine (0: the engine's default)
 * @param device where to train
 */
public record TrainingConfig(
    int batchSize,
    int cropFrames,
    int steps,
    double learningRate,
    int warmupSteps,
    double minLearningRate,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clipNorm,
    int validEvery,
    int validNotes,
    int checkpointEvery,
    int keepCheckpoints,
    int maxBadSteps,
    long seed,
    int threads,
    DeviceChoice device) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates every field and names the first one out of range. */
  public TrainingConfig {
    positive("batchSize", batchSize);
    positive("cropFrames", cropFrames);
    atLeastZero("steps", steps);
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw invalid("learningRate", "a finite value > 0", learningRate);
    }
    atLeastZero("warmupSteps", warmupSteps);
    if (!(minLearningRate >= 0) || minLearningRate > learningRate) {
      throw invalid("minLearningRate", "a value in [0, learningRate]", minLearningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw invalid("beta1", "a value in [0, 1)", beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw invalid("beta2", "a value in [0, 1)", beta2);
    }
    if (!(epsilon > 0)) {
      throw invalid("epsilon", "a value > 0", epsilon);
    }
    if (!(weightDecay >= 0)) {
      throw invalid("weightDecay", "a value >= 0", weightDecay);
    }
    if (!(clipNorm >= 0)) {
      throw invalid("clipNorm", "a value >= 0", clipNorm);
    }
    atLeastZero("validEvery", validEvery);
    atLeastZero("validNotes", validNotes);
    positive("checkpointEvery", checkpointEvery);
    positive("keepCheckpoints", keepCheckpoints);
    positive("maxBadSteps", maxBadSteps);
    atLeastZero("threads", threads);
    if (device == null) {
      throw invalid("device", "auto, cpu or gpu", "null");
    }
  }

  /** Defaults sized for CPU training on two cores. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        8,
        64,
        20_000,
        1e-3,
        500,
        1e-5,
        0.9,
        0.999,
        1e-8,
        0.0,
        50.0,
        500,
        64,
        500,
        3,
        5,
        42L,
        2,
        DeviceChoice.AUTO);
  }

  /** This configuration with a different number of steps. */
  public TrainingConfig withSteps(int newSteps) {
    return with(Map.of("steps", newSteps));
  }

  /** This configuration on another device. */
  public TrainingConfig withDevice(DeviceChoice newDevice) {
    return with(Map.of("device", newDevice));
  }

  /**
   * This configuration with the named fields replaced ({@code "batchSize"} → 16), validated as a
   * new one.
   *
   * @throws TrainerException {@code INVALID_CONFIG} naming an unknown, mistyped or out-of-range
   *     field
   */
  public TrainingConfig with(Map<String, ?> changes) {
    return RecordCopies.with(TrainingConfig.class, this, changes);
  }

  /** The learning-rate schedule these fields describe. */
  public LearningRateSchedule schedule() {
    return new LearningRateSchedule(learningRate, warmupSteps, steps, minLearningRate);
  }

  /** Pretty-printed JSON with one field per hyper-parameter. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@link #toJson()}'s output; a missing or bad field is an {@code INVALID_CONFIG}. */
  public static TrainingConfig fromJson(String json) {
    try {
      return JSON.readValue(json, TrainingConfig.class);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof TrainerException t ? t : e;
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "training config is not valid JSON for TrainingConfig: " + cause.getMessage(),
          e);
    }
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw invalid(field, "a value > 0", value);
    }
  }

  private static void atLeastZero(String field, long value) {
    if (value < 0) {
      throw invalid(field, "a value >= 0", value);
    }
  }

  private static TrainerException invalid(String field, String expected, Object found) {
    return new TrainerException(
        TrainerException.Reason.INVALID_CONFIG,
        "training config field " + field + ": expected " + expected + ", found " + found);
  }
}
