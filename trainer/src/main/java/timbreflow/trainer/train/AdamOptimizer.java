package timbreflow.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import timbreflow.trainer.TrainerException;

/**
 * Adam with global gradient-norm clipping whose whole state (both moments of every parameter and
 * the update count) is ours, so a checkpoint can save it and a resumed run continue bit for bit
 * (DJL's built-in {@code Adam} keeps its state privately).
 *
 * <p>One step reads every gradient, measures the global L2 norm, and either skips the update (norm
 * not finite) or scales the gradients down to at most {@code clipNorm} and applies the engine's
 * fused Adam kernel: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²}, {@code w -=
 * lr·sqrt(1-b2^t)/(1-b1^t) · m / (sqrt(v) + eps)}. Gradients are zeroed after every step, applied
 * or not, because PyTorch accumulates them.
 */
public final class AdamOptimizer implements AutoCloseable {

  private final List<String> names;
  private final List<Parameter> parameters;
  private final TrainingConfig config;
  private final NDManager stateManager;
  private final NDArray[] firstMoments;
  private final NDArray[] secondMoments;
  private long updates;

  /**
   * Creates zero moments for every parameter, on each parameter's device.
   *
   * @param parameters the trainable parameters by stable name, in a fixed order (the checkpoint
   *     relies on it)
   * @param config supplies betas, epsilon, weight decay and the clipping norm
   * @param manager the owner of the moment arrays (closed with this optimiser)
   */
  public AdamOptimizer(
      Map<String, Parameter> parameters, TrainingConfig config, NDManager manager) {
    this.names = List.copyOf(parameters.keySet());
    this.parameters = List.copyOf(parameters.values());
    this.config = config;
    this.stateManager = manager.newSubManager();
    this.firstMoments = new NDArray[this.parameters.size()];
    this.secondMoments = new NDArray[this.parameters.size()];
    for (int i = 0; i < this.parameters.size(); i++) {
      NDArray weight = this.parameters.get(i).getArray();
      firstMoments[i] =
          stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
      secondMoments[i] =
          stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    }
  }

  /** How many updates were applied (skipped steps do not count). */
  public long updates() {
    return updates;
  }

  /**
   * The global L2 norm of all current gradients, as a float computed on the device.
   *
   * @param scratch owner of the temporaries (the caller's per-step manager)
   */
  public float gradientNorm(NDManager scratch) {
    NDArray sum = null;
    for (Parameter parameter : parameters) {
      NDArray grad = parameter.getArray().getGradient();
      grad.attach(scratch);
      NDArray squares = grad.square().sum();
      sum = sum == null ? squares : sum.add(squares);
    }
    return sum == null ? 0f : (float) Math.sqrt(sum.getFloat());
  }

  /**
   * Applies one Adam update with the given rate if {@code gradientNorm} is finite, then zeroes
   * every gradient.
   *
   * @param learningRate this step's rate
   * @param gradientNorm the global norm from {@link #gradientNorm(NDManager)}
   * @param scratch owner of this step's temporaries
   * @return whether the update was applied
   */
  public boolean update(double learningRate, float gradientNorm, NDManager scratch) {
    if (!Float.isFinite(gradientNorm)) {
      zeroGradients();
      return false;
    }
    double scale =
        config.clipNorm() > 0 && gradientNorm > config.clipNorm()
            ? config.clipNorm() / (gradientNorm + 1e-6)
            : 1.0;
    long t = updates + 1;
    double biasCorrected =
        learningRate
            * Math.sqrt(1 - Math.pow(config.beta2(), t))
            / (1 - Math.pow(config.beta1(), t));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      NDArray grad = weight.getGradient();
      grad.attach(scratch);
      weight
          .getNDArrayInternal()
          .adamUpdate(
              new NDList(weight, grad, firstMoments[i], secondMoments[i]),
              new NDList(weight),
              (float) learningRate,
              (float) biasCorrected,
              (float) config.weightDecay(),
              (float) scale,
              -1f,
              (float) config.beta1(),
              (float) config.beta2(),
              (float) config.epsilon(),
              false,
              false);
    }
    updates = t;
    zeroGradients();
    return true;
  }

  /** Sets every parameter's accumulated gradient to zero, NaNs included. */
  public void zeroGradients() {
    for (Parameter parameter : parameters) {
      NDArray weight = parameter.getArray();
      if (weight instanceof PtNDArray pt) {
        JniUtils.zeroGrad(pt);
      } else {
        throw new TrainerException(
            TrainerException.Reason.ENGINE,
            "expected the PyTorch engine's arrays, found " + weight.getClass().getName());
      }
    }
  }

  /** Writes the update count and both moments of every parameter, exactly. */
  public void save(DataOutputStream out) throws IOException {
    out.writeLong(updates);
    out.writeInt(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      out.writeUTF(names.get(i));
      writeArray(out, firstMoments[i]);
      writeArray(out, secondMoments[i]);
    }
  }

  /**
   * Replaces this optimiser's state with one written by {@link #save}.
   *
   * @throws TrainerException {@code CORRUPT_CHECKPOINT} when the parameters do not match
   */
  public void load(DataInputStream in) throws IOException {
    long savedUpdates = in.readLong();
    int count = in.readInt();
    if (count != parameters.size()) {
      throw mismatch(
          "expected optimiser state for " + parameters.size() + " parameters, found " + count);
    }
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      Parameter parameter = parameters.get(i);
      if (!name.equals(names.get(i))) {
        throw mismatch(
            "optimiser state " + i + ": expected parameter " + names.get(i) + ", found " + name);
      }
      NDArray weight = parameter.getArray();
      firstMoments[i] = replace(firstMoments[i], readArray(in, weight), weight, name);
      secondMoments[i] = replace(secondMoments[i], readArray(in, weight), weight, name);
    }
    updates = savedUpdates;
  }

  @Override
  public void close() {
    stateManager.close();
  }

  private NDArray readArray(DataInputStream in, NDArray like) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return stateManager.decode(bytes).toDevice(like.getDevice(), false);
  }

  private static NDArray replace(NDArray old, NDArray loaded, NDArray weight, String name) {
    if (!loaded.getShape().equals(weight.getShape())) {
      throw mismatch(
          "optimiser state of "
              + name
              + ": expected shape "
              + weight.getShape()
              + ", found "
              + loaded.getShape());
    }
    old.close();
    return loaded;
  }

  private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
    byte[] bytes = array.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static TrainerException mismatch(String message) {
    return new TrainerException(TrainerException.Reason.CORRUPT_CHECKPOINT, message);
  }
}
