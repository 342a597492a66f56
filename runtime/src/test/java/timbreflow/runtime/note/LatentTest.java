package timbreflow.runtime.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;

class LatentTest {

  private static Latent ramp(int bins, int frames, float scale, Condition c) {
    float[] v = new float[bins * frames];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * scale;
    }
    return new Latent(v, bins, frames, c);
  }

  @Test
  void noiseOfZeroLeavesTheLatentAndTheSameSeedGivesTheSameNoise() {
    Latent z = ramp(3, 4, 1f, Condition.of(60, 0, 2));
    assertEquals(z, z.withNoise(0, 9));
    assertEquals(z.withNoise(0.01, 9), z.withNoise(0.01, 9));
    assertNotEquals(z.withNoise(0.01, 9), z.withNoise(0.01, 10));
    assertThrows(TimbreflowException.class, () -> z.withNoise(-1, 0));
  }

  @Test
  void mixingIsLinearInLatentAndCondition() {
    Latent a = ramp(2, 3, 1f, Condition.of(40, 0, 2));
    Latent b = ramp(2, 3, 3f, Condition.of(60, 1, 2));
    Latent mid = a.mix(b, 0.5);
    assertArrayEquals(ramp(2, 3, 2f, Condition.of(50, 0, 2)).values(), mid.values(), 1e-6f);
    assertEquals(50.0, mid.condition().pitch(), 1e-12);
    assertEquals(0.5f, mid.condition().familyWeights()[1], 1e-6);
  }

  @Test
  void stretchingKeepsTheEndsAndInterpolatesBetween() {
    Latent z = ramp(1, 3, 1f, Condition.of(60, 0, 1));
    Latent s = z.stretched(5);
    assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f}, s.values(), 1e-6f);
    assertEquals(z, z.stretched(3));
  }

  @Test
  void aLatentOfTheWrongSizeIsRefused() {
    assertThrows(
        TimbreflowException.class, () -> new Latent(new float[5], 2, 3, Condition.of(1, 0, 1)));
  }
}
