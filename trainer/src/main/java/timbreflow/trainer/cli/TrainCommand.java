package timbreflow.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.data.Split;
import timbreflow.trainer.flow.FlowConfig;
import timbreflow.trainer.train.DeviceChoice;
import timbreflow.trainer.train.Trainer;
import timbreflow.trainer.train.TrainingConfig;
import timbreflow.trainer.train.TrainingNote;

/** {@code train}: trains the flow (or, with {@code --flow-steps 0}, the prior-only baseline). */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the conditional flow on a dataset's train split by maximum likelihood (bits/dim),"
          + " validating on whole notes of the valid split.",
      "The run folder gets training.json, flow.json, train-log.csv and checkpoints/; --resume"
          + " continues its newest checkpoint exactly. --flow-steps 0 trains the prior-only"
          + " baseline that evaluate compares against.",
      "SIGTERM or Ctrl-C stops after the step under way, with a checkpoint of it (exit status"
          + " 143 or 130)."
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin DatasetOptions dataset;

  @Option(names = "--run", required = true, description = "run folder (created)")
  Path run;

  @Option(names = "--resume", description = "continue the run folder's newest checkpoint")
  boolean resume;

  @Option(
      names = "--init-from",
      description =
          "start a new run from the weights of this checkpoint or run folder (its flow may lack"
              + " the frequency branch, which then starts at zero); optimiser and step start afresh")
  Path initFrom;

  @Option(names = "--config", description = "training config JSON (default: built-in defaults)")
  Path config;

  @Option(names = "--flow-config", description = "flow config JSON (default: built-in defaults)")
  Path flowConfig;

  @Option(
      names = "--design",
      description =
          "conditional (default: the condition enters every coupling and the envelope) or seed"
              + " (the seed's unconditional flow, release 2); ignored with --flow-config")
  String design;

  @Option(names = "--flow-steps", description = "override the flow's K; 0 = prior-only baseline")
  Integer flowSteps;

  @Option(names = "--steps", description = "total optimiser steps")
  Integer steps;

  @Option(names = "--batch-size", description = "crops per step")
  Integer batchSize;

  @Option(names = "--crop-frames", description = "frames per crop")
  Integer cropFrames;

  @Option(names = "--lr", description = "peak learning rate")
  Double learningRate;

  @Option(names = "--warmup", description = "warm-up steps")
  Integer warmup;

  @Option(names = "--seed", description = "seed of crops, noise and initial weights")
  Long seed;

  @Option(names = "--valid-every", description = "steps between validations (0: end only)")
  Integer validEvery;

  @Option(names = "--valid-notes", description = "valid notes per validation (0: all)")
  Integer validNotes;

  @Option(names = "--checkpoint-every", description = "steps between checkpoints")
  Integer checkpointEvery;

  @Option(names = "--keep", description = "checkpoints kept")
  Integer keep;

  @Option(names = "--threads", description = "engine intra-op threads (0: engine default)")
  Integer threads;

  @Option(names = "--device", description = "auto, cpu or gpu (auto: a GPU when DJL sees one)")
  String device;

  @Override
  public Integer call() {
    if (threads != null && threads > 0) {
      // read by DJL's PyTorch engine when it starts, before any training thread exists
      System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (resume && initFrom != null) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "--init-from starts a new run from other weights; --resume continues this run's: give"
              + " one of them");
    }
    if (resume
        && (config != null
            || flowConfig != null
            || design != null
            || flowSteps != null
            || otherOverrides())) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "--resume continues with the checkpoint's configuration: only --steps and --device"
              + " may change");
    }
    String fingerprint = dataset.fingerprint();
    List<TrainingNote> train = dataset.notes(Split.TRAIN);
    if (train.isEmpty()) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_DATASET,
          "expected notes in " + dataset.data.resolve(Split.TRAIN.folder()) + ", found none");
    }
    List<TrainingNote> valid = dataset.has(Split.VALID) ? dataset.notes(Split.VALID) : List.of();
    if (valid.isEmpty()) {
      System.err.println("no valid split in " + dataset.data + ": training without validation");
    }
    if (System.getenv("OMP_WAIT_POLICY") == null) {
      System.err.println(
          "hint: set OMP_WAIT_POLICY=PASSIVE when other work shares these cores"
              + " (libtorch's OpenMP threads spin-wait otherwise; see bench/README.md)");
    }
    Trainer trainer = new Trainer(run, System.err);
    StopOnSignal.during(
        trainer::requestStop, () -> report(run(trainer, train, valid, fingerprint)), System.err);
    return 0;
  }

  private Trainer.Result run(
      Trainer trainer, List<TrainingNote> train, List<TrainingNote> valid, String fingerprint) {
    if (resume) {
      return trainer.resume(
          train, valid, fingerprint, steps, device == null ? null : DeviceChoice.parse(device));
    }
    TrainingConfig training = trainingConfig();
    FlowConfig flow = flowConfig == null ? designed() : FlowConfig.fromJson(read(flowConfig));
    if (flowSteps != null) {
      flow = flow.withSteps(flowSteps);
    }
    return trainer.train(training, flow, train, valid, fingerprint, initFrom);
  }

  /** The built-in flow config that {@code --design} names. */
  private FlowConfig designed() {
    if (design == null || design.equals("conditional")) {
      return FlowConfig.defaults();
    }
    if (design.equals("seed")) {
      return FlowConfig.seedDesign();
    }
    throw new TrainerException(
        TrainerException.Reason.INVALID_CONFIG,
        "--design: expected conditional or seed, found \"" + design + "\"");
  }

  private static void report(Trainer.Result result) {
    if (result.stopped()) {
      System.out.println(
          result.checkpoint() == null
              ? "stopped before the first step; no checkpoint written"
              : "stopped at step "
                  + result.step()
                  + "; resume with --resume\ncheckpoint "
                  + result.checkpoint());
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "trained %d steps: train %.4f bits/dim, valid %s bits/dim, %.2f steps/s%ncheckpoint %s%n",
        result.step(),
        result.trainBitsPerDim(),
        Double.isNaN(result.validBitsPerDim())
            ? "-"
            : String.format(Locale.ROOT, "%.4f", result.validBitsPerDim()),
        result.stepsPerSecond(),
        result.checkpoint());
  }

  private boolean otherOverrides() {
    return batchSize != null
        || cropFrames != null
        || learningRate != null
        || warmup != null
        || seed != null
        || validEvery != null
        || validNotes != null
        || checkpointEvery != null
        || keep != null
        || threads != null;
  }

  /** The base config (file or defaults) with every command-line override applied. */
  TrainingConfig trainingConfig() {
    TrainingConfig base =
        config == null ? TrainingConfig.defaults() : TrainingConfig.fromJson(read(config));
    TrainingConfig.Builder b = base.toBuilder();
    set(steps, b::optSteps);
    set(batchSize, b::optBatchSize);
    set(cropFrames, b::optCropFrames);
    if (learningRate != null) {
      b.optLearningRate(learningRate)
          .optMinLearningRate(Math.min(base.minLearningRate(), learningRate));
    }
    set(warmup, b::optWarmupSteps);
    set(seed, b::optSeed);
    set(validEvery, b::optValidEvery);
    set(validNotes, b::optValidNotes);
    set(checkpointEvery, b::optCheckpointEvery);
    set(keep, b::optKeepCheckpoints);
    set(threads, b::optThreads);
    if (device != null) {
      b.optDevice(DeviceChoice.parse(device));
    }
    return b.build();
  }

  /** Passes {@code value} to {@code setter} when the option was given. */
  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
