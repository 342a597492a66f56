package timbreflow.runtime.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/** Tick spacing and labels for linear axes. */
final class Axes {

  private Axes() {}

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough} (positive). */
  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A tick value without trailing zeros or floating-point noise: 0, 0.2, 1000. */
  static String format(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(6));
    String s = rounded.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
