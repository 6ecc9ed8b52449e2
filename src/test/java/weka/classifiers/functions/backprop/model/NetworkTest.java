package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link Network} itself is responsible for, apart from the gradient (checked against
 * finite differences by {@link GradientCheckTest}) and the threaded passes
 * ({@link BatchPassTest}):
 *
 * <ul>
 *   <li>the flat parameter layout: layer {@code l}'s {@code size(l+1) × size(l)} weights at
 *       {@link Network#weightOffset}, its biases right after them at {@link Network#biasOffset},
 *       {@code numParameters = Σ out·(in+1)}, and {@link Network#parameterCount} giving the same
 *       number without building the network (also past {@code Integer.MAX_VALUE}, which the
 *       constructor refuses);
 *   <li>a forward pass of a 2-2-2 network with hand-set weights equals values worked out by hand,
 *       for identity, ReLU and tanh hidden units under softmax, sigmoid and identity outputs, and
 *       touches only the rows asked for; a backward pass of the same network gives the gradient
 *       worked out by hand, scaled by example weight / gradScale and added to the accumulator;
 *   <li>{@link Network#predict} in blocks smaller than, equal to and larger than the
 *       workspace's capacity gives the outputs of a forward pass row by row, bit for bit;
 *   <li>{@link Network#copy()} is independent of the original; {@link Network#initialize} zeroes
 *       every bias, draws the weights layer by layer with the scheme each layer resolves to, and
 *       is reproducible for a seed;
 *   <li>the constructor refuses networks without inputs or outputs; Java serialization round
 *       trips the model, and a stream whose parameter array does not fit the architecture is
 *       refused on read with a message naming the architecture; {@code toString}'s format.
 * </ul>
 */
class NetworkTest {

  private static final OutputLayer SOFTMAX_CE =
      new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
  private static final OutputLayer SIGMOID_BCE =
      new OutputLayer(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 0);
  private static final OutputLayer IDENTITY_SE =
      new OutputLayer(OutputActivation.IDENTITY, Loss.SQUARED_ERROR, 0);

  private static Network network(int inputs, String hidden, int outputs, OutputLayer out) {
    return new Network(inputs, LayerSpec.parse(hidden, Activation.TANH), outputs, out);
  }

  // ------------------------------------------------------------------------------------------
  // Parameter layout
  // ------------------------------------------------------------------------------------------

  static Stream<Arguments> layouts() {
    return Stream.of(
        // inputs, hidden, outputs, layer sizes, weight offsets, bias offsets, parameters
        Arguments.of(2, "", 1, new int[] {2, 1}, new int[] {0}, new int[] {2}, 3),
        // 4·(3+1) = 16, 2·(4+1) = 10, 5·(2+1) = 15
        Arguments.of(3, "4,2", 5, new int[] {3, 4, 2, 5}, new int[] {0, 16, 26},
            new int[] {12, 24, 36}, 41),
        Arguments.of(1, "1,1,1", 1, new int[] {1, 1, 1, 1, 1}, new int[] {0, 2, 4, 6},
            new int[] {1, 3, 5, 7}, 8),
        // 3·(7+1) = 24, 2·(3+1) = 8
        Arguments.of(7, "3", 2, new int[] {7, 3, 2}, new int[] {0, 24}, new int[] {21, 30}, 32));
  }

  @ParameterizedTest(name = "{0}-[{1}]-{2}")
  @MethodSource("layouts")
  void parameterLayoutIsWeightsThenBiasesLayerByLayer(int inputs, String hidden, int outputs,
      int[] sizes, int[] weightOffsets, int[] biasOffsets, int parameters) {
    Network net = network(inputs, hidden, outputs, IDENTITY_SE);
    assertEquals(sizes.length - 1, net.numLayers());
    assertEquals(inputs, net.inputs());
    assertEquals(outputs, net.outputs());
    for (int l = 0; l < sizes.length; l++) {
      assertEquals(sizes[l], net.size(l), "size(" + l + ")");
    }
    for (int l = 0; l < net.numLayers(); l++) {
      assertEquals(weightOffsets[l], net.weightOffset(l), "weightOffset(" + l + ")");
      assertEquals(biasOffsets[l], net.biasOffset(l), "biasOffset(" + l + ")");
    }
    assertEquals(parameters, net.numParameters());
    assertEquals(parameters, net.parameters().length);
    assertEquals(parameters,
        Network.parameterCount(inputs, LayerSpec.parse(hidden, Activation.TANH), outputs));
    for (double p : net.parameters()) {
      assertEquals(0.0, p, "a new network's parameters are zero");
    }
  }

  @Test
  void parametersIsTheLiveArray() {
    // 1-1 identity network: output = w·x + b
    Network net = network(1, "", 1, IDENTITY_SE);
    Workspace ws = new Workspace(net, 1, false);
    ws.activations(0)[0] = 3;
    net.forward(ws, 0, 1);
    assertEquals(0.0, ws.activations(1)[0]);
    net.parameters()[net.weightOffset(0)] = 0.5;
    net.parameters()[net.biasOffset(0)] = 2.5;
    net.forward(ws, 0, 1);
    assertEquals(4.0, ws.activations(1)[0]);
  }

  @Test
  void hiddenActivationsAndOutputLayerAreKept() {
    Network net = new Network(3, LayerSpec.parse("4:RELU,2", Activation.GELU), 2, SIGMOID_BCE);
    assertEquals(Activation.RELU, net.hiddenActivation(0));
    assertEquals(Activation.GELU, net.hiddenActivation(1));
    assertSame(SIGMOID_BCE, net.outputLayer());
  }

  @Test
  void parameterCountGoesPastIntAndTheConstructorRefusesSuchANetwork() {
    LayerSpec wide = LayerSpec.parse("100000", Activation.RELU);
    // 100000·(100000+1) + 100000·(100000+1)
    assertEquals(20_000_200_000L, Network.parameterCount(100_000, wide, 100_000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Network(100_000, wide, 100_000, IDENTITY_SE));
    assertTrue(e.getMessage().contains("20000200000 parameters"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} inputs, {1} outputs")
  @CsvSource({"0, 1", "1, 0", "0, 0", "-1, 2", "3, -4"})
  void refusesANetworkWithoutInputsOrOutputs(int inputs, int outputs) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> network(inputs, "2", outputs, IDENTITY_SE));
    assertTrue(e.getMessage().contains("at least one input and one output"), e.getMessage());
  }

  // ------------------------------------------------------------------------------------------
  // Forward and backward by hand
  // ------------------------------------------------------------------------------------------

  /**
   * Writes weight layer {@code l}'s matrix (one row per output unit) and biases into the flat
   * array at the documented offsets.
   */
  private static void set(Network net, int l, double[][] w, double[] b) {
    double[] theta = net.parameters();
    int in = net.size(l);
    for (int j = 0; j < w.length; j++) {
      System.arraycopy(w[j], 0, theta, net.weightOffset(l) + j * in, in);
    }
    System.arraycopy(b, 0, theta, net.biasOffset(l), b.length);
  }

  /**
   * The 2-2-2 network of the hand computations: {@code W0 = [[0.5, −1], [1.5, 0.25]]},
   * {@code b0 = [0.5, −1]}, {@code W1 = [[2, 1], [−1, 3]]}, {@code b1 = [0.5, −0.5]}.
   */
  private static Network handNetwork(Activation hidden, OutputLayer out) {
    Network net = new Network(2, LayerSpec.parse("2", hidden), 2, out);
    set(net, 0, new double[][] {{0.5, -1}, {1.5, 0.25}}, new double[] {0.5, -1});
    set(net, 1, new double[][] {{2, 1}, {-1, 3}}, new double[] {0.5, -0.5});
    return net;
  }

  /** Rows x = (1, 2) and x = (0, 0). */
  private static final double[] HAND_X = {1, 2, 0, 0};

  /** Hidden pre-activations z0 = W0·x + b0 of the two rows, by hand. */
  private static final double[] HAND_Z0 = {
    0.5 * 1 - 1 * 2 + 0.5, 1.5 * 1 + 0.25 * 2 - 1, // (−1, 1)
    0.5, -1 // the biases
  };

  /** Output pre-activations z1 = W1·f(z0) + b1 of the two rows, by hand, for each f. */
  private static double[] handZ1(Activation hidden) {
    double t1 = Math.tanh(1);
    double th = Math.tanh(0.5);
    switch (hidden) {
      case IDENTITY: // f(z0) = (−1, 1) and (0.5, −1)
        return new double[] {-0.5, 3.5, 0.5, -4};
      case RELU: // f(z0) = (0, 1) and (0.5, 0)
        return new double[] {1.5, 2.5, 1.5, -1};
      case TANH: // f(z0) = (−tanh 1, tanh 1) and (tanh ½, −tanh 1)
        return new double[] {
          -2 * t1 + t1 + 0.5, t1 + 3 * t1 - 0.5, 2 * th - t1 + 0.5, -th - 3 * t1 - 0.5
        };
      default:
        throw new AssertionError(hidden);
    }
  }

  static Stream<Arguments> handCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Activation hidden : new Activation[] {Activation.IDENTITY, Activation.RELU,
        Activation.TANH}) {
      for (OutputLayer out : new OutputLayer[] {SOFTMAX_CE, SIGMOID_BCE, IDENTITY_SE}) {
        b.add(Arguments.of(hidden, out));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "2-[2 {0}]-2 {1}")
  @MethodSource("handCases")
  void forwardOfATinyNetworkMatchesTheHandComputation(Activation hidden, OutputLayer out) {
    Network net = handNetwork(hidden, out);
    Workspace ws = new Workspace(net, 2, false);
    System.arraycopy(HAND_X, 0, ws.activations(0), 0, 4);
    net.forward(ws, 0, 2);

    assertArrayEquals(HAND_Z0, ws.preActivations(0), 1e-15, "hidden pre-activations");
    double[] z1 = handZ1(hidden);
    assertArrayEquals(z1, ws.preActivations(1), 1e-14, "output pre-activations");
    double[] expected = new double[4];
    for (int r = 0; r < 2; r++) {
      double u = z1[2 * r];
      double v = z1[2 * r + 1];
      switch (out.activation()) {
        case SOFTMAX: // e^u / (e^u + e^v) = 1 / (1 + e^(v−u))
          expected[2 * r] = 1 / (1 + Math.exp(v - u));
          expected[2 * r + 1] = 1 / (1 + Math.exp(u - v));
          break;
        case SIGMOID:
          expected[2 * r] = 1 / (1 + Math.exp(-u));
          expected[2 * r + 1] = 1 / (1 + Math.exp(-v));
          break;
        default:
          expected[2 * r] = u;
          expected[2 * r + 1] = v;
      }
    }
    assertArrayEquals(expected, ws.activations(2), 1e-14, "outputs");
  }

  @Test
  void forwardTouchesOnlyTheRowsAskedFor() {
    Network net = handNetwork(Activation.RELU, SOFTMAX_CE);
    Workspace ws = new Workspace(net, 3, false);
    // row 1 is x = (1, 2); rows 0 and 2 hold other inputs and sentinel outputs
    System.arraycopy(new double[] {9, 9, 1, 2, 9, 9}, 0, ws.activations(0), 0, 6);
    Arrays.fill(ws.activations(2), -7);
    net.forward(ws, 1, 2);
    assertArrayEquals(new double[] {-7, -7, 1 / (1 + Math.E), Math.E / (1 + Math.E), -7, -7},
        ws.activations(2), 1e-15);
  }

  @Test
  void backwardOfTheTinyNetworkMatchesTheHandComputation() {
    Network net = handNetwork(Activation.RELU, IDENTITY_SE);
    Workspace ws = new Workspace(net, 1, true);
    System.arraycopy(new double[] {1, 2}, 0, ws.activations(0), 0, 2);
    ws.targets()[0] = 1;
    ws.targets()[1] = 3;
    ws.weights()[0] = 2;
    double[] grad = new double[net.numParameters()];
    Arrays.fill(grad, 1); // backward adds to what is there
    net.forward(ws, 0, 1);
    // z0 = (−1, 1), a1 = (0, 1), z1 = a2 = (1.5, 2.5); residual (0.5, −0.5);
    // loss ½(0.25 + 0.25) = 0.25, returned times the example weight 2
    double loss = net.backward(ws, 0, 1, 4, grad);
    assertEquals(0.5, loss, 1e-15);
    // δ1 = (w / gradScale)·r = (2/4)·(0.5, −0.5) = (0.25, −0.25)
    // ∂W1 = δ1 a1ᵀ = [[0, 0.25], [0, −0.25]], ∂b1 = δ1
    // δ0 = (δ1ᵀ W1) ⊙ relu'(z0) = (0.25·2 − 0.25·(−1), 0.25·1 − 0.25·3) ⊙ (0, 1) = (0, −0.5)
    // ∂W0 = δ0 xᵀ = [[0, 0], [−0.5, −1]], ∂b0 = δ0
    double[] expected = {
      0, 0, -0.5, -1, 0, -0.5, // W0, b0
      0, 0.25, 0, -0.25, 0.25, -0.25 // W1, b1
    };
    for (int i = 0; i < expected.length; i++) {
      expected[i] += 1;
    }
    assertArrayEquals(expected, grad, 1e-15);
  }

  // ------------------------------------------------------------------------------------------
  // predict
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "workspace capacity {0} for 7 rows")
  @ValueSource(ints = {1, 3, 7, 10})
  void predictInBlocksEqualsForwardRowByRow(int capacity) {
    Network net = network(3, "5:TANH,4:RELU", 3, SOFTMAX_CE);
    net.initialize(Initializer.AUTO, new Well19937c(3));
    int n = 7;
    Random rnd = new Random(8);
    double[] x = new double[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    double[] expected = new double[n * 3];
    Workspace one = new Workspace(net, 1, false);
    for (int r = 0; r < n; r++) {
      System.arraycopy(x, r * 3, one.activations(0), 0, 3);
      net.forward(one, 0, 1);
      System.arraycopy(one.activations(net.numLayers()), 0, expected, r * 3, 3);
    }
    double[] out = new double[n * 3];
    double[] xCopy = x.clone();
    net.predict(x, n, new Workspace(net, capacity, false), out);
    assertArrayEquals(expected, out);
    assertArrayEquals(xCopy, x, "inputs untouched");
  }

  // ------------------------------------------------------------------------------------------
  // copy and initialize
  // ------------------------------------------------------------------------------------------

  @Test
  void copyIsIndependentOfTheOriginal() {
    Network net = network(3, "4:RELU", 2, SOFTMAX_CE);
    net.initialize(Initializer.AUTO, new Well19937c(1));
    double[] before = net.parameters().clone();
    Network c = net.copy();
    assertNotSame(net.parameters(), c.parameters());
    assertArrayEquals(before, c.parameters());
    assertEquals(net.toString(), c.toString());
    assertEquals(net.numLayers(), c.numLayers());
    for (int l = 0; l < net.numLayers(); l++) {
      assertEquals(net.weightOffset(l), c.weightOffset(l));
      assertEquals(net.biasOffset(l), c.biasOffset(l));
    }

    c.parameters()[0] += 1;
    c.initialize(Initializer.HE_UNIFORM, new Well19937c(2));
    assertArrayEquals(before, net.parameters(), "changing the copy changes the original");
    net.parameters()[1] = 42;
    assertFalse(c.parameters()[1] == 42, "changing the original changes the copy");

    // and each computes with its own parameters
    Workspace ws = new Workspace(net, 1, false);
    ws.activations(0)[0] = 1;
    ws.activations(0)[1] = -1;
    ws.activations(0)[2] = 0.5;
    net.forward(ws, 0, 1);
    double[] outNet = ws.activations(2).clone();
    c.forward(ws, 0, 1);
    assertFalse(Arrays.equals(outNet, ws.activations(2)));
  }

  @Test
  void initializeZeroesTheBiasesAndDrawsEachLayerWithItsScheme() {
    Network net = network(4, "6:RELU,3:TANH", 2, SOFTMAX_CE);
    Arrays.fill(net.parameters(), 7);
    net.initialize(Initializer.AUTO, new Well19937c(99));
    double[] theta = net.parameters();
    for (int l = 0; l < net.numLayers(); l++) {
      for (int i = net.biasOffset(l); i < net.biasOffset(l) + net.size(l + 1); i++) {
        assertEquals(0.0, theta[i], "bias " + i);
      }
      for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
        assertTrue(theta[i] != 0 && theta[i] != 7, "weight " + i + " = " + theta[i]);
      }
    }
    // AUTO: He normal into the ReLU layer, Glorot uniform into the tanh layer and the output,
    // drawn layer after layer from the one generator
    double[] expected = new double[net.numParameters()];
    RandomGenerator rng = new Well19937c(99);
    Initializer.HE_NORMAL.fill(expected, 0, 4, 6, rng);
    Initializer.XAVIER_UNIFORM.fill(expected, net.weightOffset(1), 6, 3, rng);
    Initializer.XAVIER_UNIFORM.fill(expected, net.weightOffset(2), 3, 2, rng);
    assertArrayEquals(expected, theta);
    // Glorot uniform bound √(6 / (fanIn + fanOut)) for the tanh layer
    double bound = Math.sqrt(6.0 / (6 + 3));
    for (int i = net.weightOffset(1); i < net.biasOffset(1); i++) {
      assertTrue(Math.abs(theta[i]) <= bound, "weight " + theta[i] + " beyond " + bound);
    }
  }

  @Test
  void initializeIsReproducibleForASeed() {
    Network a = network(5, "8:RELU,4", 3, SOFTMAX_CE);
    Network b = network(5, "8:RELU,4", 3, SOFTMAX_CE);
    Network c = network(5, "8:RELU,4", 3, SOFTMAX_CE);
    a.initialize(Initializer.AUTO, new Well19937c(123));
    b.initialize(Initializer.AUTO, new Well19937c(123));
    c.initialize(Initializer.AUTO, new Well19937c(124));
    assertArrayEquals(a.parameters(), b.parameters());
    assertFalse(Arrays.equals(a.parameters(), c.parameters()));
  }

  // ------------------------------------------------------------------------------------------
  // Serialization and toString
  // ------------------------------------------------------------------------------------------

  private static byte[] serialize(Network net, double[] replacement, boolean replace)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ReplacingStream(bytes, net.parameters(), replacement,
        replace)) {
      out.writeObject(net);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /** Writes a given array in place of the network's parameter array (a tampered model). */
  private static final class ReplacingStream extends ObjectOutputStream {
    private final double[] original;
    private final double[] replacement;

    ReplacingStream(OutputStream out, double[] original, double[] replacement, boolean replace)
        throws IOException {
      super(out);
      this.original = original;
      this.replacement = replacement;
      enableReplaceObject(replace);
    }

    @Override
    protected Object replaceObject(Object obj) {
      return obj == original ? replacement : obj;
    }
  }

  @Test
  void serializationRoundTripKeepsArchitectureAndParameters() throws Exception {
    Network net = new Network(3, LayerSpec.parse("4:RELU,2:TANH", Activation.RELU), 2,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0.1));
    net.initialize(Initializer.AUTO, new Well19937c(4));
    Workspace ws = new Workspace(net, 2, false);
    double[] x = {0.3, -1, 2, 1, 0, -0.5};
    System.arraycopy(x, 0, ws.activations(0), 0, 6);
    net.forward(ws, 0, 2); // leaves a pass object in the network: not part of the model
    double[] outputs = ws.activations(3).clone();

    Network back = (Network) deserialize(serialize(net, null, false));
    assertEquals(net.toString(), back.toString());
    assertArrayEquals(net.parameters(), back.parameters());
    for (int l = 0; l <= net.numLayers(); l++) {
      assertEquals(net.size(l), back.size(l));
    }
    for (int l = 0; l < net.numLayers(); l++) {
      assertEquals(net.weightOffset(l), back.weightOffset(l));
      assertEquals(net.biasOffset(l), back.biasOffset(l));
    }
    assertEquals(0.1, back.outputLayer().labelSmoothing());
    Workspace ws2 = new Workspace(back, 2, false);
    System.arraycopy(x, 0, ws2.activations(0), 0, 6);
    back.forward(ws2, 0, 2);
    assertArrayEquals(outputs, ws2.activations(3));
  }

  @ParameterizedTest(name = "{0} parameters written")
  @ValueSource(ints = {-1, 0, 12, 14})
  void aParameterArrayThatDoesNotFitTheArchitectureIsRefusedOnRead(int length)
      throws Exception {
    // 2-[3]-1: 3·(2+1) + 1·(3+1) = 13 parameters; -1 writes no array at all
    Network net = network(2, "3", 1, SIGMOID_BCE);
    byte[] bytes = serialize(net, length < 0 ? null : new double[length], true);
    InvalidObjectException e =
        assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
    String holds = length < 0 ? "none" : String.valueOf(length);
    assertEquals("corrupt BackpropMLP network: architecture [2, 3, 1] needs 13 parameters but"
        + " the model holds " + holds, e.getMessage());
  }

  @Test
  void toStringShowsTheArchitecture() {
    assertEquals("4-[8 RELU]-3 SOFTMAX + CROSS_ENTROPY",
        new Network(4, LayerSpec.parse("8", Activation.RELU), 3, SOFTMAX_CE).toString());
    assertEquals("2-1 IDENTITY + SQUARED_ERROR", network(2, "", 1, IDENTITY_SE).toString());
    assertEquals("5-[3 TANH]-[2 GELU]-2 SOFTMAX + CROSS_ENTROPY (smoothing 0.1)",
        new Network(5, LayerSpec.parse("3:TANH,2", Activation.GELU), 2,
            new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0.1)).toString());
  }
  /**
   * The prediction pass on transposed weights gives the bits of the ordinary forward pass, for
   * layers wide enough for it (8+ units) and narrower ones (which keep the ordinary product).
   */
  @ParameterizedTest(name = "{0}-[{1}]-{2}, {3} rows")
  @CsvSource({"784, 64, 10, 100", "13, '20:RELU,9', 3, 37", "5, 8, 1, 4", "30, 130, 12, 130"})
  void forwardWithTransposedWeightsGivesTheSameBits(int inputs, String hidden, int outputs,
      int rows) {
    Network net = network(inputs, hidden, outputs, SOFTMAX_CE);
    net.initialize(Initializer.HE_NORMAL, new Well19937c(5));
    Random rnd = new Random(11);
    double[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.1 * rnd.nextGaussian(); // non-zero biases too
    }
    Workspace plain = new Workspace(net, rows, false);
    Workspace transposed = new Workspace(net, rows, false);
    for (int i = 0; i < rows * inputs; i++) {
      plain.activations(0)[i] = rnd.nextGaussian();
    }
    System.arraycopy(plain.activations(0), 0, transposed.activations(0), 0, rows * inputs);
    net.forward(plain, 0, rows);
    net.forwardWithTransposed(transposed, 0, rows, net.transposedWeights());
    for (int l = 0; l < net.numLayers(); l++) {
      assertArrayEquals(plain.preActivations(l), transposed.preActivations(l), 0.0, "layer " + l);
    }
    assertArrayEquals(plain.activations(net.numLayers()),
        transposed.activations(net.numLayers()), 0.0);
  }

  /** {@code transposedWeights} holds {@code W[j][p]} at {@code [p·out + j]}, layer by layer. */
  @Test
  void transposedWeightsAreTheWeightMatricesTransposed() {
    Network net = network(3, "2", 2, SOFTMAX_CE);
    double[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = i + 1;
    }
    double[][] t = net.transposedWeights();
    // layer 0: W (2 × 3) = [1 2 3; 4 5 6], biases 7 8; layer 1: W (2 × 2) = [9 10; 11 12]
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t[0], 0.0);
    assertArrayEquals(new double[] {9, 11, 10, 12}, t[1], 0.0);
  }
}
