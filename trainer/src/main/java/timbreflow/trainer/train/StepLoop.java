package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import timbreflow.runtime.progress.ProgressLine;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * Takes the steps of one run that {@link TrainingRun} has set up: each step's crops, loss, gradient
 * and Adam update, then its validation, log row and checkpoint, until the last step, a stop request
 * or too many non-finite steps in a row.
 */
final class StepLoop {

  /**
   * Where a run starts.
   *
   * @param step the last step already taken (0 for a new run)
   * @param wallSeconds training time spent before this session
   * @param validBitsPerDim the last validation, or NaN
   * @param checkpoint the checkpoint of {@code step}, or null
   */
  record Start(long step, double wallSeconds, double validBitsPerDim, Path checkpoint) {}

  /** What one step did: its learning rate, loss and gradient norm, and whether Adam applied it. */
  private record StepOutcome(double rate, float loss, float gradNorm, boolean applied) {}

  private final TrainingConfig training;
  private final RunPlan plan;
  private final RunContext context;
  private final Engine engine;
  private final Device device;
  private final NDManager manager;
  private final ConditionalFlow flow;
  private final AdamOptimizer adam;
  private final ProgressLine bar;
  private final ParameterStore parameterStore;
  private final CropSampler sampler;
  private final LearningRateSchedule schedule;
  private final List<TrainingNote> validSubset;
  private final Start start;
  private final long sessionStart = System.nanoTime();

  private double validBpd;
  private Path lastCheckpoint;
  private double lastFinite = Double.NaN;
  private int badInARow;
  private long done;
  private long saved;

  StepLoop(
      RunPlan plan,
      RunContext context,
      Engine engine,
      Device device,
      NDManager manager,
      ConditionalFlow flow,
      AdamOptimizer adam,
      ProgressLine bar,
      Start start) {
    this.training = plan.training();
    this.plan = plan;
    this.context = context;
    this.engine = engine;
    this.device = device;
    this.manager = manager;
    this.flow = flow;
    this.adam = adam;
    this.bar = bar;
    this.start = start;
    this.parameterStore = new ParameterStore(manager, false);
    this.sampler =
        new CropSampler(
            plan.train(),
            training.batchSize(),
            training.cropFrames(),
            training.seed(),
            plan.flowConfig().priorFrames() > 0);
    this.schedule = training.schedule();
    this.validSubset = subset(plan.valid(), training.validNotes());
    this.validBpd = start.validBitsPerDim();
    this.lastCheckpoint = start.checkpoint();
    this.done = start.step();
    this.saved = start.step();
  }

  /** Takes every step left and says how the run ended. */
  Trainer.Result run() {
    try (TrainingLog log =
        new TrainingLog(context.runDirectory().resolve(Trainer.LOG_CSV), start.step())) {
      for (long step = start.step() + 1; step <= training.steps(); step++) {
        if (context.stopRequested().getAsBoolean()) {
          break;
        }
        StepOutcome outcome = step(step);
        context.arraysProbe().accept(manager.getManagedArrays().size());
        double elapsed = (System.nanoTime() - sessionStart) / 1e9;
        double speed = (step - start.step()) / elapsed;
        double wall = start.wallSeconds() + elapsed;
        if (outcome.applied()) {
          applied(step, outcome, log, speed, wall);
        } else {
          skipped(step, outcome, log, speed, wall);
        }
        done = step;
      }
    }
    double seconds = (System.nanoTime() - sessionStart) / 1e9;
    boolean stopped = done < training.steps();
    if (stopped && done > saved) {
      lastCheckpoint = plan.store().save(snapshot(done, start.wallSeconds() + seconds));
    }
    return new Trainer.Result(
        done, lastFinite, validBpd, lastCheckpoint, (done - start.step()) / seconds, stopped);
  }

  /** One optimiser step on its own crops, with every array it makes freed at its end. */
  private StepOutcome step(long step) {
    double rate = schedule.rate(step);
    try (NDManager scratch = manager.newSubManager()) {
      scratch.tempAttachAll(Trainer.parameterArrays(flow));
      CropSampler.Batch batch = sampler.sample(step, scratch, device);
      float loss = backward(step, batch);
      float gradNorm = Float.isFinite(loss) ? adam.gradientNorm(scratch) : Float.NaN;
      return new StepOutcome(rate, loss, gradNorm, adam.update(rate, gradNorm, scratch));
    }
  }

  /** The batch's loss in bits/dim, its gradients collected when it is finite. */
  private float backward(long step, CropSampler.Batch batch) {
    try (GradientCollector collector = engine.newGradientCollector()) {
      NDArray ll =
          flow.logLikelihood(
              parameterStore, batch.x(), batch.pitch(), batch.family(), batch.firstFrame(), true);
      long dims = batch.x().getShape().get(1) * batch.x().getShape().get(2);
      NDArray lossArray =
          context.injector().apply(step, BitsPerDim.fromLogLikelihood(ll, dims).mean());
      float loss = lossArray.getFloat();
      if (Float.isFinite(loss)) {
        collector.backward(lossArray);
      }
      return loss;
    }
  }

  /** A step Adam applied: validation when due, the log row, the bar and a checkpoint when due. */
  private void applied(long step, StepOutcome outcome, TrainingLog log, double speed, double wall) {
    badInARow = 0;
    lastFinite = outcome.loss();
    boolean last = step == training.steps();
    double stepValid = Double.NaN;
    if (!validSubset.isEmpty()
        && (last || (training.validEvery() > 0 && step % training.validEvery() == 0))) {
      stepValid = Evaluator.meanBitsPerDim(flow, parameterStore, validSubset, manager, device);
      validBpd = stepValid;
      bar.message(
          String.format(
              Locale.ROOT,
              "step %d: valid %.4f bits/dim on %d notes",
              step,
              stepValid,
              validSubset.size()));
    }
    log.row(
        step, outcome.rate(), outcome.loss(), stepValid, outcome.gradNorm(), speed, wall, false);
    bar.update(
        step, training.steps(), String.format(Locale.ROOT, "loss %.4f bits/dim", outcome.loss()));
    if (last || step % training.checkpointEvery() == 0) {
      lastCheckpoint = plan.store().save(snapshot(step, wall));
      saved = step;
    }
  }

  /** A step skipped for a non-finite loss or gradient; too many in a row end the run. */
  private void skipped(long step, StepOutcome outcome, TrainingLog log, double speed, double wall) {
    badInARow++;
    bar.message(
        String.format(
            Locale.ROOT,
            "step %d skipped: non-finite %s (loss %s, gradient norm %s), %d in a row",
            step,
            Float.isFinite(outcome.loss()) ? "gradient" : "loss",
            outcome.loss(),
            outcome.gradNorm(),
            badInARow));
    log.row(
        step, outcome.rate(), outcome.loss(), Double.NaN, outcome.gradNorm(), speed, wall, true);
    if (badInARow >= training.maxBadSteps()) {
      throw new TrainerException(
          TrainerException.Reason.NUMERICAL_FAILURE,
          "training stopped at step "
              + step
              + " after "
              + badInARow
              + " consecutive non-finite losses or gradients; last good checkpoint: "
              + (lastCheckpoint == null ? "none" : lastCheckpoint.toString())
              + " (lower the learning rate or check the data)");
    }
  }

  /** The checkpoint of {@code step}: parameters, Adam state and metadata. */
  private CheckpointContents snapshot(long step, double wall) {
    ByteArrayOutputStream parameters = new ByteArrayOutputStream();
    ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
    try (DataOutputStream p = new DataOutputStream(parameters);
        DataOutputStream o = new DataOutputStream(optimizer)) {
      flow.saveParameters(p);
      adam.save(o);
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot serialise step " + step + ": " + e.getMessage(), e);
    }
    CheckpointMetadata meta =
        new CheckpointMetadata(
            step,
            training.seed(),
            plan.fingerprint(),
            Double.isNaN(validBpd) ? null : validBpd,
            wall,
            training,
            flow.config().toJson(),
            engine.getEngineName() + " " + engine.getVersion(),
            device.toString());
    return new CheckpointContents(meta, parameters.toByteArray(), optimizer.toByteArray());
  }

  private static List<TrainingNote> subset(List<TrainingNote> notes, int count) {
    if (count == 0 || notes.size() <= count) {
      return notes;
    }
    // evenly spaced, so a subset still covers every instrument of the split
    List<TrainingNote> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(notes.get((int) ((long) i * notes.size() / count)));
    }
    return picked;
  }
}
