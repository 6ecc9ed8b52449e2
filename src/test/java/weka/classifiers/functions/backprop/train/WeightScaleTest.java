package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WeightScale}: the exponent brings the largest weight to [1, 2), subnormal ones
 * included (where {@link Math#getExponent} alone answers −1023); 0 without a positive weight;
 * the rescaling is exact, so ordinary weights keep every ratio bit for bit.
 */
class WeightScaleTest {

  @ParameterizedTest(name = "largest {0}")
  @ValueSource(doubles = {1, 1.5, 3, 0.1, 1e-170, 1e160, 1e308, Double.MAX_VALUE, 1e-310,
      Double.MIN_VALUE, Double.MIN_NORMAL})
  void theLargestWeightComesToOneToTwo(double max) {
    double scaled = Math.scalb(max, -WeightScale.exponent(max));
    assertTrue(scaled >= 1 && scaled < 2, max + " became " + scaled);
    double[] w = {max / 4, 0, max, max / 2};
    WeightScale.normalize(w);
    assertEquals(scaled, w[2]);
    assertEquals(0, w[1]);
  }

  @Test
  void noPositiveWeightMeansNoShift() {
    assertEquals(0, WeightScale.exponent(0));
    double[] w = {0, 0};
    assertEquals(0, WeightScale.normalize(w));
    assertArrayEquals(new double[] {0, 0}, w);
  }

  @Test
  void theLargestIsTakenOverTheGivenRowsOnly() {
    double[] w = {1e300, 3, 0.5};
    assertEquals(1, WeightScale.exponentOfLargest(w, new int[] {1, 2}));
    assertEquals(Math.getExponent(1e300), WeightScale.exponentOfLargest(w, null));
  }

  @Test
  void ordinaryWeightsKeepTheirRatiosBitForBit() {
    double[] raw = {0.1, 3.7, 12.25, 7, 0.003};
    double[] w = raw.clone();
    assertEquals(3, WeightScale.normalize(w)); // 12.25 = 1.53 · 2^3
    double rawSum = 0;
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      rawSum += raw[i];
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      assertEquals(raw[i] * (w.length / rawSum), w[i] * (w.length / sum)); // w · n / Σw
    }
  }
}
