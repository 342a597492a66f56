package timbreflow.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    return toBuilder().optSteps(newSteps).build();
  }

  /** This configuration on another device. */
  public TrainingConfig withDevice(DeviceChoice newDevice) {
    return toBuilder().optDevice(newDevice).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link TrainingConfig} field by field, DJL style: every field has a value from the
   * configuration it starts from, so each setter is an {@code optX}; {@link #build()} validates the
   * whole and names the first bad field.
   */
  public static final class Builder {
    private int batchSize;
    private int cropFrames;
    private int steps;
    private double learningRate;
    private int warmupSteps;
    private double minLearningRate;
    private double beta1;
    private double beta2;
    private double epsilon;
    private double weightDecay;
    private double clipNorm;
    private int validEvery;
    private int validNotes;
    private int checkpointEvery;
    private int keepCheckpoints;
    private int maxBadSteps;
    private long seed;
    private int threads;
    private DeviceChoice device;

    private Builder(TrainingConfig from) {
      batchSize = from.batchSize();
      cropFrames = from.cropFrames();
      steps = from.steps();
      learningRate = from.learningRate();
      warmupSteps = from.warmupSteps();
      minLearningRate = from.minLearningRate();
      beta1 = from.beta1();
      beta2 = from.beta2();
      epsilon = from.epsilon();
      weightDecay = from.weightDecay();
      clipNorm = from.clipNorm();
      validEvery = from.validEvery();
      validNotes = from.validNotes();
      checkpointEvery = from.checkpointEvery();
      keepCheckpoints = from.keepCheckpoints();
      maxBadSteps = from.maxBadSteps();
      seed = from.seed();
      threads = from.threads();
      device = from.device();
    }

    /** Sets the crops per step. */
    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Sets the frames per random crop. */
    public Builder optCropFrames(int value) {
      cropFrames = value;
      return this;
    }

    /** Sets the optimiser steps of the whole run. */
    public Builder optSteps(int value) {
      steps = value;
      return this;
    }

    /** Sets the peak learning rate. */
    public Builder optLearningRate(double value) {
      learningRate = value;
      return this;
    }

    /** Sets the steps of linear warm-up. */
    public Builder optWarmupSteps(int value) {
      warmupSteps = value;
      return this;
    }

    /** Sets the floor of the cosine decay. */
    public Builder optMinLearningRate(double value) {
      minLearningRate = value;
      return this;
    }

    /** Sets the Adam's first-moment decay. */
    public Builder optBeta1(double value) {
      beta1 = value;
      return this;
    }

    /** Sets the Adam's second-moment decay. */
    public Builder optBeta2(double value) {
      beta2 = value;
      return this;
    }

    /** Sets the Adam's denominator guard. */
    public Builder optEpsilon(double value) {
      epsilon = value;
      return this;
    }

    /** Sets the L2 decay added to the gradient (0: none). */
    public Builder optWeightDecay(double value) {
      weightDecay = value;
      return this;
    }

    /** Sets the global gradient-norm limit (0: no clipping). */
    public Builder optClipNorm(double value) {
      clipNorm = value;
      return this;
    }

    /** Sets the steps between validations (0: only at the end). */
    public Builder optValidEvery(int value) {
      validEvery = value;
      return this;
    }

    /** Sets the valid notes per validation (0: all). */
    public Builder optValidNotes(int value) {
      validNotes = value;
      return this;
    }

    /** Sets the steps between checkpoints. */
    public Builder optCheckpointEvery(int value) {
      checkpointEvery = value;
      return this;
    }

    /** Sets the how many of the newest checkpoints are kept. */
    public Builder optKeepCheckpoints(int value) {
      keepCheckpoints = value;
      return this;
    }

    /** Sets the consecutive non-finite steps after which training stops. */
    public Builder optMaxBadSteps(int value) {
      maxBadSteps = value;
      return this;
    }

    /** Sets the seed of every random choice. */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /** Sets the intra-op threads of the engine (0: the engine's default). */
    public Builder optThreads(int value) {
      threads = value;
      return this;
    }

    /** Sets the where to train. */
    public Builder optDevice(DeviceChoice value) {
      device = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws TrainerException {@code INVALID_CONFIG} naming the first bad field
     */
    public TrainingConfig build() {
      return new TrainingConfig(
          batchSize,
          cropFrames,
          steps,
          learningRate,
          warmupSteps,
          minLearningRate,
          beta1,
          beta2,
          epsilon,
          weightDecay,
          clipNorm,
          validEvery,
          validNotes,
          checkpointEvery,
          keepCheckpoints,
          maxBadSteps,
          seed,
          threads,
          device);
    }
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
