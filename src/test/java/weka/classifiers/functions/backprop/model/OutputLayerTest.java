package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The output transform and the loss of {@link OutputLayer}, one row at a time:
 *
 * <ul>
 *   <li>only proper pairings are built (cross-entropy with softmax, binary cross-entropy with
 *       sigmoid, regression losses with sigmoid or identity), and label smoothing must lie in
 *       [0, 1);
 *   <li>{@link OutputLayer#activate} by hand (softmax, sigmoid, identity), finite for logits of
 *       ±1000, within the row it is given;
 *   <li>{@link OutputLayer#lossAndDelta} for every loss at points worked out by hand: the fused
 *       softmax + cross-entropy gradient {@code p − y}, sigmoid + binary cross-entropy
 *       {@code p − y}, squared, absolute and Huber error (both sides of δ) through identity and
 *       sigmoid outputs, label-smoothed targets {@code (1 − ε) y + ε/K} (K = 2 per unit for the
 *       binary one); the loss returned unscaled and the gradient multiplied by the example's
 *       scale (weight / gradScale); large logits give exact finite values where a naive
 *       {@code log p} would give ∞ or lose the loss entirely;
 *   <li>for every pairing, the gradient agrees with a central difference of the returned value;
 *   <li>{@link Loss#uninformedLoss} is the loss of zero logits for the cross-entropies.
 * </ul>
 */
class OutputLayerTest {

  private static final double LN3 = Math.log(3);

  private static OutputLayer head(OutputActivation a, Loss l) {
    return new OutputLayer(a, l, 0);
  }

  /** Output transform, then loss and scaled delta, of the single row {@code z}. */
  private static double[] lossAndDelta(OutputLayer out, double[] z, double[] y, double scale,
      double[] delta) {
    double[] a = new double[z.length];
    double logSumExp = out.activate(z, a, 0, z.length);
    return new double[] {out.lossAndDelta(z, a, y, 0, 0, z.length, scale, delta, logSumExp)};
  }

  // ------------------------------------------------------------------------------------------
  // The uninformed loss
  // ------------------------------------------------------------------------------------------

  /**
   * {@link Loss#uninformedLoss} is the loss of zero logits (every class equally likely, every
   * sigmoid ½) whatever the target and the label smoothing: ln K and K · ln 2; NaN for the
   * regression losses.
   */
  @ParameterizedTest(name = "{0} + {1}, {2} outputs, target {3}, smoothing {4}")
  @CsvSource({
    "SOFTMAX, CROSS_ENTROPY,        3, 0, 0",
    "SOFTMAX, CROSS_ENTROPY,        3, 2, 0.1",
    "SOFTMAX, CROSS_ENTROPY,        2, 1, 0",
    "SIGMOID, BINARY_CROSS_ENTROPY, 2, 0, 0",
    "SIGMOID, BINARY_CROSS_ENTROPY, 4, 3, 0.2",
  })
  void uninformedLossIsTheLossOfZeroLogits(OutputActivation act, Loss loss, int k, int target,
      double smoothing) {
    OutputLayer out = new OutputLayer(act, loss, smoothing);
    double[] y = new double[k];
    y[target] = 1;
    double[] got = lossAndDelta(out, new double[k], y, 1, new double[k]);
    double expected = loss == Loss.CROSS_ENTROPY ? Math.log(k) : k * Math.log(2);
    assertEquals(expected, loss.uninformedLoss(k), 1e-15);
    assertEquals(expected, got[0], 1e-12);
  }

  @Test
  void regressionLossesHaveNoUninformedLoss() {
    for (Loss l : new Loss[] {Loss.SQUARED_ERROR, Loss.ABSOLUTE_ERROR, Loss.HUBER}) {
      assertTrue(Double.isNaN(l.uninformedLoss(1)), l.toString());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Pairings
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} + {1}, smoothing {2}")
  @CsvSource({
    "SIGMOID,  CROSS_ENTROPY,        0,   'CROSS_ENTROPY needs SOFTMAX outputs, not SIGMOID'",
    "IDENTITY, CROSS_ENTROPY,        0,   'CROSS_ENTROPY needs SOFTMAX outputs, not IDENTITY'",
    "SOFTMAX,  BINARY_CROSS_ENTROPY, 0,   'BINARY_CROSS_ENTROPY needs SIGMOID outputs,"
        + " not SOFTMAX'",
    "IDENTITY, BINARY_CROSS_ENTROPY, 0,   'BINARY_CROSS_ENTROPY needs SIGMOID outputs,"
        + " not IDENTITY'",
    "SOFTMAX,  SQUARED_ERROR,        0,    SQUARED_ERROR is not supported with SOFTMAX outputs",
    "SOFTMAX,  ABSOLUTE_ERROR,       0,    ABSOLUTE_ERROR is not supported with SOFTMAX outputs",
    "SOFTMAX,  HUBER,                0,    HUBER is not supported with SOFTMAX outputs",
    "SOFTMAX,  CROSS_ENTROPY,       -0.1,  'label smoothing must be in [0, 1), got -0.1'",
    "SOFTMAX,  CROSS_ENTROPY,        1,    'label smoothing must be in [0, 1), got 1.0'",
    "SIGMOID,  BINARY_CROSS_ENTROPY, NaN,  'label smoothing must be in [0, 1), got NaN'",
  })
  void refusesImproperPairingsAndSmoothing(OutputActivation a, Loss l, double eps,
      String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new OutputLayer(a, l, eps));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({
    "SOFTMAX,  CROSS_ENTROPY",
    "SIGMOID,  BINARY_CROSS_ENTROPY",
    "SIGMOID,  SQUARED_ERROR",
    "IDENTITY, SQUARED_ERROR",
    "SIGMOID,  ABSOLUTE_ERROR",
    "IDENTITY, ABSOLUTE_ERROR",
    "SIGMOID,  HUBER",
    "IDENTITY, HUBER",
  })
  void buildsTheProperPairings(OutputActivation a, Loss l) {
    OutputLayer out = new OutputLayer(a, l, 0.25);
    assertEquals(a, out.activation());
    assertEquals(l, out.loss());
    assertEquals(0.25, out.labelSmoothing());
    // the smoothing is shown where it changes the targets: with the cross-entropies only
    assertEquals(!l.isRegression(), out.smoothsTargets());
    assertEquals(a + " + " + l + (l.isRegression() ? "" : " (smoothing 0.25)"), out.toString());
    assertEquals(a + " + " + l, new OutputLayer(a, l, 0).toString());
    assertFalse(new OutputLayer(a, l, 0).smoothsTargets());
  }

  // ------------------------------------------------------------------------------------------
  // Output transform
  // ------------------------------------------------------------------------------------------

  static Stream<Arguments> transforms() {
    return Stream.of(
        Arguments.of(OutputActivation.SOFTMAX, new double[] {0, LN3}, new double[] {0.25, 0.75}),
        Arguments.of(OutputActivation.SOFTMAX, new double[] {2, 2, 2},
            new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}),
        // e^(1000) overflows; shifted by the maximum it does not
        Arguments.of(OutputActivation.SOFTMAX, new double[] {1000, 0}, new double[] {1, 0}),
        Arguments.of(OutputActivation.SOFTMAX, new double[] {1000, 1000},
            new double[] {0.5, 0.5}),
        Arguments.of(OutputActivation.SOFTMAX, new double[] {-1000, -1000, -1000},
            new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}),
        Arguments.of(OutputActivation.SIGMOID, new double[] {0, LN3, -LN3, 1000, -1000},
            new double[] {0.5, 0.75, 0.25, 1, 0}),
        Arguments.of(OutputActivation.IDENTITY, new double[] {-3, 0, 1000},
            new double[] {-3, 0, 1000}));
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("transforms")
  void activateByHand(OutputActivation act, double[] z, double[] expected) {
    OutputLayer out = act == OutputActivation.SOFTMAX
        ? head(act, Loss.CROSS_ENTROPY) : head(act, Loss.SQUARED_ERROR);
    // the row sits between two sentinel rows of the same width
    int k = z.length;
    double[] zz = new double[3 * k];
    double[] a = new double[3 * k];
    Arrays.fill(a, -7);
    System.arraycopy(z, 0, zz, k, k);
    double logSumExp = out.activate(zz, a, k, k);
    assertArrayEquals(expected, Arrays.copyOfRange(a, k, 2 * k), 1e-15);
    if (act == OutputActivation.SOFTMAX) { // log Σ exp(z), for the loss
      double max = Arrays.stream(z).max().getAsDouble();
      assertEquals(max + Math.log(Arrays.stream(z).map(v -> Math.exp(v - max)).sum()), logSumExp,
          1e-12);
    } else {
      assertTrue(Double.isNaN(logSumExp));
    }
    for (int i = 0; i < k; i++) {
      assertEquals(-7, a[i], "row before untouched");
      assertEquals(-7, a[2 * k + i], "row after untouched");
    }
  }

  // ------------------------------------------------------------------------------------------
  // Loss and delta by hand
  // ------------------------------------------------------------------------------------------

  static Stream<Arguments> handCases() {
    OutputLayer ce = head(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY);
    OutputLayer bce = head(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY);
    OutputLayer seId = head(OutputActivation.IDENTITY, Loss.SQUARED_ERROR);
    OutputLayer seSig = head(OutputActivation.SIGMOID, Loss.SQUARED_ERROR);
    OutputLayer aeId = head(OutputActivation.IDENTITY, Loss.ABSOLUTE_ERROR);
    OutputLayer aeSig = head(OutputActivation.SIGMOID, Loss.ABSOLUTE_ERROR);
    OutputLayer huId = head(OutputActivation.IDENTITY, Loss.HUBER);
    OutputLayer huSig = head(OutputActivation.SIGMOID, Loss.HUBER);
    // sigmoid(ln 3) = 0.75, sigmoid(−ln 3) = 0.25, so a(1 − a) = 0.1875
    return Stream.of(
        // softmax(0, ln 3) = (¼, ¾): loss −log ¾, δ = scale·(p − y)
        Arguments.of("CE class 1", ce, new double[] {0, LN3}, new double[] {0, 1}, 1.5,
            Math.log(4 / 3.0), new double[] {0.375, -0.375}),
        Arguments.of("CE class 0", ce, new double[] {0, LN3}, new double[] {1, 0}, 1.5,
            Math.log(4), new double[] {-1.125, 1.125}),
        // softmax(ln 3, 0, ln 3) = (3, 1, 3) / 7
        Arguments.of("CE 3 classes", ce, new double[] {LN3, 0, LN3}, new double[] {0, 1, 0}, 1,
            Math.log(7), new double[] {3 / 7.0, 1 / 7.0 - 1, 3 / 7.0}),
        // BCE per unit: −[y log p + (1 − y) log(1 − p)], δ = p − y
        Arguments.of("BCE", bce, new double[] {LN3, -LN3, 0}, new double[] {1, 1, 0}, 0.5,
            Math.log(4 / 3.0) + Math.log(4) + Math.log(2),
            new double[] {-0.125, -0.375, 0.25}),
        // ½ Σ r² with r = (1.5, −2)
        Arguments.of("SE identity", seId, new double[] {2, -1}, new double[] {0.5, 1}, 2,
            3.125, new double[] {3, -4}),
        // r = 0.75 − 0.25 = 0.5: ½r² = 0.125, ∂/∂z = r·a(1 − a) = 0.09375
        Arguments.of("SE sigmoid", seSig, new double[] {LN3}, new double[] {0.25}, 1, 0.125,
            new double[] {0.09375}),
        // Σ|r| with r = (1.5, −2, 0): subgradient 0 at the kink
        Arguments.of("AE identity", aeId, new double[] {2, -1, 0.5},
            new double[] {0.5, 1, 0.5}, 0.5, 3.5, new double[] {0.5, -0.5, 0}),
        // r = 0.75 − 1 = −0.25: |r| = 0.25, ∂/∂z = −1·0.1875
        Arguments.of("AE sigmoid", aeSig, new double[] {LN3}, new double[] {1}, 1, 0.25,
            new double[] {-0.1875}),
        // Huber δ = 1: ½r² inside (0.125 twice, 0.5 at r = 1), |r| − ½ outside (2.5 twice)
        Arguments.of("Huber identity", huId, new double[] {0.5, -0.5, 3, -3, 1},
            new double[] {0, 0, 0, 0, 0}, 1, 5.75, new double[] {0.5, -0.5, 1, -1, 1}),
        Arguments.of("Huber identity, shifted targets", huId, new double[] {2, 2},
            new double[] {1.75, 4.5}, 4, 0.03125 + 2, new double[] {1, -4}),
        // a = 0.25, r = −0.5: ½r² = 0.125, ∂/∂z = −0.5·0.1875
        Arguments.of("Huber sigmoid", huSig, new double[] {-LN3}, new double[] {0.75}, 1,
            0.125, new double[] {-0.09375}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handCases")
  void lossAndDeltaByHand(String name, OutputLayer out, double[] z, double[] y, double scale,
      double loss, double[] delta) {
    double[] d = new double[z.length];
    assertEquals(loss, lossAndDelta(out, z, y, scale, d)[0], 1e-14, "loss");
    assertArrayEquals(delta, d, 1e-14, "delta");
  }

  static Stream<Arguments> smoothingCases() {
    double eps = 0.1;
    double eps3 = 0.3;
    double bceEps = 0.2;
    return Stream.of(
        // K = 2, ε = 0.1: t = (0.05, 0.95); p = (¼, ¾)
        Arguments.of(new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, eps),
            new double[] {0, LN3}, new double[] {0, 1}, new double[] {0.05, 0.95},
            -0.05 * Math.log(0.25) - 0.95 * Math.log(0.75), new double[] {0.2, -0.2}),
        // K = 3, ε = 0.3: t = (0.1, 0.1, 0.8); p = ⅓ each, Σt = 1 so the loss is log 3
        Arguments.of(new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, eps3),
            new double[] {0, 0, 0}, new double[] {0, 0, 1}, new double[] {0.1, 0.1, 0.8},
            Math.log(3), new double[] {1 / 3.0 - 0.1, 1 / 3.0 - 0.1, 1 / 3.0 - 0.8}),
        // binary, ε = 0.2: t = 0.9 for y = 1, 0.1 for y = 0; p = (¾, ½)
        Arguments.of(new OutputLayer(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, bceEps),
            new double[] {LN3, 0}, new double[] {1, 0}, new double[] {0.9, 0.1},
            -(0.9 * Math.log(0.75) + 0.1 * Math.log(0.25)) + Math.log(2),
            new double[] {-0.15, 0.4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smoothingCases")
  void labelSmoothingTrainsTowardsTheSmoothedTargets(OutputLayer out, double[] z, double[] y,
      double[] smoothed, double loss, double[] delta) {
    double[] d = new double[z.length];
    assertEquals(loss, lossAndDelta(out, z, y, 1, d)[0], 1e-14, "loss");
    assertArrayEquals(delta, d, 1e-14, "delta");
    // the same as training the unsmoothed layer on the smoothed targets
    OutputLayer plain = new OutputLayer(out.activation(), out.loss(), 0);
    double[] dPlain = new double[z.length];
    assertEquals(loss, lossAndDelta(plain, z, smoothed, 1, dPlain)[0], 1e-14);
    assertArrayEquals(delta, dPlain, 1e-14);
  }

  @Test
  void labelSmoothingIsIgnoredByTheRegressionLosses() {
    double[] z = {2, -1};
    double[] y = {0.5, 1};
    for (Loss l : new Loss[] {Loss.SQUARED_ERROR, Loss.ABSOLUTE_ERROR, Loss.HUBER}) {
      double[] d0 = new double[2];
      double[] d1 = new double[2];
      double l0 = lossAndDelta(new OutputLayer(OutputActivation.IDENTITY, l, 0), z, y, 1, d0)[0];
      double l1 =
          lossAndDelta(new OutputLayer(OutputActivation.IDENTITY, l, 0.3), z, y, 1, d1)[0];
      assertEquals(l0, l1, 0.0, l.toString());
      assertArrayEquals(d0, d1, 0.0, l.toString());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Numerical stability
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "softmax CE z = ({0}, {1}), class {2}")
  @CsvSource({
    // the true class far ahead: loss log(1 + e^−1000) = 0
    "1000,     0, 0, 0,     0, 0",
    // far behind: loss 1000, δ = (1, −1), where log p = log 0 would be −∞
    "1000,     0, 1, 1000,  1, -1",
    "0,     1000, 0, 1000, -1, 1",
    "-1000, 1000, 0, 2000, -1, 1",
    "1000,  1000, 0, 0.6931471805599453, -0.5, 0.5",
  })
  void softmaxCrossEntropyIsFiniteForLargeLogits(double z0, double z1, int cls, double loss,
      double d0, double d1) {
    OutputLayer ce = head(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY);
    double[] y = new double[2];
    y[cls] = 1;
    double[] d = new double[2];
    assertEquals(loss, lossAndDelta(ce, new double[] {z0, z1}, y, 1, d)[0], 1e-12);
    assertArrayEquals(new double[] {d0, d1}, d, 1e-15);
  }

  @ParameterizedTest(name = "BCE z = {0}, y = {1}")
  @CsvSource({
    "1000,  0, 1000,  1",
    "-1000, 1, 1000, -1",
    "1000,  1, 0,     0",
    "-1000, 0, 0,     0",
  })
  void binaryCrossEntropyIsFiniteForLargeLogits(double z, double y, double loss, double delta) {
    OutputLayer bce = head(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY);
    double[] d = new double[1];
    assertEquals(loss, lossAndDelta(bce, new double[] {z}, new double[] {y}, 1, d)[0], 1e-12);
    assertEquals(delta, d[0], 1e-15);
  }

  @Test
  void binaryCrossEntropyKeepsTinyLossesThatRoundingPTo1WouldLose() {
    // σ(40) rounds to 1 in double, so −log σ(40) would be 0; the loss is log(1 + e^−40) ≈ e^−40
    OutputLayer bce = head(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY);
    double expected = Math.log1p(Math.exp(-40));
    assertTrue(expected > 4e-18);
    double[] d = new double[1];
    assertEquals(expected, lossAndDelta(bce, new double[] {40}, new double[] {1}, 1, d)[0],
        1e-12 * expected);
    assertEquals(expected, lossAndDelta(bce, new double[] {-40}, new double[] {0}, 1, d)[0],
        1e-12 * expected);
  }

  // ------------------------------------------------------------------------------------------
  // Scale, offsets, finite differences
  // ------------------------------------------------------------------------------------------

  /** The valid pairings (with smoothing for the cross-entropies) at a point away from kinks. */
  static Stream<Arguments> heads() {
    double[] z = {0.3, -1.2, 0.8};
    return Stream.of(
        Arguments.of(new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0), z,
            new double[] {0, 0, 1}),
        Arguments.of(new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0.1), z,
            new double[] {0, 1, 0}),
        Arguments.of(new OutputLayer(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 0), z,
            new double[] {1, 0, 1}),
        Arguments.of(new OutputLayer(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 0.2),
            z, new double[] {0, 0, 1}),
        Arguments.of(head(OutputActivation.SIGMOID, Loss.SQUARED_ERROR), z,
            new double[] {0.2, 0.9, 0.5}),
        Arguments.of(head(OutputActivation.IDENTITY, Loss.SQUARED_ERROR), z,
            new double[] {1.0, -0.1, -1.5}),
        Arguments.of(head(OutputActivation.SIGMOID, Loss.ABSOLUTE_ERROR), z,
            new double[] {0.2, 0.9, 0.5}),
        Arguments.of(head(OutputActivation.IDENTITY, Loss.ABSOLUTE_ERROR), z,
            new double[] {1.0, -0.1, -1.5}),
        Arguments.of(head(OutputActivation.SIGMOID, Loss.HUBER), z,
            new double[] {0.2, 0.9, 0.5}),
        // residuals (−0.7, −1.1, 2.3): both sides of δ
        Arguments.of(head(OutputActivation.IDENTITY, Loss.HUBER), z,
            new double[] {1.0, -0.1, -1.5}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("heads")
  void gradientMatchesACentralDifferenceOfTheLoss(OutputLayer out, double[] z, double[] y) {
    double[] delta = new double[z.length];
    lossAndDelta(out, z, y, 1, delta);
    double h = 1e-6;
    double[] scratch = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (lossAndDelta(out, up, y, 1, scratch)[0]
          - lossAndDelta(out, down, y, 1, scratch)[0]) / (up[k] - down[k]);
      assertEquals(numeric, delta[k], 1e-8, out + ", unit " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("heads")
  void lossIsUnscaledAndTheDeltaCarriesTheScale(OutputLayer out, double[] z, double[] y) {
    double[] d1 = new double[z.length];
    double[] dQuarter = new double[z.length];
    double[] dZero = new double[z.length];
    double l1 = lossAndDelta(out, z, y, 1, d1)[0];
    assertEquals(l1, lossAndDelta(out, z, y, 0.25, dQuarter)[0], 0.0);
    assertEquals(l1, lossAndDelta(out, z, y, 0, dZero)[0], 0.0);
    for (int k = 0; k < z.length; k++) {
      assertEquals(0.25 * d1[k], dQuarter[k], 0.0);
      assertEquals(0.0, dZero[k], 0.0);
    }
    assertTrue(l1 > 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("heads")
  void rowAndTargetOffsetsAreHonoured(OutputLayer out, double[] z, double[] y) {
    int k = z.length;
    double[] expectedDelta = new double[k];
    double expectedLoss = lossAndDelta(out, z, y, 0.5, expectedDelta)[0];
    // the row is row 2 of z, a and delta; its targets are row 1 of another layout
    double[] zz = new double[4 * k];
    double[] a = new double[4 * k];
    double[] delta = new double[4 * k];
    double[] yy = new double[3 * k];
    Arrays.fill(zz, 5);
    Arrays.fill(delta, -7);
    Arrays.fill(yy, 0.5);
    System.arraycopy(z, 0, zz, 2 * k, k);
    System.arraycopy(y, 0, yy, k, k);
    double lse = out.activate(zz, a, 2 * k, k);
    assertEquals(expectedLoss, out.lossAndDelta(zz, a, yy, k, 2 * k, k, 0.5, delta, lse), 0.0);
    assertArrayEquals(expectedDelta, Arrays.copyOfRange(delta, 2 * k, 3 * k), 0.0);
    for (int i = 0; i < 4 * k; i++) {
      if (i < 2 * k || i >= 3 * k) {
        assertEquals(-7, delta[i], "delta " + i + " outside the row");
      }
    }
  }
}
