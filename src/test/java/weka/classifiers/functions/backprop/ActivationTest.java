package weka.classifiers.functions.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * GELU's normal CDF approximation (Abramowitz &amp; Stegun 7.1.26): within its published error
 * bound of the exact Φ, and its derivative is the exact derivative of the approximation (central
 * differences) and close to the normal density.
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
}
