package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationDistancesTest {

  private static float[] filled(int n, float v) {
    float[] x = new float[n];
    Arrays.fill(x, v);
    return x;
  }

  @Test
  void aMidpointOnTheLinearMixIsInfinitelyCloserToItThanToEitherNote() {
    float[] a = filled(50, 0.2f);
    float[] b = filled(50, 0.6f);
    InterpolationDistances d = InterpolationDistances.of(filled(50, 0.4f), a, b);
    assertEquals(0, d.midpointToMix(), 1e-7);
    assertEquals(0.2, d.midpointToA(), 1e-6);
    assertEquals(0.2, d.midpointToB(), 1e-6);
    assertEquals(0.4, d.aToB(), 1e-6);
    assertEquals(Double.POSITIVE_INFINITY, d.closerToMix());
  }

  @Test
  void distancesOfAnOffsetMidpointAreItsRmsOffsets() {
    float[] a = filled(40, 0f);
    float[] b = filled(40, 1f);
    // half the values at 0.4, half at 0.6: RMS 0.1 from the mix (0.5), √((0.16+0.36)/2) from a
    float[] mid = new float[40];
    for (int i = 0; i < mid.length; i++) {
      mid[i] = i % 2 == 0 ? 0.4f : 0.6f;
    }
    InterpolationDistances d = InterpolationDistances.of(mid, a, b);
    assertEquals(0.1, d.midpointToMix(), 1e-6);
    assertEquals(Math.sqrt(0.26), d.midpointToA(), 1e-6);
    assertEquals(Math.sqrt(0.26), d.midpointToB(), 1e-6);
    assertEquals(1.0, d.aToB(), 1e-6);
    assertEquals(Math.sqrt(0.26) / 0.1, d.closerToMix(), 1e-4);
  }

  @Test
  void aMidpointEqualToOneNoteIsNearerThatNoteThanTheMix() {
    float[] a = filled(10, 0.1f);
    float[] b = filled(10, 0.9f);
    InterpolationDistances d = InterpolationDistances.of(a.clone(), a, b);
    assertEquals(0, d.midpointToA(), 1e-7);
    assertEquals(0.4, d.midpointToMix(), 1e-6);
    assertEquals(0, d.closerToMix(), 1e-7);
  }

  private static InterpolationPair pair(double toMix, double toA, double toB) {
    return new InterpolationPair(
        "bass",
        "organ",
        48,
        "a",
        "b",
        new InterpolationDistances(toMix, toA, toB, toA + toB),
        Math.min(toA, toB) / toMix);
  }

  @Test
  void conclusionSaysLinearOnlyWhenMostPairsAreNearerTheMixByAtLeastTwice() {
    String linear =
        InterpolationConclusion.describe(
            List.of(pair(0.02, 0.1, 0.12), pair(0.03, 0.09, 0.2), pair(0.01, 0.1, 0.1)));
    assertTrue(linear.contains("5.0× closer"), linear);
    assertTrue(linear.contains("roughly linearly interpolate"), linear);
    assertTrue(linear.contains("in 3 of 3 pairs"), linear);
    assertTrue(!linear.contains("exception"), linear);
    String oneOff =
        InterpolationConclusion.describe(
            List.of(
                pair(0.02, 0.1, 0.12),
                pair(0.03, 0.09, 0.2),
                pair(0.01, 0.1, 0.1),
                pair(0.1, 0.08, 0.3)));
    assertTrue(oneOff.contains("roughly linearly interpolate"), oneOff);
    assertTrue(oneOff.contains("in 3 of 4 pairs"), oneOff);
    assertTrue(oneOff.contains("The exception (bass ↔ organ at MIDI 48) lies"), oneOff);
    String halfOff =
        InterpolationConclusion.describe(
            List.of(
                pair(0.02, 0.1, 0.12),
                pair(0.01, 0.1, 0.1),
                pair(0.1, 0.08, 0.3),
                pair(0.1, 0.09, 0.3)));
    assertTrue(halfOff.contains("but in 2 of 4 pairs"), halfOff);
    assertTrue(halfOff.contains("does not simply interpolate"), halfOff);
    String partly =
        InterpolationConclusion.describe(List.of(pair(0.05, 0.07, 0.2), pair(0.05, 0.06, 0.1)));
    assertTrue(partly.contains("1.3× closer"), partly);
    assertTrue(partly.contains("does not simply interpolate"), partly);
    String not = InterpolationConclusion.describe(List.of(pair(0.2, 0.05, 0.3)));
    assertTrue(not.contains("4.0× as far from the linear mix"), not);
    assertTrue(not.contains("does not linearly interpolate"), not);
    assertTrue(not.contains("in 0 of 1 pairs"), not);
  }

  @Test
  void featureErrorsAreMeanMaxAndRmsOfTheDifference() {
    FeatureErrors e = FeatureErrors.between(new float[] {0, 0, 0, 0}, new float[] {1, -1, 0, 0});
    assertEquals(0.5, e.meanAbs(), 1e-12);
    assertEquals(1, e.maxAbs(), 1e-12);
    assertEquals(Math.sqrt(0.5), e.rms(), 1e-12);
    FeatureErrors nan = FeatureErrors.between(new float[] {0}, new float[] {Float.NaN});
    assertEquals(Double.POSITIVE_INFINITY, nan.maxAbs());
  }
}
