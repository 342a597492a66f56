package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.runtime.progress.ProgressBar;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.BitsPerDim;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Trains a {@link ConditionalFlow} by maximum likelihood in bits per dimension, in a run folder:
 *
 * <pre>
 * &lt;run&gt;/training.json     the TrainingConfig
 * &lt;run&gt;/flow.json         the FlowConfig
 * &lt;run&gt;/train-log.csv     every figure of every step (see TrainingLog)
 * &lt;run&gt;/checkpoints/      step-NNNNNNNN.ckpt, the newest keepCheckpoints of them
 * </pre>
 *
 * <p>Each step draws its crops and noise from (seed, step) alone ({@link CropSampler}), so the
 * checkpoint's parameters, Adam state and step are the whole state: a resumed run on the CPU takes
 * exactly the steps an uninterrupted one would have. A non-finite loss or gradient skips the step
 * (logged, gradients cleared); {@code maxBadSteps} in a row stop the run with {@code
 * NUMERICAL_FAILURE}, the last good checkpoint left as it was. {@link #requestStop} (from any
 * thread, e.g. a shutdown hook) ends the run between steps with a checkpoint of the last finished
 * step.
 */
public final class Trainer {

  /** Name of the training configuration file in a run folder. */
  public static final String TRAINING_JSON = "training.json";

  /** Name of the flow configuration file in a run folder. */
  public static final String FLOW_JSON = "flow.json";

  /** Name of the per-step CSV log in a run folder. */
  public static final String LOG_CSV = "train-log.csv";

  /** Name of the file saying which checkpoint a warm-started run began from. */
  public static final String INIT_FROM_TXT = "init-from.txt";

  private final Path runDirectory;
  private final PrintStream progressOut;
  private LossInjector injector = (step, loss) -> loss;
  private java.util.function.IntConsumer arraysProbe = count -> {};
  private volatile boolean stopRequested;

  /** Changes a step's loss before the backward pass; tests use it to inject NaNs. */
  @FunctionalInterface
  interface LossInjector {
    NDArray apply(long step, NDArray loss);
  }

  /** A trainer working in {@code runDirectory}, drawing its progress bar on {@code progressOut}. */
  public Trainer(Path runDirectory, PrintStream progressOut) {
    this.runDirectory = runDirectory;
    this.progressOut = progressOut;
  }

  void injectLoss(LossInjector lossInjector) {
    this.injector = lossInjector;
  }

  /**
   * Asks the run in progress, or the next one, to stop before its next step: the step under way
   * finishes, a checkpoint of it is written and {@link #train} or {@link #resume} returns a result
   * marked {@code stopped}. Safe to call from any thread.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Receives the number of arrays the run's manager holds after each step (leak tests). */
  void observeManagedArrays(java.util.function.IntConsumer probe) {
    this.arraysProbe = probe;
  }

  /**
   * What a run ended with.
   *
   * @param step the last step taken
   * @param trainBitsPerDim the last finite training loss
   * @param validBitsPerDim the last validation bits/dim, or NaN when none was measured
   * @param checkpoint the checkpoint of {@code step}, or null when a stop came before any step
   * @param stepsPerSecond mean speed of this session
   * @param stopped whether {@link #requestStop} ended the run before its last step
   */
  public record Result(
      long step,
      double trainBitsPerDim,
      double validBitsPerDim,
      Path checkpoint,
      double stepsPerSecond,
      boolean stopped) {}

  /**
   * Starts a new run: the folder must not hold checkpoints yet.
   *
   * @param training the run's training configuration
   * @param flowConfig the model to train
   * @param train training notes
   * @param valid validation notes (may be empty: no validation)
   * @param datasetFingerprint the training data's fingerprint, stored in every checkpoint
   */
  public Result train(
      TrainingConfig training,
      FlowConfig flowConfig,
      List<TrainingNote> train,
      List<TrainingNote> valid,
      String datasetFingerprint) {
    return train(training, flowConfig, train, valid, datasetFingerprint, null);
  }

  /**
   * Starts a new run, optionally from another run's weights ({@link WarmStart}; the run folder gets
   * {@code init-from.txt} saying which).
   *
   * @param initFrom a checkpoint file or run folder whose weights start this run, or {@code null}
   *     for a fresh initialisation
   */
  public Result train(
      TrainingConfig training,
      FlowConfig flowConfig,
      List<TrainingNote> train,
      List<TrainingNote> valid,
      String datasetFingerprint,
      Path initFrom) {
    requireChannels(flowConfig, train);
    CheckpointStore store = new CheckpointStore(runDirectory, training.keepCheckpoints());
    if (store.latest().isPresent()) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "run folder "
              + runDirectory
              + " already holds checkpoints: pass --resume to continue it, or choose another --run");
    }
    writeText(runDirectory.resolve(TRAINING_JSON), training.toJson());
    writeText(runDirectory.resolve(FLOW_JSON), flowConfig.toJson());
    return run(training, flowConfig, train, valid, datasetFingerprint, store, null, initFrom);
  }

  /**
   * Continues the run from its newest checkpoint.
   *
   * @param steps new total number of steps, or {@code null} to keep the checkpoint's
   * @param device device override, or {@code null} to keep the checkpoint's choice
   */
  public Result resume(
      List<TrainingNote> train,
      List<TrainingNote> valid,
      String datasetFingerprint,
      Integer steps,
      DeviceChoice device) {
    CheckpointStore probe = new CheckpointStore(runDirectory, Integer.MAX_VALUE);
    Path latest =
        probe
            .latest()
            .orElseThrow(
                () ->
                    new TrainerException(
                        TrainerException.Reason.INVALID_CONFIG,
                        "--resume: expected a checkpoint in "
                            + runDirectory.resolve("checkpoints")
                            + ", found none"));
    CheckpointContents contents = CheckpointContents.read(latest);
    CheckpointMetadata meta = contents.metadata();
    if (!meta.datasetFingerprint().equals(datasetFingerprint)) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_DATASET,
          "--resume: checkpoint "
              + latest
              + " was trained on dataset "
              + meta.datasetFingerprint()
              + ", found dataset "
              + datasetFingerprint);
    }
    TrainingConfig training = meta.training();
    if (steps != null) {
      training = training.withSteps(steps);
    }
    if (device != null) {
      training = training.withDevice(device);
    }
    FlowConfig flowConfig = FlowConfig.fromJson(meta.flowConfigJson());
    requireChannels(flowConfig, train);
    writeText(runDirectory.resolve(TRAINING_JSON), training.toJson());
    CheckpointStore store = new CheckpointStore(runDirectory, training.keepCheckpoints());
    return run(
        training,
        flowConfig,
        train,
        valid,
        datasetFingerprint,
        store,
        new Resume(latest, contents),
        null);
  }

  private record Resume(Path path, CheckpointContents contents) {}

  /** The flow's channels must be the features' frequency bins. */
  private static void requireChannels(FlowConfig flowConfig, List<TrainingNote> train) {
    int bins = train.isEmpty() ? flowConfig.channels() : train.get(0).features().bins();
    if (flowConfig.channels() != bins) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_CONFIG,
          "flow config channels: expected the features' "
              + bins
              + " bins, found "
              + flowConfig.channels());
    }
  }

  private Result run(
      TrainingConfig training,
      FlowConfig flowConfig,
      List<TrainingNote> train,
      List<TrainingNote> valid,
      String fingerprint,
      CheckpointStore store,
      Resume resume,
      Path initFrom) {
    Engine engine = Engine.getInstance();
    int previousThreads = JniUtils.getNumThreads();
    if (training.threads() > 0) {
      JniUtils.setNumThreads(training.threads());
    }
    try {
      return steps(
          engine, training, flowConfig, train, valid, fingerprint, store, resume, initFrom);
    } finally {
      // the thread count is process-wide: leave it as it was for whoever runs next
      JniUtils.setNumThreads(previousThreads);
    }
  }

  private Result steps(
      Engine engine,
      TrainingConfig training,
      FlowConfig flowConfig,
      List<TrainingNote> train,
      List<TrainingNote> valid,
      String fingerprint,
      CheckpointStore store,
      Resume resume,
      Path initFrom) {
    Device device = training.device().resolve(engine);
    CropSampler sampler =
        new CropSampler(
            train,
            training.batchSize(),
            training.cropFrames(),
            training.seed(),
            flowConfig.priorFrames() > 0);
    LearningRateSchedule schedule = training.schedule();
    List<TrainingNote> validSubset = subset(valid, training.validNotes());
    try (NDManager manager = engine.newBaseManager(device)) {
      engine.setRandomSeed((int) training.seed());
      ConditionalFlow flow = new ConditionalFlow(flowConfig);
      flow.initialize(manager, training.cropFrames());
      WarmStart warm = initFrom == null ? null : WarmStart.apply(flow, initFrom);
      if (warm != null) {
        writeText(runDirectory.resolve(INIT_FROM_TXT), warm.describe());
      }
      Map<String, Parameter> trainable = trainableParameters(flow);
      try (AdamOptimizer adam = new AdamOptimizer(trainable, training, manager)) {
        long startStep = 0;
        double priorWall = 0;
        double validBpd = Double.NaN;
        Path lastCheckpoint = null;
        if (resume != null) {
          restore(flow, adam, manager, resume);
          startStep = resume.contents().metadata().step();
          priorWall = resume.contents().metadata().wallSeconds();
          Double v = resume.contents().metadata().validBitsPerDim();
          validBpd = v == null ? Double.NaN : v;
          lastCheckpoint = resume.path();
          if (startStep >= training.steps()) {
            throw new TrainerException(
                TrainerException.Reason.INVALID_CONFIG,
                "--steps: expected more than the checkpoint's "
                    + startStep
                    + " steps, found "
                    + training.steps());
          }
        }
        ParameterStore parameterStore = new ParameterStore(manager, false);
        ProgressBar bar = new ProgressBar(progressOut, "train", "steps", ProgressBar.Mode.detect());
        bar.startAt(startStep);
        if (resume != null) {
          bar.message("resuming " + resume.path() + " at step " + startStep);
        }
        if (warm != null) {
          bar.message(warm.describe());
        }
        long sessionStart = System.nanoTime();
        double lastFinite = Double.NaN;
        int badInARow = 0;
        long done = startStep;
        long saved = startStep;
        try (TrainingLog log = new TrainingLog(runDirectory.resolve(LOG_CSV), startStep)) {
          for (long step = startStep + 1; step <= training.steps(); step++) {
            if (stopRequested) {
              break;
            }
            double rate = schedule.rate(step);
            float loss;
            float gradNorm;
            boolean applied;
            try (NDManager scratch = manager.newSubManager()) {
              scratch.tempAttachAll(parameterArrays(flow));
              CropSampler.Batch batch = sampler.sample(step, scratch, device);
              try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray ll =
                    flow.logLikelihood(
                        parameterStore,
                        batch.x(),
                        batch.pitch(),
                        batch.family(),
                        batch.firstFrame(),
                        true);
                long dims = batch.x().getShape().get(1) * batch.x().getShape().get(2);
                NDArray lossArray =
                    injector.apply(step, BitsPerDim.fromLogLikelihood(ll, dims).mean());
                loss = lossArray.getFloat();
                if (Float.isFinite(loss)) {
                  collector.backward(lossArray);
                }
              }
              gradNorm = Float.isFinite(loss) ? adam.gradientNorm(scratch) : Float.NaN;
              applied = adam.update(rate, gradNorm, scratch);
            }
            arraysProbe.accept(manager.getManagedArrays().size());
            double elapsed = (System.nanoTime() - sessionStart) / 1e9;
            double speed = (step - startStep) / elapsed;
            double wall = priorWall + elapsed;
            if (!applied) {
              badInARow++;
              bar.message(
                  String.format(
                      Locale.ROOT,
                      "step %d skipped: non-finite %s (loss %s, gradient norm %s), %d in a row",
                      step,
                      Float.isFinite(loss) ? "gradient" : "loss",
                      loss,
                      gradNorm,
                      badInARow));
              log.row(step, rate, loss, Double.NaN, gradNorm, speed, wall, true);
              if (badInARow >= training.maxBadSteps()) {
                bar.close();
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
              done = step;
              continue;
            }
            badInARow = 0;
            lastFinite = loss;
            boolean last = step == training.steps();
            double stepValid = Double.NaN;
            if (!validSubset.isEmpty()
                && (last || (training.validEvery() > 0 && step % training.validEvery() == 0))) {
              stepValid =
                  Evaluator.meanBitsPerDim(flow, parameterStore, validSubset, manager, device);
              validBpd = stepValid;
              bar.message(
                  String.format(
                      Locale.ROOT,
                      "step %d: valid %.4f bits/dim on %d notes",
                      step,
                      stepValid,
                      validSubset.size()));
            }
            log.row(step, rate, loss, stepValid, gradNorm, speed, wall, false);
            bar.update(
                step, training.steps(), String.format(Locale.ROOT, "loss %.4f bits/dim", loss));
            if (last || step % training.checkpointEvery() == 0) {
              lastCheckpoint =
                  store.save(
                      contents(
                          flow, adam, training, fingerprint, step, validBpd, wall, engine, device));
              saved = step;
            }
            done = step;
          }
        }
        double seconds = (System.nanoTime() - sessionStart) / 1e9;
        boolean stopped = done < training.steps();
        if (stopped && done > saved) {
          lastCheckpoint =
              store.save(
                  contents(
                      flow,
                      adam,
                      training,
                      fingerprint,
                      done,
                      validBpd,
                      priorWall + seconds,
                      engine,
                      device));
        }
        bar.close();
        return new Result(
            done, lastFinite, validBpd, lastCheckpoint, (done - startStep) / seconds, stopped);
      }
    }
  }

  /** The parameters Adam updates, under the flow's stable names. */
  static Map<String, Parameter> trainableParameters(ConditionalFlow flow) {
    Map<String, Parameter> trainable = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : flow.namedParameters().entrySet()) {
      if (e.getValue().requiresGradient()) {
        trainable.put(e.getKey(), e.getValue());
      }
    }
    return trainable;
  }

  /** Every parameter array of the flow, for temporary attachment to a step's manager. */
  static NDArray[] parameterArrays(ConditionalFlow flow) {
    return flow.namedParameters().values().stream()
        .map(Parameter::getArray)
        .toArray(NDArray[]::new);
  }

  private static List<TrainingNote> subset(List<TrainingNote> notes, int count) {
    if (count == 0 || notes.size() <= count) {
      return notes;
    }
    // evenly spaced, so a subset still covers every instrument of the split
    List<TrainingNote> picked = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(notes.get((int) ((long) i * notes.size() / count)));
    }
    return picked;
  }

  private static void restore(
      ConditionalFlow flow, AdamOptimizer adam, NDManager manager, Resume resume) {
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
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw new TrainerException(
          TrainerException.Reason.CORRUPT_CHECKPOINT,
          "checkpoint " + resume.path() + " does not fit its flow config: " + e.getMessage(),
          e);
    }
  }

  private static CheckpointContents contents(
      ConditionalFlow flow,
      AdamOptimizer adam,
      TrainingConfig training,
      String fingerprint,
      long step,
      double validBpd,
      double wall,
      Engine engine,
      Device device) {
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
            fingerprint,
            Double.isNaN(validBpd) ? null : validBpd,
            wall,
            training,
            flow.config().toJson(),
            engine.getEngineName() + " " + engine.getVersion(),
            device.toString());
    return new CheckpointContents(meta, parameters.toByteArray(), optimizer.toByteArray());
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.write(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TrainerException(
          TrainerException.Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The newest checkpoint of a run folder, if any. */
  public static Optional<Path> latestCheckpoint(Path runDirectory) {
    return new CheckpointStore(runDirectory, Integer.MAX_VALUE).latest();
  }
}
