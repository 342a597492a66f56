package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import timbreflow.runtime.progress.ProgressLine;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * Sets one run up and tears it down: the device and its manager, the flow (fresh, warm-started or
 * restored from the checkpoint a resumed run continues), the optimiser and the progress line, all
 * closed however the run ends; the steps themselves are the {@link StepLoop}'s.
 */
final class TrainingRun {

  private final RunPlan plan;
  private final RunContext context;
  private final Engine engine;

  TrainingRun(RunPlan plan, RunContext context, Engine engine) {
    this.plan = plan;
    this.context = context;
    this.engine = engine;
  }

  /** Takes the run's steps and says how it ended. */
  Trainer.Result run() {
    TrainingConfig training = plan.training();
    Device device = training.device().resolve(engine);
    try (NDManager manager = engine.newBaseManager(device)) {
      engine.setRandomSeed((int) training.seed());
      ConditionalFlow flow = new ConditionalFlow(plan.flowConfig());
      flow.initialize(manager, training.cropFrames());
      WarmStart warm = plan.initFrom() == null ? null : WarmStart.apply(flow, plan.initFrom());
      if (warm != null) {
        Trainer.writeText(context.runDirectory().resolve(Trainer.INIT_FROM_TXT), warm.describe());
      }
      try (AdamOptimizer adam =
          new AdamOptimizer(Trainer.trainableParameters(flow), training, manager)) {
        StepLoop.Start start = start(flow, adam, manager);
        try (ProgressLine bar =
            new ProgressLine(context.progressOut(), "train", "steps", ProgressLine.Mode.detect())) {
          bar.startAt(start.step());
          if (plan.resume() != null) {
            bar.message("resuming " + plan.resume().path() + " at step " + start.step());
          }
          if (warm != null) {
            bar.message(warm.describe());
          }
          return new StepLoop(plan, context, engine, device, manager, flow, adam, bar, start).run();
        }
      }
    }
  }

  /** Step 0 of a new run, or the resumed checkpoint's step with its weights and Adam state. */
  private StepLoop.Start start(ConditionalFlow flow, AdamOptimizer adam, NDManager manager) {
    RunPlan.Resume resume = plan.resume();
    if (resume == null) {
      return new StepLoop.Start(0, 0, Double.NaN, null);
    }
    restore(flow, adam, manager, resume);
    CheckpointMetadata meta = resume.contents().metadata();
    if (meta.step() >= plan.training().steps()) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "--steps: expected more than the checkpoint's "
              + meta.step()
              + " steps, found "
              + plan.training().steps());
    }
    Double valid = meta.validBitsPerDim();
    return new StepLoop.Start(
        meta.step(), meta.wallSeconds(), valid == null ? Double.NaN : valid, resume.path());
  }

  private static void restore(
      ConditionalFlow flow, AdamOptimizer adam, NDManager manager, RunPlan.Resume resume) {
    CheckpointContents contents = resume.contents();
    try {
      flow.loadParameters(
          manager, new DataInputStream(new ByteArrayInputStream(contents.parameters())));
      for (Parameter p : flow.namedParameters().values()) {
        if (p.requiresGradient()) {
          p.getArray().setRequiresGradient(true);
        }
      }
      adam.load(new DataInputStream(new ByteArrayInputStream(contents.optimizerState())));
    } catch (IOException | MalformedModelException e) {
      throw new TrainerException(
          TrainerException.Reason.CORRUPT_CHECKPOINT,
          "checkpoint " + resume.path() + " does not fit its flow config: " + e.getMessage(),
          e);
    }
  }
}
