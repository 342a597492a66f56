package timbreflow.trainer.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * A note's condition in the continuous form the conditional parts embed: pitch as a float MIDI
 * number and family as a weight vector over the families.
 *
 * <p>Integer labels (int64 pitch {@code [B]}, int64 family {@code [B]}) are the training data's;
 * float32 pitch {@code [B]} and float32 family weights {@code [B, F]} are what interpolation
 * between notes makes. Labels embed exactly as a table lookup would: the interpolation weight of an
 * integer pitch is exactly 0 and a one-hot family row sums one table row.
 */
final class NoteCondition {

  private NoteCondition() {}

  /**
   * The embedding of a continuous pitch: {@code (1 − f)·table[lo] + f·table[hi]} with {@code p}
   * clipped to 0…P−1, {@code lo = ⌊p⌋}, {@code hi = min(lo + 1, P − 1)}, {@code f = p − lo}.
   *
   * @param table {@code [P, E]}
   * @param pitch int64 or float32 {@code [B]}
   * @return {@code [B, E]} on {@code pitch}'s manager
   */
  static NDArray pitchRows(NDArray table, NDArray pitch) {
    long last = table.getShape().get(0) - 1;
    if (pitch.getDataType().isInteger()) {
      return Scope.local(table.get(new NDIndex("{}", pitch.toType(DataType.INT64, false))), pitch);
    }
    NDArray p = pitch.toType(DataType.FLOAT32, false).clip(0, last);
    NDArray lo = p.floor();
    NDArray hi = lo.add(1).minimum(last);
    NDArray frac = p.sub(lo).expandDims(1);
    NDArray low = Scope.local(table.get(new NDIndex("{}", lo.toType(DataType.INT64, false))), p);
    NDArray high = Scope.local(table.get(new NDIndex("{}", hi.toType(DataType.INT64, false))), p);
    return low.mul(frac.neg().add(1)).add(high.mul(frac));
  }

  /**
   * The embedding of a family: the weighted sum of the table's rows.
   *
   * @param table {@code [F, E]}
   * @param family int64 labels {@code [B]} or float32 weights {@code [B, F]}
   * @return {@code [B, E]} on {@code family}'s manager
   */
  static NDArray familyRows(NDArray table, NDArray family) {
    if (family.getDataType().isInteger()) {
      return Scope.local(
          table.get(new NDIndex("{}", family.toType(DataType.INT64, false))), family);
    }
    long families = table.getShape().get(0);
    if (family.getShape().dimension() != 2 || family.getShape().get(1) != families) {
      throw new IllegalArgumentException(
          "expected family weights [B, " + families + "], found " + family.getShape());
    }
    return Scope.local(family.toType(DataType.FLOAT32, false).matMul(table), family);
  }
}
