package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.backprop.optim.Underflow.NEGLIGIBLE;
import static weka.classifiers.functions.backprop.optim.Underflow.NEGLIGIBLE_SQUARE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Underflow}: the flush sets exactly the values below its bound to zero; a weight pulled
 * only by its L2 gradient {@code g = λθ} (a dead ReLU unit's weight) under an adaptive rule
 * turns subnormal within some thousands of steps without the flush (the problem, shown so that
 * the test cannot pass vacuously) and never with it, for every rule; and a flush of values that
 * small changes no later step of a weight that the data still move.
 */
class UnderflowTest {

  private static final double LR = 0.003;
  private static final double L2 = 1e-4;
  private static final int STEPS = 20_000;

  @Test
  void flushZeroesExactlyTheValuesBelowTheBound() {
    double tiny = Double.MIN_NORMAL / 4; // subnormal
    double[] a = {1e-101, -1e-101, 1e-100, -2e-100, 0.5, tiny, -0.0, 0.0, Double.NaN,
        Double.NEGATIVE_INFINITY, 3e-150};
    Underflow.flush(a, 0, a.length - 1, 1e-100); // the last one is outside the range
    assertArrayEquals(new double[] {0, 0, 1e-100, -2e-100, 0.5, 0, -0.0, 0.0, Double.NaN,
        Double.NEGATIVE_INFINITY, 3e-150}, a);
    assertEquals(Double.doubleToRawLongBits(-1e-101 * 0 + 0.0),
        Double.doubleToRawLongBits(a[1]), "a flushed value is +0.0");
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a[6]),
        "a signed zero keeps its bits");
  }

  /**
   * The branch-free flush against its definition (flushed to +0 exactly when the value is not
   * zero and its magnitude is below the bound, else unchanged to the bit) on a million values:
   * random bit patterns (every exponent, NaNs and infinities among them), values near both bounds,
   * and the bounds' neighbours.
   */
  @Test
  void flushMatchesItsDefinitionBitForBit() {
    java.util.Random rnd = new java.util.Random(7);
    for (double bound : new double[] {NEGLIGIBLE, NEGLIGIBLE_SQUARE, 1.0}) {
      for (int k = 0; k < 1_000_000; k++) {
        double v;
        switch (k % 4) {
          case 0:
            v = Double.longBitsToDouble(rnd.nextLong());
            break;
          case 1:
            v = bound * (rnd.nextDouble() * 2) * (rnd.nextBoolean() ? 1 : -1);
            break;
          case 2:
            v = Math.scalb(rnd.nextDouble() - 0.5, -rnd.nextInt(1100));
            break;
          default:
            double[] near = {bound, Math.nextUp(bound), Math.nextDown(bound), -bound,
                -Math.nextDown(bound), Double.MIN_VALUE, -Double.MIN_VALUE, 0.0, -0.0};
            v = near[rnd.nextInt(near.length)];
        }
        double expected = v != 0 && Math.abs(v) < bound ? 0.0 : v;
        double[] a = {v};
        Underflow.flush(a, 0, 1, bound);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(a[0]),
            () -> "flush of " + v + " below " + bound);
      }
    }
  }

  /** Adam with a gradient of λθ alone, no flush: the weight ends up subnormal. */
  @Test
  void withoutTheFlushAdamDrivesADeadWeightIntoSubnormals() {
    Optimizer adam = OptimizerType.ADAM.create(1, 0, false, 0, new int[] {0, 1});
    double[] theta = {0.1};
    double[] g = new double[1];
    boolean subnormal = false;
    for (int t = 0; t < STEPS && !subnormal; t++) {
      g[0] = L2 * theta[0];
      adam.step(theta, g, LR);
      subnormal = isSubnormal(theta[0]);
    }
    assertTrue(subnormal, "expected the weight to decay into the subnormal range");
  }

  /**
   * The same weight with the flush every {@link Underflow#INTERVAL} steps, as the trainer does:
   * never subnormal, under every rule; Adam's ends at exactly zero and stays there (RMSProp's,
   * without bias correction, keeps oscillating around zero at a step's size).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(OptimizerType.class)
  void withTheFlushNoWeightOrStateTurnsSubnormal(OptimizerType type) {
    Optimizer opt = type.create(1, 0.9, false, 0, new int[] {0, 1});
    double[] theta = {0.1};
    double[] g = new double[1];
    for (int t = 1; t <= STEPS; t++) {
      g[0] = L2 * theta[0];
      opt.step(theta, g, LR);
      if (t % Underflow.INTERVAL == 0) {
        opt.flushNegligible(theta, 0, 1);
      }
      assertTrue(!isSubnormal(theta[0]), "step " + t + ": " + theta[0]);
    }
    if (type == OptimizerType.ADAM) {
      assertEquals(0.0, theta[0], "settled at exactly zero");
      g[0] = 0;
      opt.step(theta, g, LR); // moments flushed too: a zero gradient leaves it at zero
      assertEquals(0.0, theta[0]);
    }
  }

  /**
   * A flush after a stretch of negligible gradients (first and second moments near 1e-111 and
   * 1e-223, flushed to zero) changes no later step once the gradient is of ordinary size again.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = OptimizerType.class, names = {"ADAM", "RMSPROP", "SGD"})
  void flushingNegligibleStateChangesNoLaterStep(OptimizerType type) {
    Optimizer flushed = type.create(1, 0.9, false, 0, new int[] {0, 1});
    Optimizer kept = type.create(1, 0.9, false, 0, new int[] {0, 1});
    double[] a = {0.7};
    double[] b = {0.7};
    double[] g = {1e-110};
    for (int t = 0; t < 5; t++) {
      flushed.step(a, g, LR);
      kept.step(b, g, LR);
    }
    flushed.flushNegligible(a, 0, 1);
    for (int t = 0; t < 50; t++) {
      g[0] = 0.5 * Math.sin(t);
      flushed.step(a, g, LR);
      kept.step(b, g, LR);
      assertEquals(Double.doubleToRawLongBits(b[0]), Double.doubleToRawLongBits(a[0]),
          "step " + t);
    }
  }

  private static boolean isSubnormal(double v) {
    return v != 0 && Math.abs(v) < Double.MIN_NORMAL;
  }
}
