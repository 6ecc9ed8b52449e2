package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed steps of {@link Adam} (Kingma &amp; Ba 2015) with β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8: the bias correction at t = 1 (where the step is η·g/(|g|+ε) ≈ η·sign(g), whatever
 * the gradient's size) and t = 2, the step counter, and AdamW's decoupled decay
 * {@code θ ← θ(1 − ηλ)} (Loshchilov &amp; Hutter 2019, PyTorch's form) that acts only on the
 * given index ranges and before the Adam step.
 */
class AdamTest {

  static final double B1 = 0.9;
  static final double B2 = 0.999;
  static final double EPS = 1e-8;

  static Adam adam(int n) {
    return new Adam(n, B1, B2, EPS, 0, new int[] {0, n});
  }

  @Test
  void firstStepIsLearningRateTimesSignWhateverTheGradientMagnitude() {
    Adam opt = adam(4);
    double[] theta = {1, -2, 0.5, 3};
    double[] g = {2, -0.001, 300, 1e-3};
    opt.step(theta, g, 0.1);
    // t = 1: m = 0.1 g, v = 0.001 g²; m̂ = m / (1 − 0.9) = g; v̂ = v / (1 − 0.999) = g²
    // step = η ĝ / (|g| + ε) = 0.1 · g / (|g| + 1e-8)
    double[] expected = new double[4];
    double[] start = {1, -2, 0.5, 3};
    for (int i = 0; i < 4; i++) {
      expected[i] = start[i] - 0.1 * g[i] / (Math.abs(g[i]) + 1e-8);
    }
    assertArrayEquals(expected, theta, 1e-15);
    // i.e. ≈ η·sign(g) for all four, across five orders of magnitude of |g|
    assertArrayEquals(new double[] {0.9, -1.9, 0.4, 2.9}, theta, 1e-5);
    assertEquals(1, opt.steps());
  }

  @Test
  void secondStepUsesBiasCorrectionWithTEqualsTwo() {
    Adam opt = adam(1);
    double[] theta = {1};
    opt.step(theta, new double[] {2}, 0.1);
    // t = 1: θ₁ = 1 − 0.1 · 2 / (2 + 1e-8) = 0.9 + 5e-10 (see above); m₁ = 0.2, v₁ = 0.004
    assertEquals(0.9 + 0.1 * 1e-8 / (2 + 1e-8), theta[0], 1e-15);
    opt.step(theta, new double[] {-1}, 0.1);
    // t = 2, g = −1:
    //   m₂ = 0.9·0.2 + 0.1·(−1)   = 0.08
    //   v₂ = 0.999·0.004 + 0.001·1 = 0.004996
    //   m̂ = 0.08 / (1 − 0.9²)     = 0.08 / 0.19     = 0.42105263157894735
    //   v̂ = 0.004996 / (1 − 0.999²) = 0.004996 / 0.001999 = 2.4992496248124062
    //   step = 0.1 · 0.42105263157894735 / (√2.4992496248124062 + 1e-8)
    //        = 0.1 · 0.42105263157894735 / 1.5809015228... = 0.026633707...
    double mHat = 0.08 / 0.19;
    double vHat = 0.004996 / 0.001999;
    double expected = 0.9 + 0.1 * 1e-8 / (2 + 1e-8) - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
    assertEquals(expected, theta[0], 1e-14);
    assertEquals(0.8733663, theta[0], 1e-7);
    // Without bias correction the second step would be 0.1·0.08/√0.004996 = 0.1132: 4× larger.
    assertEquals(2, opt.steps());
  }

  @Test
  void adamWDecaysOnlyTheGivenRangesAndBeforeTheAdamStep() {
    // decay ranges [0,1) and [2,3): parameters 0 and 2 decay, 1 and 3 (say, biases) do not
    Adam opt = new Adam(4, B1, B2, EPS, 0.5, new int[] {0, 1, 2, 3});
    double[] theta = {1, 1, -2, -2};
    double[] g = {0, 0, 4, 4};
    opt.step(theta, g, 0.1);
    // shrink = 1 − η λ = 1 − 0.1·0.5 = 0.95, applied to θ₀ and θ₂ only;
    // then the Adam step: 0 for a zero gradient, 0.1·4/(4 + 1e-8) ≈ 0.1 for g = 4
    double adamStep = 0.1 * 4 / (4 + 1e-8);
    assertArrayEquals(
        new double[] {0.95, 1, -2 * 0.95 - adamStep, -2 - adamStep}, theta, 1e-15);
    // Decoupled: the decay is η λ θ whatever the gradient scale, not divided by √v̂.
    opt.step(theta, g, 0.1);
    assertEquals(0.95 * 0.95, theta[0], 1e-15);
    assertEquals(1, theta[1], 0.0);
  }

  @Test
  void resetRestartsTheStepCounter() {
    Adam opt = adam(1);
    double[] theta = {0};
    opt.step(theta, new double[] {1}, 0.1);
    opt.step(theta, new double[] {1}, 0.1);
    opt.reset();
    assertEquals(0, opt.steps());
    double before = theta[0];
    opt.step(theta, new double[] {-3}, 0.1);
    // after reset the first step is again ≈ η·sign(g)
    assertEquals(before + 0.1, theta[0], 1e-8);
    Adam copy = (Adam) opt.copy();
    assertEquals(1, copy.steps());
  }
}
