package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {

  @Test
  void everyFiniteHalfRoundTripsExactly() {
    for (int h = 0; h < 1 << 16; h++) {
      float f = Half.toFloat((short) h);
      if (Float.isNaN(f)) {
        continue;
      }
      assertEquals((short) h, Half.fromFloat(f), "half 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void featuresInZeroToOneKeepARelativeErrorBelow2ToTheMinus11() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      float x = (float) random.nextDouble();
      float y = Half.toFloat(Half.fromFloat(x));
      assertTrue(Math.abs(x - y) <= Math.ulp(1f) + Math.abs(x) * 0x1p-11f, x + " -> " + y);
    }
    assertEquals(1f, Half.toFloat(Half.fromFloat(1f)));
    assertEquals(0f, Half.toFloat(Half.fromFloat(0f)));
    assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(1e6f)));
  }
}
