package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * The training objective: negative log-likelihood in bits per dimension with 8-bit uniform
 * dequantisation (Glow).
 *
 * <pre>
 * x̃   = x + u,  u ~ U(0, 1/256) per element        (training, from the engine's seeded RNG)
 * x̃   = x + 1/512                                  (evaluation: the bin centre, deterministic)
 * bpd = (−log p(x̃) + D · ln 256) / (D · ln 2),   D = C · T,  log p in nats
 * </pre>
 *
 * A model that is uniform on [0, 1]^D scores exactly 8.
 */
public final class BitsPerDim {

  /** Quantisation levels of the features' 8-bit bound. */
  public static final int LEVELS = 256;

  private BitsPerDim() {}

  /**
   * Adds dequantisation noise ({@code training}) or the bin centre (evaluation).
   *
   * @param x features {@code [B, C, T]} in [0, 1]
   * @return x̃, same shape
   */
  public static NDArray dequantize(NDArray x, boolean training) {
    if (training) {
      return x.add(x.getManager().randomUniform(0f, 1f / LEVELS, x.getShape()));
    }
    return x.add(0.5f / LEVELS);
  }

  /**
   * Converts a log-likelihood in nats to bits per dimension.
   *
   * @param logLikelihood {@code [B]}, log p(x̃) in nats
   * @param dims D = C · T
   * @return {@code [B]} bits per dimension
   */
  public static NDArray fromLogLikelihood(NDArray logLikelihood, long dims) {
    double d = dims;
    return logLikelihood.neg().add((float) (d * Math.log(LEVELS))).div((float) (d * Math.log(2)));
  }

  /**
   * Bits per dimension of each item: dequantises, runs the flow and scores under the prior.
   *
   * @param flow the model
   * @param store parameter values
   * @param x features {@code [B, C, T]} in [0, 1]
   * @param pitch int64 {@code [B]}
   * @param family int64 {@code [B]}
   * @param firstFrame absolute index of x's first frame in its note (0 for whole notes)
   * @param training true: random dequantisation and training mode; false: bin centres
   * @return {@code [B]} bits per dimension; the loss is its mean
   */
  public static NDArray of(
      ConditionalFlow flow,
      ParameterStore store,
      NDArray x,
      NDArray pitch,
      NDArray family,
      long firstFrame,
      boolean training) {
    NDArray xt = dequantize(x, training);
    NDArray ll = flow.logLikelihood(store, xt, pitch, family, firstFrame, training);
    return fromLogLikelihood(ll, x.getShape().get(1) * x.getShape().get(2));
  }
}
