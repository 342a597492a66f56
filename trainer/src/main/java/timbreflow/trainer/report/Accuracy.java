package timbreflow.trainer.report;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * How many of a group a judge found right.
 *
 * @param judged how many were judged
 * @param right how many were right
 * @param accuracy {@code right / judged}, NaN when none was judged
 */
public record Accuracy(int judged, int right, double accuracy) {

  /** The accuracy of {@code right} out of {@code judged}. */
  static Accuracy of(long right, long judged) {
    return new Accuracy(
        (int) judged, (int) right, judged == 0 ? Double.NaN : right / (double) judged);
  }

  /** The share of {@code items} that {@code isRight} accepts. */
  static <T> Accuracy count(Collection<T> items, Predicate<? super T> isRight) {
    return of(items.stream().filter(isRight).count(), items.size());
  }

  /** This accuracy divided by {@code reference}'s, NaN when either is NaN or the reference 0. */
  double ratioTo(Accuracy reference) {
    return reference.accuracy() > 0 ? accuracy / reference.accuracy() : Double.NaN;
  }
}
