package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * A trained model read back from a checkpoint file: its configuration, a {@link ConditionalFlow}
 * holding the saved parameters, and the checkpoint's metadata. Owns the native memory of the
 * parameters; close it.
 */
public final class Checkpoint implements AutoCloseable {

  private final Path path;
  private final CheckpointMetadata metadata;
  private final FlowConfig flowConfig;
  private final ConditionalFlow flow;
  private final NDManager manager;

  private Checkpoint(
      Path path,
      CheckpointMetadata metadata,
      FlowConfig flowConfig,
      ConditionalFlow flow,
      NDManager manager) {
    this.path = path;
    this.metadata = metadata;
    this.flowConfig = flowConfig;
    this.flow = flow;
    this.manager = manager;
  }

  /** Loads a checkpoint file, or a run folder's newest checkpoint, onto the CPU. */
  public static Checkpoint load(Path path) {
    return load(path, Device.cpu());
  }

  /**
   * Loads a checkpoint file, or a run folder's newest checkpoint, onto {@code device}.
   *
   * @throws TrainerException {@code CORRUPT_CHECKPOINT} for a damaged file or one whose parameters
   *     do not fit its own flow config; {@code IO} when it cannot be read
   */
  public static Checkpoint load(Path path, Device device) {
    Path file = resolve(path);
    CheckpointContents contents = CheckpointContents.read(file);
    FlowConfig config = FlowConfig.fromJson(contents.metadata().flowConfigJson());
    NDManager manager = Engine.getInstance().newBaseManager(device);
    try {
      ConditionalFlow flow = new ConditionalFlow(config);
      flow.initialize(manager, contents.metadata().training().cropFrames());
      flow.loadParameters(
          manager, new DataInputStream(new ByteArrayInputStream(contents.parameters())));
      return new Checkpoint(file, contents.metadata(), config, flow, manager);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      manager.close();
      if (e instanceof TrainerException t) {
        throw t;
      }
      throw CheckpointFile.corrupt(
          file, "parameters do not fit the saved flow config: " + e.getMessage());
    }
  }

  /** A checkpoint file as given, or the newest checkpoint of a run folder. */
  public static Path resolve(Path path) {
    if (!Files.isDirectory(path)) {
      if (!Files.exists(path)) {
        throw new TrainerException(
            TrainerException.Reason.IO,
            "expected a checkpoint file or run folder, found nothing at " + path);
      }
      return path;
    }
    return new CheckpointStore(path, Integer.MAX_VALUE)
        .latest()
        .orElseThrow(
            () ->
                new TrainerException(
                    TrainerException.Reason.IO,
                    "expected a checkpoint in " + path.resolve("checkpoints") + ", found none"));
  }

  /** The file this was read from. */
  public Path path() {
    return path;
  }

  /** Step, seed, dataset fingerprint, validation bits/dim, wall time and configurations. */
  public CheckpointMetadata metadata() {
    return metadata;
  }

  /** The model's hyper-parameters. */
  public FlowConfig flowConfig() {
    return flowConfig;
  }

  /** The training configuration of the run. */
  public TrainingConfig trainingConfig() {
    return metadata.training();
  }

  /** The flow with the checkpoint's parameters (owned by {@link #manager()}). */
  public ConditionalFlow flow() {
    return flow;
  }

  /** The manager owning the parameters; closed with this checkpoint. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
