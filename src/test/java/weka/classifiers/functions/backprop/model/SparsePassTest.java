package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.kernel.WorkerPool;

/**
 * The passes of a {@link Network} over a sparse input batch ({@link Workspace#sparseInput()}):
 * outputs, loss and gradient agree with the dense passes on the same data to rounding (1e-12
 * relative) for random sparse inputs of densities 0.01 to 0.5 with an empty row and a full row,
 * with and without hidden layers and dropout; they are bit-identical for 1, 2 and 3 threads,
 * split by rows or by units; sparse prediction equals dense prediction; and the gradient passes
 * a central-difference check, first-layer weights of absent columns included.
 */
class SparsePassTest {

  static final double REL = 1e-12;

  /** A dense {@code rows × cols} matrix of the given density, row 0 empty, row 1 full. */
  static double[] sparseDense(Random rnd, int rows, int cols, double density) {
    double[] x = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int p = 0; p < cols; p++) {
        boolean present = i == 1 || (i != 0 && rnd.nextDouble() < density);
        x[i * cols + p] = present ? rnd.nextGaussian() : 0;
      }
    }
    return x;
  }

  static Network network(int inputs, String hidden, int outputs, long seed) {
    Network net = new Network(inputs, LayerSpec.parse(hidden, Activation.RELU), outputs,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(seed));
    return net;
  }

  /** Fills targets and weights of a training workspace (the same for the same seed). */
  static void targets(Network net, Workspace ws, int rows, long seed) {
    Random rnd = new Random(seed);
    for (int r = 0; r < rows; r++) {
      ws.targets()[r * net.outputs() + rnd.nextInt(net.outputs())] = 1;
      ws.weights()[r] = 0.5 + rnd.nextDouble();
    }
  }

  static Workspace denseBatch(Network net, double[] x, int rows, long seed) {
    Workspace ws = new Workspace(net, rows, true);
    System.arraycopy(x, 0, ws.activations(0), 0, x.length);
    targets(net, ws, rows, seed);
    return ws;
  }

  static Workspace sparseBatch(Network net, double[] x, int rows, long seed) {
    SparseRows all = SparseRows.fromDense(x, rows, net.inputs());
    Workspace ws = new Workspace(net, rows, true, all.maxNonZeros(rows));
    assertNull(ws.activations(0), "a sparse workspace allocates no dense input batch");
    for (int i = 0; i < rows; i++) {
      ws.sparseInput().appendRow(all, i);
    }
    targets(net, ws, rows, seed);
    return ws;
  }

  /** Outputs, loss and gradient of one training step's passes. */
  static double[][] step(Network net, Workspace ws, int rows, WorkerPool pool, Dropout dropout) {
    double[] grad = new double[net.numParameters()];
    net.forward(ws, 0, rows, pool, dropout);
    double[] out = ws.activations(net.numLayers()).clone();
    double loss = net.backward(ws, 0, rows, rows, grad, pool, dropout);
    if (ws.sparseInput() != null) { // its first layer's gradient is only added, at its columns
      assertThrows(IllegalArgumentException.class,
          () -> net.backward(ws, 0, rows, rows, grad, pool, dropout, true));
    }
    return new double[][] {out, {loss}, grad};
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], actual[e], REL * Math.max(1e-3, Math.abs(expected[e])),
          what + " element " + e);
    }
  }

  @ParameterizedTest(name = "{0} rows, {1} inputs, [{2}], density {3}, dropout {4}")
  @CsvSource({
      "6, 40, '8:TANH', 0.5, 0", "20, 500, '16', 0.01, 0", "20, 300, '12:TANH,7', 0.05, 0.3",
      "9, 30, '', 0.2, 0", "140, 200, '10:SIGMOID', 0.02, 0.2", "5, 1000, '9', 0.01, 0.5"
  })
  void sparsePassesAgreeWithDensePasses(int rows, int inputs, String hidden, double density,
      double p) {
    Random rnd = new Random(rows * 31L + inputs);
    double[] x = sparseDense(rnd, rows, inputs, density);
    Network net = network(inputs, hidden, 3, 7);
    Dropout d1 = new Dropout(net, rows, p, new Well19937c(11));
    Dropout d2 = new Dropout(net, rows, p, new Well19937c(11));
    d1.drawMasks(rows);
    d2.drawMasks(rows);
    double[][] dense = step(net, denseBatch(net, x, rows, 3), rows, null, d1);
    double[][] sparse = step(net, sparseBatch(net, x, rows, 3), rows, null, d2);
    assertClose(dense[0], sparse[0], "outputs");
    assertClose(dense[1], sparse[1], "loss");
    assertClose(dense[2], sparse[2], "gradient");
  }

  @ParameterizedTest(name = "{0} rows, {1} threads, dropout {2}")
  @CsvSource({"5, 2, 0", "5, 3, 0.3", "130, 2, 0", "130, 3, 0.3", "127, 2, 0.5"})
  void threadsGiveTheSingleThreadedBits(int rows, int threads, double p) {
    Random rnd = new Random(rows);
    double[] x = sparseDense(rnd, rows, 400, 0.03);
    Network net = network(400, "40:RELU,33:TANH", 4, 5);
    Dropout one = new Dropout(net, rows, p, new Well19937c(11));
    Dropout many = new Dropout(net, rows, p, new Well19937c(11));
    one.drawMasks(rows);
    many.drawMasks(rows);
    double[][] expected = step(net, sparseBatch(net, x, rows, 1), rows, null, one);
    double[][] actual;
    try (WorkerPool pool = new WorkerPool(threads)) {
      actual = step(net, sparseBatch(net, x, rows, 1), rows, pool, many);
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], actual[k], new String[] {"outputs", "loss", "gradient"}[k]);
    }
  }

  @Test
  void sparsePredictionEqualsDensePrediction() {
    int rows = 23;
    int inputs = 300;
    double[] x = sparseDense(new Random(4), rows, inputs, 0.05);
    Network net = network(inputs, "16:TANH", 3, 9);
    double[] dense = new double[rows * 3];
    net.predict(x, rows, new Workspace(net, 8, false), dense);
    SparseRows all = SparseRows.fromDense(x, rows, inputs);
    double[] sparse = new double[rows * 3];
    // capacities smaller than the data: blocks end at 8 rows or 40 non-zeros
    net.predict(all, new Workspace(net, 8, false, inputs), sparse);
    assertClose(dense, sparse, "predictions");
    assertThrows(IllegalArgumentException.class,
        () -> net.predict(all, new Workspace(net, 8, false, 10), new double[rows * 3]),
        "the full row does not fit 10 non-zeros");
    assertThrows(IllegalArgumentException.class,
        () -> net.predict(all, new Workspace(net, 8, false), new double[rows * 3]),
        "a dense workspace");
    assertThrows(IllegalArgumentException.class,
        () -> net.predict(x, rows, new Workspace(net, 8, false, inputs), dense),
        "dense rows into a sparse workspace");
  }

  /**
   * Central differences {@code (J(θ+h e_p) − J(θ−h e_p)) / 2h} of {@code J = (1/B) Σ w_i L_i},
   * computed by sparse forward passes, against the sparse backward pass's gradient for every
   * parameter (smooth activations, so no kinks).
   */
  @Test
  void gradientMatchesCentralDifferences() {
    int rows = 6;
    int inputs = 12;
    double[] x = sparseDense(new Random(8), rows, inputs, 0.3);
    for (int i = 0; i < rows; i++) {
      x[i * inputs + 5] = 0; // column 5 absent from the batch: its weights get no gradient
    }
    Network net = new Network(inputs, LayerSpec.parse("5:TANH,4:SIGMOID", Activation.TANH), 3,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(2));
    double[] theta = net.parameters();
    for (int q = 0; q < theta.length; q++) {
      theta[q] += 0.1 * Math.sin(q); // non-zero biases too
    }
    Workspace ws = sparseBatch(net, x, rows, 6);
    double[] analytic = step(net, ws, rows, null, null)[2];
    double h = 1e-6;
    double[] scratch = new double[net.numParameters()];
    int checked = 0;
    for (int q = 0; q < theta.length; q++) {
      double keep = theta[q];
      theta[q] = keep + h;
      net.forward(ws, 0, rows);
      double plus = net.backward(ws, 0, rows, rows, scratch) / rows;
      theta[q] = keep - h;
      net.forward(ws, 0, rows);
      double minus = net.backward(ws, 0, rows, rows, scratch) / rows;
      theta[q] = keep;
      double numeric = (plus - minus) / (2 * h);
      double a = analytic[q];
      double abs = Math.abs(a - numeric);
      assertTrue(abs < 1e-8 || abs / (Math.abs(a) + Math.abs(numeric)) < 1e-6,
          "parameter " + q + ": analytic " + a + ", numeric " + numeric);
      checked += a != 0 ? 1 : 0;
    }
    assertTrue(checked > theta.length / 2, "most components are non-zero");
    for (int j = 0; j < net.size(1); j++) {
      assertEquals(0.0, analytic[net.weightOffset(0) + j * inputs + 5], 0.0, "absent column");
    }
  }
}
