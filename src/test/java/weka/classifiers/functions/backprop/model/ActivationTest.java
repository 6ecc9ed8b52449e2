package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GELU's normal CDF approximation (Abramowitz &amp; Stegun 7.1.26): within its published error
 * bound of the exact Φ, and its derivative is the exact derivative of the approximation (central
 * differences) and close to the normal density. Every activation's bulk loops give exactly the
 * per-element value and derivative (some override the loops for speed).
 */
class ActivationTest {

  @Test
  void normalCdfIsWithinTheBoundAndItsDerivativeMatchesFiniteDifferences() {
    for (double z = -8; z <= 8; z += 0.01) {
      double exact = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
      assertEquals(exact, Activation.normalCdf(z), 1.5e-7 / 2 + 1e-15, "Φ(" + z + ")");
      double density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      assertEquals(density, Activation.normalPdf(z), 1e-5, "φ(" + z + ")");
      if (Math.abs(z) > 1e-3) { // |z| is not differentiable at 0 inside the formula
        double h = 1e-5;
        double fd = (Activation.normalCdf(z + h) - Activation.normalCdf(z - h)) / (2 * h);
        assertEquals(fd, Activation.normalPdf(z), 1e-9, "dΦ/dz(" + z + ")");
      }
    }
    assertEquals(0.5, Activation.normalCdf(0), 1e-9);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void bulkLoopsEqualThePerElementDefinition(Activation f) {
    double[] z = {-3, -1e-300, -0.0, 0.0, 1e-300, 0.5, 2, -7.5, 40};
    double[] a = new double[z.length];
    f.apply(z, a, 1, z.length);
    double[] delta = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      delta[i] = i % 2 == 0 ? 1.5 : -0.25;
    }
    double[] expected = delta.clone();
    f.multiplyByDerivative(z, a, delta, 1, z.length);
    assertEquals(0.0, a[0], "element before the range untouched");
    for (int i = 1; i < z.length; i++) {
      assertEquals(f.value(z[i]), a[i], 0.0, f + "(" + z[i] + ")");
      assertEquals(expected[i] * f.derivative(z[i], a[i]), delta[i], 0.0,
          f + "'(" + z[i] + ")");
    }
    assertEquals(expected[0], delta[0], 0.0, "delta before the range untouched");
  }

  /**
   * TANH is fdlibm's tanh ({@link StrictMath#tanh}) bit for bit, which every Java version
   * computes alike: {@code Math.tanh}, a HotSpot intrinsic since Java 24, differs from it in the
   * last bit for about a fifth of arguments, and TANH models trained on Java 25 had differed
   * from those trained on Java 17.
   */
  @Test
  void tanhIsTheSameOnEveryJavaVersion() {
    java.util.Random r = new java.util.Random(1);
    double[] z = new double[100_000];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextGaussian() * 3;
    }
    double[] a = new double[z.length];
    Activation.TANH.apply(z, a, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      assertEquals(Double.doubleToRawLongBits(StrictMath.tanh(z[i])),
          Double.doubleToRawLongBits(a[i]), "tanh(" + z[i] + ")");
    }
  }
}
