package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed first steps of {@link RmsProp} (Tieleman &amp; Hinton 2012;
 * {@code s ← ρ s + (1 − ρ) g²}, {@code θ ← θ − η g / (√s + ε)}) and {@link AdaGrad} (Duchi,
 * Hazan &amp; Singer 2011; {@code s ← s + g²}, same update), with gradients g₁ = 2, g₂ = −1,
 * g₃ = 0.5 fed directly.
 */
class RmsPropAdaGradTest {

  static double[] run(Optimizer opt, double lr) {
    double[] theta = {0};
    double[] g = {2, -1, 0.5};
    double[] trace = new double[3];
    for (int t = 0; t < 3; t++) {
      opt.step(theta, new double[] {g[t]}, lr);
      trace[t] = theta[0];
    }
    return trace;
  }

  @Test
  void rmsPropFirstSteps() {
    double[] th = run(new RmsProp(1, 0.9, 1e-8), 0.01);
    // s₁ = 0.1·4 = 0.4;                θ₁ = −0.01·2/(√0.4 + 1e-8)   = −0.031622776...
    double t1 = -0.01 * 2 / (Math.sqrt(0.4) + 1e-8);
    assertEquals(t1, th[0], 1e-16);
    assertEquals(-0.0316227766, th[0], 1e-9); // ε shifts the 10th digit
    // s₂ = 0.9·0.4 + 0.1·1 = 0.46;     θ₂ = θ₁ + 0.01/(√0.46 + 1e-8) = θ₁ + 0.014744195...
    double t2 = t1 + 0.01 / (Math.sqrt(0.46) + 1e-8);
    assertEquals(t2, th[1], 1e-16);
    // s₃ = 0.9·0.46 + 0.1·0.25 = 0.439; θ₃ = θ₂ − 0.01·0.5/(√0.439 + 1e-8)
    assertEquals(t2 - 0.005 / (Math.sqrt(0.439) + 1e-8), th[2], 1e-16);
  }

  @Test
  void adaGradFirstSteps() {
    double[] th = run(new AdaGrad(1, 1e-10), 0.1);
    // s₁ = 4;    θ₁ = −0.1·2/√4   = −0.1 (every first step is η·sign(g))
    assertEquals(-0.1, th[0], 1e-10);
    // s₂ = 5;    θ₂ = −0.1 + 0.1/√5 = −0.1 + 0.04472136 = −0.05527864
    assertEquals(-0.1 + 0.1 / Math.sqrt(5), th[1], 1e-10);
    assertEquals(-0.05527864, th[1], 1e-8);
    // s₃ = 5.25; θ₃ = θ₂ − 0.05/√5.25 = −0.05527864 − 0.02182179 = −0.07710043
    assertEquals(-0.07710043, th[2], 1e-8);
  }

  @Test
  void adaGradStepsOnlyShrinkWhileRmsPropForgets() {
    // a constant gradient: AdaGrad's step η/√t decays, RMSProp's tends to η/√1 = η
    AdaGrad ada = new AdaGrad(1, 1e-10);
    RmsProp rms = new RmsProp(1, 0.9, 1e-8);
    double[] a = {0};
    double[] r = {0};
    double[] g = {1};
    double lastA = 0;
    double lastR = 0;
    for (int t = 1; t <= 100; t++) {
      double pa = a[0];
      double pr = r[0];
      ada.step(a, g, 1);
      rms.step(r, g, 1);
      lastA = pa - a[0];
      lastR = pr - r[0];
    }
    assertEquals(1 / Math.sqrt(100), lastA, 1e-9); // s = 100 after 100 unit gradients
    // s = 1 − 0.9¹⁰⁰ after 100 unit gradients
    assertEquals(1 / (Math.sqrt(1 - Math.pow(0.9, 100)) + 1e-8), lastR, 1e-12);
  }
}
