package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PairedErrors}: the paired standard error by hand, and weights of any finite size give
 * the unweighted one.
 */
class PairedErrorsTest {

  @Test
  void standardErrorOfThePairedDifferenceByHand() {
    double[] a = {1, 2, 3, 4};
    double[] b = {0, 0, 0, 0};
    // differences 1..4: mean 2.5, population variance 1.25, n = 4 → SE = sqrt(1.25 / 4)
    assertEquals(2.5, PairedErrors.meanDifference(a, b, new double[] {1, 1, 1, 1}), 1e-15);
    assertEquals(Math.sqrt(1.25 / 4),
        PairedErrors.standardError(a, b, new double[] {1, 1, 1, 1}), 1e-15);
    // scaling all weights changes nothing; a zero weight removes the row
    assertEquals(Math.sqrt(1.25 / 4),
        PairedErrors.standardError(a, b, new double[] {3, 3, 3, 3}), 1e-15);
    // rows 1..3 only: mean 2, variance 2/3, n = 3
    assertEquals(2, PairedErrors.meanDifference(a, b, new double[] {1, 1, 1, 0}), 1e-15);
    assertEquals(Math.sqrt(2.0 / 3 / 3),
        PairedErrors.standardError(a, b, new double[] {1, 1, 1, 0}), 1e-15);
  }

  @ParameterizedTest(name = "every weight {0}")
  @ValueSource(doubles = {1e160, 1e-170, 1e308, 1e-310})
  void equalWeightsOfAnySizeGiveTheUnweightedStandardError(double weight) {
    // Σw² of the raw weights overflows (1e160) or underflows (1e-170) to a NaN standard error
    double[] a = {1, 0, 1, 1, 0};
    double[] b = {0, 0, 1, 0, 1};
    double[] w = new double[a.length];
    java.util.Arrays.fill(w, weight);
    double[] ones = {1, 1, 1, 1, 1};
    assertEquals(PairedErrors.standardError(a, b, ones),
        PairedErrors.standardError(a, b, w), 1e-15);
    assertEquals(PairedErrors.meanDifference(a, b, ones),
        PairedErrors.meanDifference(a, b, w), 1e-15);
  }
}
