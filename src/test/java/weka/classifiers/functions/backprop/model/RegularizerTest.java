package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Regularizer}: {@link Regularizer#weightRanges} lists each layer's weight matrix and
 * stops before its biases; the penalty {@code λ₁ Σ|w| + (λ₂/2) Σ w²} and its gradient
 * {@code λ₁ sign(w) + λ₂ w} (with sign(0) = 0) are worked out by hand for a 2-[3]-1 network with
 * large biases that must be left out; the gradient is added to what the accumulator holds and
 * leaves the bias entries alone; {@link Regularizer#addWeightGradient} touches only its range;
 * {@link Regularizer#isActive} is false exactly when both λ are 0, and then nothing is added.
 */
class RegularizerTest {

  private static final OutputLayer OUT =
      new OutputLayer(OutputActivation.IDENTITY, Loss.SQUARED_ERROR, 0);

  /**
   * 2-[3]-1: W0 (3 × 2) at 0..6, b0 at 6..9, W1 (1 × 3) at 9..12, b1 at 12, with weights
   * W0 = (1, −2, 0, 0.5, −0.5, 3), W1 = (−1, 0, 2) (Σ|w| = 10, Σw² = 19.5) and biases that would
   * dominate any penalty that included them.
   */
  private static Network network() {
    Network net = new Network(2, LayerSpec.parse("3", Activation.TANH), 1, OUT);
    double[] theta = {1, -2, 0, 0.5, -0.5, 3, 10, -10, 10, -1, 0, 2, 100};
    System.arraycopy(theta, 0, net.parameters(), 0, theta.length);
    return net;
  }

  @Test
  void weightRangesCoverTheWeightsAndSkipTheBiases() {
    assertArrayEquals(new int[] {0, 6, 9, 12}, Regularizer.weightRanges(network()));
    assertArrayEquals(new int[] {0, 6},
        Regularizer.weightRanges(new Network(3, LayerSpec.parse("", Activation.TANH), 2, OUT)));
    // W0 (4 × 2) at 0..8, b0 at 8..12; W1 (4 × 4) at 12..28, b1 at 28..32; W2 (1 × 4) at 32..36
    assertArrayEquals(new int[] {0, 8, 12, 28, 32, 36},
        Regularizer.weightRanges(new Network(2, LayerSpec.parse("4,4", Activation.TANH), 1, OUT)));
  }

  @ParameterizedTest(name = "l1 {0}, l2 {1}: penalty {2}")
  @CsvSource({
    "0.1, 0,   1.0",  // 0.1 · 10
    "0,   0.2, 1.95", // 0.2 / 2 · 19.5
    "0.1, 0.2, 2.95",
  })
  void penaltyByHand(double l1, double l2, double penalty) {
    Network net = network();
    assertEquals(penalty, new Regularizer(net, l1, l2).penalty(net.parameters()), 1e-14);
  }

  @ParameterizedTest(name = "l1 {0}, l2 {1}")
  @CsvSource({"0.1, 0", "0, 0.2", "0.1, 0.2"})
  void gradientByHandIsAddedToTheWeightsOnly(double l1, double l2) {
    Network net = network();
    double[] grad = new double[net.numParameters()];
    Arrays.fill(grad, 1);
    new Regularizer(net, l1, l2).addGradient(net.parameters(), grad);
    // λ₁ sign(w), sign(0) = 0
    double[] sign = {1, -1, 0, 1, -1, 1, 0, 0, 0, -1, 0, 1, 0};
    // λ₂ w, weights only
    double[] w = {1, -2, 0, 0.5, -0.5, 3, 0, 0, 0, -1, 0, 2, 0};
    double[] expected = new double[grad.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = 1 + l1 * sign[i] + l2 * w[i];
    }
    assertArrayEquals(expected, grad, 1e-15);
    for (int i : new int[] {6, 7, 8, 12}) {
      assertEquals(1.0, grad[i], 0.0, "bias " + i + " untouched");
    }
  }

  @Test
  void l1GradientAtZeroIsZero() {
    Network net = network();
    double[] grad = new double[net.numParameters()];
    new Regularizer(net, 0.5, 0).addGradient(net.parameters(), grad);
    assertEquals(0.0, grad[2], 0.0, "w = 0");
    assertEquals(0.0, grad[10], 0.0, "w = 0");
    assertEquals(0.5, grad[0], 0.0);
    assertEquals(-0.5, grad[1], 0.0);
  }

  @ParameterizedTest(name = "l1 {0}, l2 {1}")
  @CsvSource({"0.1, 0", "0, 0.2", "0.1, 0.2"})
  void addWeightGradientTouchesOnlyItsRange(double l1, double l2) {
    Network net = network();
    double[] grad = new double[net.numParameters()];
    new Regularizer(net, l1, l2).addWeightGradient(net.parameters(), grad, 9, 12);
    double[] expected = new double[grad.length];
    expected[9] = -l1 - l2; // w = −1
    expected[10] = 0; // w = 0
    expected[11] = l1 + 2 * l2; // w = 2
    assertArrayEquals(expected, grad, 1e-15);
  }

  @ParameterizedTest(name = "l1 {0}, l2 {1}: active {2}")
  @CsvSource({"0, 0, false", "0.1, 0, true", "0, 0.2, true", "0.1, 0.2, true", "1e-300, 0, true"})
  void isActiveWhenEitherLambdaIsPositive(double l1, double l2, boolean active) {
    assertEquals(active, new Regularizer(network(), l1, l2).isActive());
  }

  @Test
  void anInactiveRegularizerAddsNothing() {
    Network net = network();
    Regularizer none = new Regularizer(net, 0, 0);
    assertEquals(0.0, none.penalty(net.parameters()), 0.0);
    double[] grad = new double[net.numParameters()];
    Arrays.fill(grad, 3);
    none.addGradient(net.parameters(), grad);
    double[] threes = new double[grad.length];
    Arrays.fill(threes, 3);
    assertArrayEquals(threes, grad, 0.0);
  }

  @Test
  void penaltyAndGradientReadTheParametersTheyAreGiven() {
    // the regularizer keeps the network's ranges, not its parameters: a copy's array works
    Network net = network();
    Regularizer reg = new Regularizer(net, 0, 2);
    double[] other = net.parameters().clone();
    Arrays.fill(other, 0, 6, 0); // W0 zeroed, W1 = (−1, 0, 2) left: Σw² = 5
    assertEquals(5.0, reg.penalty(other), 1e-15);
    double[] grad = new double[other.length];
    reg.addGradient(other, grad);
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, -2, 0, 4, 0}, grad, 0.0);
  }
}
