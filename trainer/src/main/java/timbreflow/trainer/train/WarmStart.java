package timbreflow.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Starts a new run from another run's trained weights: every parameter of the source checkpoint is
 * copied, by its stable name, into a flow whose configuration differs from the source's at most by
 * an added frequency branch; the parameters the source lacks keep their initialisation (the
 * branch's output convolution starts at zero, so the warm-started flow starts as the source flow
 * exactly). Optimiser state and step count start afresh.
 *
 * @param source the checkpoint file the weights came from
 * @param sourceStep its step
 * @param copied how many parameters were copied
 * @param fresh the names of the parameters that kept their initialisation
 */
public record WarmStart(Path source, long sourceStep, int copied, List<String> fresh) {

  /**
   * Copies {@code source}'s weights (a checkpoint file or a run folder's newest checkpoint) into
   * {@code target}, which must be initialised.
   *
   * @throws TrainerException {@code INVALID_CONFIG} when the two flows differ in anything but the
   *     frequency branch, or a parameter's shape differs; {@code CORRUPT_CHECKPOINT} or {@code IO}
   *     from reading the source
   */
  public static WarmStart apply(ConditionalFlow target, Path source) {
    try (Checkpoint from = Checkpoint.load(source)) {
      FlowConfig want = target.config().withoutFrequencyBranch();
      FlowConfig have = from.flowConfig().withoutFrequencyBranch();
      if (!want.equals(have)) {
        throw new TrainerException(
            TrainerException.Reason.INVALID_CONFIG,
            "--init-from "
                + from.path()
                + ": expected a flow that differs from this run's at most by the frequency branch,"
                + " found "
                + from.flowConfig().toJson()
                + " against "
                + target.config().toJson());
      }
      Map<String, Parameter> targets = target.namedParameters();
      Map<String, Parameter> sources = from.flow().namedParameters();
      for (var entry : sources.entrySet()) {
        Parameter to = targets.get(entry.getKey());
        NDArray value = entry.getValue().getArray();
        if (to == null || !to.getArray().getShape().equals(value.getShape())) {
          throw new TrainerException(
              TrainerException.Reason.INVALID_CONFIG,
              "--init-from "
                  + from.path()
                  + ": parameter "
                  + entry.getKey()
                  + " "
                  + value.getShape()
                  + " has no counterpart of that shape in this run's flow");
        }
        copy(value, to);
      }
      List<String> fresh = new ArrayList<>();
      for (String name : targets.keySet()) {
        if (!sources.containsKey(name)) {
          fresh.add(name);
        }
      }
      return new WarmStart(from.path(), from.metadata().step(), sources.size(), fresh);
    }
  }

  private static void copy(NDArray from, Parameter to) {
    NDArray array = to.getArray();
    boolean grad = to.requiresGradient();
    if (grad) {
      array.setRequiresGradient(false);
    }
    if (array.getDataType() == DataType.INT64) {
      array.set(from.toType(DataType.INT64, false).toLongArray());
    } else {
      array.set(from.toType(DataType.FLOAT32, false).toFloatArray());
    }
    if (grad) {
      array.setRequiresGradient(true);
    }
  }

  /** One line for the log: where the weights came from and what started fresh. */
  public String describe() {
    return "initialised from "
        + source
        + " (step "
        + sourceStep
        + "): "
        + copied
        + " parameters copied, "
        + fresh.size()
        + " fresh"
        + (fresh.isEmpty() ? "" : " (" + String.join(", ", fresh) + ")");
  }
}
