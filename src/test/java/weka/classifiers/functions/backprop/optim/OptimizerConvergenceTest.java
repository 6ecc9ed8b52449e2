package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour every {@link Optimizer} built by {@link OptimizerType#create} must share: it
 * minimizes the convex quadratic {@code f(θ) = ½ Σ a_i (θ_i − c_i)²} (curvatures 0.5 … 10, so
 * condition number 20), never modifies the gradient it is given, {@link Optimizer#copy()} yields
 * an independent optimizer with the same state, and {@link Optimizer#reset()} makes it behave
 * like a fresh one. The first steps of each rule are checked by hand in {@link SgdTest},
 * {@link AdamTest} and {@link RmsPropAdaGradTest}.
 */
class OptimizerConvergenceTest {

  static final double[] A = {1, 4, 0.5, 10};
  static final double[] C = {1, -2, 0.5, 3};
  static final int[] ALL = {0, 4};

  /** name, factory, base learning rate. */
  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("SGD", factory(OptimizerType.SGD, 0, false, 0), 0.05),
        Arguments.of("SGD+momentum", factory(OptimizerType.SGD, 0.9, false, 0), 0.01),
        Arguments.of("SGD+Nesterov", factory(OptimizerType.SGD, 0.9, true, 0), 0.01),
        Arguments.of("Adam", factory(OptimizerType.ADAM, 0, false, 0), 0.05),
        Arguments.of("AdamW", factory(OptimizerType.ADAMW, 0, false, 1e-3), 0.05),
        Arguments.of("RMSProp", factory(OptimizerType.RMSPROP, 0, false, 0), 0.01),
        Arguments.of("AdaGrad", factory(OptimizerType.ADAGRAD, 0, false, 0), 0.5));
  }

  static Supplier<Optimizer> factory(OptimizerType type, double mu, boolean nesterov, double wd) {
    return () -> type.create(A.length, mu, nesterov, wd, ALL);
  }

  static void gradient(double[] theta, double[] g) {
    for (int i = 0; i < A.length; i++) {
      g[i] = A[i] * (theta[i] - C[i]);
    }
  }

  static double f(double[] theta) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      s += 0.5 * A[i] * (theta[i] - C[i]) * (theta[i] - C[i]);
    }
    return s;
  }

  /**
   * 1000 steps at the base rate, then 1000 with the rate decayed geometrically by 1% a step:
   * the adaptive methods at a constant rate end up hopping around the minimum by about η, the
   * decay lets every method settle.
   */
  static double[] minimize(Optimizer opt, double lr0) {
    double[] theta = new double[A.length];
    double[] g = new double[A.length];
    for (int t = 0; t < 2000; t++) {
      gradient(theta, g);
      opt.step(theta, g, t < 1000 ? lr0 : lr0 * Math.pow(0.99, t - 1000));
    }
    return theta;
  }

  @ParameterizedTest(name = "{0} minimizes a quadratic")
  @MethodSource("optimizers")
  void minimizesConvexQuadratic(String name, Supplier<Optimizer> make, double lr) {
    double[] theta = minimize(make.get(), lr);
    double f0 = f(new double[A.length]);
    if (name.equals("AdamW")) {
      // Decoupled decay moves the fixed point towards 0: close to c, and strictly shrunk.
      assertArrayEquals(C, theta, 1e-2);
      for (int i = 0; i < C.length; i++) {
        assertTrue(Math.abs(theta[i]) < Math.abs(C[i]), "coordinate " + i + " not shrunk");
      }
      assertTrue(f(theta) < 1e-5 * f0);
    } else {
      assertArrayEquals(C, theta, 1e-8, name);
      assertTrue(f(theta) < 1e-15 * f0, name + ": f = " + f(theta));
    }
  }

  @ParameterizedTest(name = "{0} does not modify the gradient")
  @MethodSource("optimizers")
  void leavesGradientUntouched(String name, Supplier<Optimizer> make, double lr) {
    Optimizer opt = make.get();
    double[] theta = {0.3, -0.2, 0.1, 0.7};
    double[] g = {1.5, -2.5, 0.25, 0};
    double[] copy = g.clone();
    for (int t = 0; t < 3; t++) {
      opt.step(theta, g, lr);
      assertArrayEquals(copy, g, 0.0);
    }
  }

  @ParameterizedTest(name = "{0}: an L2 penalty folded into the update")
  @MethodSource("optimizers")
  void updateWithL2GivesTheBitsOfAddingThePenaltyFirst(String name, Supplier<Optimizer> make,
      double lr) {
    Optimizer folded = make.get();
    Optimizer added = make.get();
    double[] theta = {0.3, -0.2, 0.1, 0.7};
    double[] expected = theta.clone();
    double l2 = 0.037;
    for (int t = 0; t < 4; t++) {
      double[] g = {1.5 / (t + 1), -2.5, 0.25, 0};
      double[] withPenalty = g.clone();
      for (int i = 0; i < g.length; i++) {
        withPenalty[i] += l2 * expected[i]; // as Regularizer.addWeightGradient does
      }
      added.beginStep();
      added.update(expected, withPenalty, lr, 0, g.length);
      folded.beginStep();
      double[] before = g.clone();
      folded.updateWithL2(theta, g, l2, lr, 0, g.length);
      assertArrayEquals(expected, theta, name + ", step " + t);
      if (folded.keepsGradientWithL2()) {
        assertArrayEquals(before, g, 0.0, name + " says it leaves the gradient");
      }
    }
  }

  @ParameterizedTest(name = "{0}: copy() carries the state and is independent")
  @MethodSource("optimizers")
  void copyIsIndependentAndCarriesState(String name, Supplier<Optimizer> make, double lr) {
    double[] g1 = {1, -2, 3, -4};
    double[] g2 = {-0.5, 0.25, 2, 1};
    Optimizer original = make.get();
    double[] theta = {0.1, 0.2, 0.3, 0.4};
    original.step(theta, g1, lr);
    original.step(theta, g2, lr);

    Optimizer copy = original.copy();
    assertFalse(copy == original);
    assertEquals(original.getClass(), copy.getClass());

    // Same state: the next step from the same point is bit-identical.
    double[] viaCopy = theta.clone();
    copy.step(viaCopy, g1, lr);
    // Hammer the copy; the original must not notice.
    double[] scratch = theta.clone();
    for (int t = 0; t < 5; t++) {
      copy.step(scratch, g2, lr);
    }
    double[] viaOriginal = theta.clone();
    original.step(viaOriginal, g1, lr);
    assertArrayEquals(viaCopy, viaOriginal, 0.0);

    // And the other way round: the original's extra step did not reach the copy's state.
    Optimizer twin = make.get();
    double[] p = {0.1, 0.2, 0.3, 0.4};
    twin.step(p, g1, lr);
    twin.step(p, g2, lr);
    twin.step(p, g1, lr);
    for (int t = 0; t < 5; t++) {
      twin.step(p, g2, lr);
    }
    double[] a = p.clone();
    double[] b = p.clone();
    twin.step(a, g1, lr);
    copy.step(b, g1, lr);
    assertArrayEquals(a, b, 0.0);
  }

  /**
   * {@link Optimizer#perParameterState}: arrays as long as the parameters, held live, so that
   * reordering the parameters, the gradient and every state array the same way (as the first
   * layer's two-block layout does) makes the next steps the reordered steps, to the bit; none
   * for plain SGD, which keeps no state.
   */
  @ParameterizedTest(name = "{0}: state reordered with the parameters")
  @MethodSource("optimizers")
  void stateReorderedWithTheParametersGivesTheReorderedSteps(String name,
      Supplier<Optimizer> make, double lr) {
    double[] g1 = {1, -2, 3, -4};
    double[] g2 = {-0.5, 0.25, 2, 1};
    int[] order = {2, 0, 3, 1}; // position k of the reordered arrays holds element order[k]
    Optimizer plain = make.get();
    Optimizer reordered = make.get();
    double[] a = {0.1, 0.2, 0.3, 0.4};
    double[] b = a.clone();
    plain.step(a, g1, lr);
    reordered.step(b, g1, lr);
    double[][] state = reordered.perParameterState();
    assertEquals(name.equals("SGD") ? 0 : 1, Math.min(1, state.length), name);
    for (double[] s : state) {
      assertEquals(A.length, s.length);
      double[] copy = s.clone();
      for (int k = 0; k < order.length; k++) {
        s[k] = copy[order[k]];
      }
    }
    double[] bReordered = new double[4];
    double[] g2Reordered = new double[4];
    for (int k = 0; k < order.length; k++) {
      bReordered[k] = b[order[k]];
      g2Reordered[k] = g2[order[k]];
    }
    plain.step(a, g2, lr);
    reordered.step(bReordered, g2Reordered, lr);
    for (int k = 0; k < order.length; k++) {
      assertEquals(a[order[k]], bReordered[k], 0.0, name + " parameter " + order[k]);
    }
  }

  @ParameterizedTest(name = "{0}: reset() forgets all state")
  @MethodSource("optimizers")
  void resetBehavesLikeFresh(String name, Supplier<Optimizer> make, double lr) {
    double[] g1 = {1, -2, 3, -4};
    double[] g2 = {-0.5, 0.25, 2, 1};
    Optimizer used = make.get();
    double[] scratch = {0, 0, 0, 0};
    for (int t = 0; t < 7; t++) {
      used.step(scratch, t % 2 == 0 ? g1 : g2, lr);
    }
    used.reset();
    Optimizer fresh = make.get();
    double[] a = {0.1, 0.2, 0.3, 0.4};
    double[] b = a.clone();
    for (int t = 0; t < 3; t++) {
      used.step(a, t % 2 == 0 ? g2 : g1, lr);
      fresh.step(b, t % 2 == 0 ? g2 : g1, lr);
      assertArrayEquals(b, a, 0.0, "step " + (t + 1) + " after reset");
    }
  }

  @Test
  void factoryBuildsTheRightRules() {
    int[] r = {0, 2};
    assertInstanceOf(Sgd.class, OptimizerType.SGD.create(2, 0.9, true, 0.1, r));
    assertInstanceOf(Adam.class, OptimizerType.ADAM.create(2, 0.9, true, 0.1, r));
    assertInstanceOf(Adam.class, OptimizerType.ADAMW.create(2, 0.9, true, 0.1, r));
    assertInstanceOf(RmsProp.class, OptimizerType.RMSPROP.create(2, 0.9, true, 0.1, r));
    assertInstanceOf(AdaGrad.class, OptimizerType.ADAGRAD.create(2, 0.9, true, 0.1, r));
    for (OptimizerType t : OptimizerType.values()) {
      assertEquals(t == OptimizerType.ADAMW, t.decouplesWeightDecay(), t.name());
    }
  }

  /** Only ADAMW turns the weight-decay argument into decoupled decay; ADAM ignores it. */
  @Test
  void onlyAdamWDecays() {
    int[] r = {0, 2};
    double[] zero = {0, 0};
    double[] adam = {1, 1};
    double[] adamW = {1, 1};
    OptimizerType.ADAM.create(2, 0, false, 0.5, r).step(adam, zero, 0.1);
    OptimizerType.ADAMW.create(2, 0, false, 0.5, r).step(adamW, zero, 0.1);
    assertArrayEquals(new double[] {1, 1}, adam, 0.0);
    // θ ← θ (1 − η λ) = 1 · (1 − 0.1 · 0.5) = 0.95; a zero gradient adds no Adam step
    assertArrayEquals(new double[] {0.95, 0.95}, adamW, 1e-15);
  }
}
