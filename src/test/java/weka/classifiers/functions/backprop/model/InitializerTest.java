package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.kernel.Seeds;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weight initialization: for a large layer (400 inputs × 300 outputs) the empirical mean and
 * variance of each scheme match theory (Glorot &amp; Bengio 2010: 2/(fanIn+fanOut); He et al.
 * 2015: 2/fanIn), uniform draws stay within ±√(3·var) and normal ones do not, only the target
 * range is written, AUTO picks He for rectifiers and Glorot otherwise, and
 * {@link Network#initialize} zeroes the biases and applies the per-layer choice.
 */
class InitializerTest {

  static final int FAN_IN = 400;
  static final int FAN_OUT = 300;

  static double theoreticalVariance(Initializer init, int fanIn, int fanOut) {
    boolean he = init == Initializer.HE_NORMAL || init == Initializer.HE_UNIFORM;
    return he ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Initializer.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
  void empiricalVarianceMatchesTheory(Initializer init) {
    int n = FAN_IN * FAN_OUT;
    double[] w = new double[n + 20];
    w[9] = 7;
    w[10 + n] = 7;
    init.fill(w, 10, FAN_IN, FAN_OUT, new Well19937c(123));
    assertEquals(7, w[9], 0.0, "wrote before the range");
    assertEquals(7, w[10 + n], 0.0, "wrote after the range");
    double sum = 0;
    double sq = 0;
    double maxAbs = 0;
    for (int i = 10; i < 10 + n; i++) {
      sum += w[i];
      sq += w[i] * w[i];
      maxAbs = Math.max(maxAbs, Math.abs(w[i]));
    }
    double mean = sum / n;
    double var = sq / n - mean * mean;
    double theory = theoreticalVariance(init, FAN_IN, FAN_OUT);
    // relative standard error of a sample variance ≈ √(2/n) ≈ 0.4% (less for uniform)
    assertEquals(theory, var, 0.02 * theory, init + " variance");
    assertEquals(0, mean, 5 * Math.sqrt(theory / n), init + " mean");
    double bound = Math.sqrt(3 * theory);
    boolean uniform = init == Initializer.XAVIER_UNIFORM || init == Initializer.HE_UNIFORM;
    if (uniform) {
      assertTrue(maxAbs <= bound, "uniform draw outside ±r");
      assertTrue(maxAbs > 0.99 * bound, "uniform draws do not reach r");
    } else {
      assertTrue(maxAbs > 1.5 * bound, "normal draws should have tails beyond √3 sd");
    }
  }

  @Test
  void autoPicksHeForRectifiersAndXavierOtherwise() {
    assertSame(Initializer.HE_NORMAL, Initializer.AUTO.resolve(Activation.RELU));
    assertSame(Initializer.HE_NORMAL, Initializer.AUTO.resolve(Activation.LEAKY_RELU));
    assertSame(Initializer.HE_NORMAL, Initializer.AUTO.resolve(Activation.ELU));
    assertSame(Initializer.HE_NORMAL, Initializer.AUTO.resolve(Activation.GELU));
    assertSame(Initializer.XAVIER_UNIFORM, Initializer.AUTO.resolve(Activation.TANH));
    assertSame(Initializer.XAVIER_UNIFORM, Initializer.AUTO.resolve(Activation.SIGMOID));
    assertSame(Initializer.XAVIER_UNIFORM, Initializer.AUTO.resolve(Activation.IDENTITY));
    assertSame(Initializer.XAVIER_UNIFORM, Initializer.AUTO.resolve(null)); // output layer
    for (Initializer i : Initializer.values()) {
      if (i != Initializer.AUTO) {
        assertSame(i, i.resolve(Activation.RELU));
        assertSame(i, i.resolve(Activation.TANH));
      }
    }
    assertThrows(IllegalStateException.class,
        () -> Initializer.AUTO.fill(new double[4], 0, 2, 2, new Well19937c(1)));
  }

  @Test
  void networkInitializationIsPerLayerWithZeroBiases() {
    OutputLayer out = new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
    Network net = new Network(300, LayerSpec.parse("400:RELU,200:TANH", Activation.RELU), 100, out);
    net.parameters()[net.biasOffset(0)] = 5; // must be reset
    net.initialize(Initializer.AUTO, Seeds.stream(1, Seeds.INIT));
    double[] p = net.parameters();
    for (int l = 0; l < net.numLayers(); l++) {
      for (int i = net.biasOffset(l); i < net.biasOffset(l) + net.size(l + 1); i++) {
        assertEquals(0, p[i], 0.0, "bias " + i);
      }
      double sq = 0;
      int n = net.biasOffset(l) - net.weightOffset(l);
      for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
        sq += p[i] * p[i];
      }
      // layer 0 feeds RELU → He; layer 1 feeds TANH → Glorot; the output layer → Glorot
      Initializer expected = l == 0 ? Initializer.HE_NORMAL : Initializer.XAVIER_UNIFORM;
      double theory = theoreticalVariance(expected, net.size(l), net.size(l + 1));
      assertEquals(theory, sq / n, 0.03 * theory, "layer " + l);
    }
    // same seed, same weights
    Network twin =
        new Network(300, LayerSpec.parse("400:RELU,200:TANH", Activation.RELU), 100, out);
    twin.initialize(Initializer.AUTO, Seeds.stream(1, Seeds.INIT));
    assertTrue(java.util.Arrays.equals(p, twin.parameters()));
  }
}
