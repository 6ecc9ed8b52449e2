package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the {@link Loss} enum computes itself: which losses are regression losses, and the value
 * and derivative of the regression losses for one residual {@code r = a − y}, by hand: squared
 * error {@code ½r²} and {@code r}; absolute error {@code |r|} and {@code sign r} (0 at the kink);
 * Huber with δ = 1, {@code ½r²} and {@code r} inside, {@code |r| − ½} and {@code ±1} outside,
 * continuous in value and slope at {@code |r| = δ}. Each derivative agrees with a central
 * difference of the value away from the kinks; the weighted loss of outputs 0 over rows, by
 * hand. The cross-entropies have no per-residual form and are refused there; their values and
 * gradients (fused with the output transform) are {@link OutputLayerTest}'s.
 */
class LossTest {

  @Test
  void regressionLossesAreTheResidualOnes() {
    assertFalse(Loss.CROSS_ENTROPY.isRegression());
    assertFalse(Loss.BINARY_CROSS_ENTROPY.isRegression());
    assertTrue(Loss.SQUARED_ERROR.isRegression());
    assertTrue(Loss.ABSOLUTE_ERROR.isRegression());
    assertTrue(Loss.HUBER.isRegression());
    assertEquals(1.0, Loss.HUBER_DELTA);
  }

  @ParameterizedTest(name = "{0}(r = {1}) = {2}, derivative {3}")
  @CsvSource({
    "SQUARED_ERROR,   0.5,   0.125,  0.5",
    "SQUARED_ERROR,  -3,     4.5,   -3",
    "SQUARED_ERROR,   0,     0,      0",
    "ABSOLUTE_ERROR,  0.5,   0.5,    1",
    "ABSOLUTE_ERROR, -3,     3,     -1",
    "ABSOLUTE_ERROR,  0,     0,      0",
    // Huber, quadratic inside δ = 1 ...
    "HUBER,           0.5,   0.125,  0.5",
    "HUBER,          -0.5,   0.125, -0.5",
    "HUBER,           0,     0,      0",
    "HUBER,           1,     0.5,    1",
    "HUBER,          -1,     0.5,   -1",
    // ... linear outside: |r| − ½, slope ±1
    "HUBER,           3,     2.5,    1",
    "HUBER,          -3,     2.5,   -1",
    "HUBER,           1.5,   1.0,    1",
    "HUBER,         -10,     9.5,   -1",
  })
  void residualLossAndDerivativeByHand(Loss loss, double r, double value, double derivative) {
    assertEquals(value, loss.residualLoss(r), 1e-15, "value");
    assertEquals(derivative, loss.residualGradient(r), 1e-15, "derivative");
  }

  @ParameterizedTest(name = "{0} at r = {1}")
  @CsvSource({
    "SQUARED_ERROR,   0.7",
    "SQUARED_ERROR,  -2.3",
    "ABSOLUTE_ERROR, -0.3",
    "ABSOLUTE_ERROR,  4",
    "HUBER,           0.4",
    "HUBER,          -0.9",
    "HUBER,          -2",
    "HUBER,           1.25",
  })
  void derivativeMatchesACentralDifferenceOfTheValue(Loss loss, double r) {
    double h = 1e-6;
    double numeric = (loss.residualLoss(r + h) - loss.residualLoss(r - h)) / (2 * h);
    assertEquals(numeric, loss.residualGradient(r), 1e-8);
  }

  @Test
  void huberIsContinuousInValueAndSlopeAtDelta() {
    double d = Loss.HUBER_DELTA;
    for (double side : new double[] {-1, 1}) {
      double inside = Math.nextDown(d) * side;
      double outside = Math.nextUp(d) * side;
      assertEquals(Loss.HUBER.residualLoss(inside), Loss.HUBER.residualLoss(outside), 1e-15);
      assertEquals(Loss.HUBER.residualGradient(inside), Loss.HUBER.residualGradient(outside),
          1e-15);
      assertEquals(side, Loss.HUBER.residualGradient(outside));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"CROSS_ENTROPY", "BINARY_CROSS_ENTROPY"})
  void crossEntropiesHaveNoResidualForm(Loss loss) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loss.residualLoss(0.5));
    assertTrue(e.getMessage().contains(loss + " is not a regression loss"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> loss.residualGradient(0.5));
    assertThrows(IllegalStateException.class,
        () -> loss.lossOfZeroOutputs(new double[] {1}, new double[] {1}, 1, 1));
  }

  /**
   * Outputs of 0 against targets 1 and −2 (weights 1 and ½): squared ½·1 + ½·(½·4) = 1.5,
   * absolute 1 + ½·2 = 2, Huber ½·1 + ½·(2 − ½) = 1.25.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"SQUARED_ERROR, 1.5", "ABSOLUTE_ERROR, 2", "HUBER, 1.25"})
  void lossOfZeroOutputsByHand(Loss loss, double expected) {
    assertEquals(expected, loss.lossOfZeroOutputs(new double[] {1, -2}, new double[] {1, 0.5}, 2,
        1), 1e-15);
  }
}
