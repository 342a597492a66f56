package timbreflow.trainer.train;

import java.nio.file.Path;
import java.util.List;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Everything one run of the {@link Trainer} is given: what to train, on what, and where it starts.
 *
 * @param training the run's training configuration
 * @param flowConfig the model to train
 * @param train training notes
 * @param valid validation notes (may be empty: no validation)
 * @param fingerprint the training data's fingerprint, stored in every checkpoint
 * @param store where the run's checkpoints go
 * @param resume the checkpoint a resumed run continues, or null for a new run
 * @param initFrom a checkpoint file or run folder whose weights start a new run, or null
 */
record RunPlan(
    TrainingConfig training,
    FlowConfig flowConfig,
    List<TrainingNote> train,
    List<TrainingNote> valid,
    String fingerprint,
    CheckpointStore store,
    Resume resume,
    Path initFrom) {

  /**
   * The checkpoint a resumed run continues.
   *
   * @param path its file
   * @param contents what it holds
   */
  record Resume(Path path, CheckpointContents contents) {}
}
