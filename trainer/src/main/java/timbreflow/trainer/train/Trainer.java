package timbreflow.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.trainer.TrainerException;
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
  private IntConsumer arraysProbe = count -> {};
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
  void observeManagedArrays(IntConsumer probe) {
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
    return run(
        new RunPlan(training, flowConfig, train, valid, datasetFingerprint, store, null, initFrom));
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
        new RunPlan(
            training,
            flowConfig,
            train,
            valid,
            datasetFingerprint,
            store,
            new RunPlan.Resume(latest, contents),
            null));
  }

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

  private Result run(RunPlan plan) {
    // loads the native library, which JniUtils needs
    Engine engine = Engine.getInstance();
    int previousThreads = JniUtils.getNumThreads();
    if (plan.training().threads() > 0) {
      JniUtils.setNumThreads(plan.training().threads());
    }
    try {
      RunContext context =
          new RunContext(runDirectory, progressOut, injector, arraysProbe, () -> stopRequested);
      return new TrainingRun(plan, context, engine).run();
    } finally {
      // the thread count is process-wide: leave it as it was for whoever runs next
      JniUtils.setNumThreads(previousThreads);
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

  static void writeText(Path file, String text) {
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
