package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed first steps of {@link Sgd} in its three forms (PyTorch convention
 * {@code v ← μ v + g}): plain {@code θ ← θ − η g}; classical momentum {@code θ ← θ − η v}, whose
 * velocity accumulates past gradients; Nesterov {@code θ ← θ − η (g + μ v)}, which looks ahead
 * along the updated velocity. Gradients are fed directly (g₁ = 2, g₂ = −1, g₃ = 0.5), so every
 * expected value below follows from the arithmetic written next to it.
 */
class SgdTest {

  static final double LR = 0.1;
  static final double MU = 0.9;
  static final double[] G = {2, -1, 0.5};

  static double[] run(Sgd opt, double theta0) {
    double[] theta = {theta0};
    double[] trace = new double[G.length];
    for (int t = 0; t < G.length; t++) {
      opt.step(theta, new double[] {G[t]}, LR);
      trace[t] = theta[0];
    }
    return trace;
  }

  @Test
  void plainSgd() {
    // θ₁ = 1 − 0.1·2 = 0.8;  θ₂ = 0.8 − 0.1·(−1) = 0.9;  θ₃ = 0.9 − 0.1·0.5 = 0.85
    assertArrayEquals(new double[] {0.8, 0.9, 0.85}, run(new Sgd(1, 0, false), 1), 1e-15);
    // with μ = 0 Nesterov degenerates to plain SGD too
    assertArrayEquals(new double[] {0.8, 0.9, 0.85}, run(new Sgd(1, 0, true), 1), 1e-15);
  }

  @Test
  void classicalMomentumAccumulatesVelocity() {
    // v₁ = 0.9·0 + 2 = 2;          θ₁ = 1 − 0.1·2 = 0.8
    // v₂ = 0.9·2 + (−1) = 0.8;     θ₂ = 0.8 − 0.1·0.8 = 0.72
    //   (plain SGD would have moved θ UP by 0.1 here; momentum keeps it going down)
    // v₃ = 0.9·0.8 + 0.5 = 1.22;   θ₃ = 0.72 − 0.1·1.22 = 0.598
    assertArrayEquals(new double[] {0.8, 0.72, 0.598}, run(new Sgd(1, MU, false), 1), 1e-15);
  }

  @Test
  void nesterovLooksAhead() {
    // v₁ = 2;     θ₁ = 1 − 0.1·(2 + 0.9·2) = 1 − 0.38 = 0.62
    //   (the first step is already (1 + μ) = 1.9 times the plain one)
    // v₂ = 0.8;   θ₂ = 0.62 − 0.1·(−1 + 0.9·0.8) = 0.62 − 0.1·(−0.28) = 0.648
    // v₃ = 1.22;  θ₃ = 0.648 − 0.1·(0.5 + 0.9·1.22) = 0.648 − 0.1·1.598 = 0.4882
    assertArrayEquals(new double[] {0.62, 0.648, 0.4882}, run(new Sgd(1, MU, true), 1), 1e-15);
  }

  @Test
  void coordinatesAreIndependentAndLearningRateIsPerStep() {
    Sgd opt = new Sgd(2, MU, false);
    double[] theta = {0, 10};
    opt.step(theta, new double[] {1, 0}, 0.5);
    // coordinate 0: v = 1, θ = −0.5; coordinate 1 has no gradient and does not move
    assertArrayEquals(new double[] {-0.5, 10}, theta, 1e-15);
    opt.step(theta, new double[] {0, 0}, 0.2);
    // zero gradient, but the velocity carries on: v = 0.9, θ = −0.5 − 0.2·0.9 = −0.68
    assertArrayEquals(new double[] {-0.68, 10}, theta, 1e-15);
  }

  @Test
  void resetClearsVelocity() {
    Sgd opt = new Sgd(1, MU, false);
    double[] theta = {0};
    opt.step(theta, new double[] {1}, 1);
    opt.reset();
    opt.step(theta, new double[] {0}, 1);
    assertEquals(-1, theta[0], 0.0, "a zero gradient after reset must not move θ");
  }
}
