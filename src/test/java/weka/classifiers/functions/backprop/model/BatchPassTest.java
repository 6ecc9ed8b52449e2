package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.backprop.kernel.MultiplyAdd;
import weka.classifiers.functions.backprop.kernel.WorkerPool;

/**
 * The passes {@link Network} runs through {@link BatchPass}: split over 2 or 3 threads, by rows
 * (batches of 128 rows or more) or by columns (smaller ones), with and without dropout, they give
 * the single-threaded outputs, loss and gradient bit for bit (the threads' passes storing the
 * gradient, as a training step does, the single thread's adding it to zeros); and passes of
 * several callers on one network, each with its own workspace, do not disturb one another.
 */
class BatchPassTest {

  private static Network network() {
    Network net = new Network(20, LayerSpec.parse("40:RELU,33:TANH", Activation.RELU), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(5));
    return net;
  }

  /**
   * {@code Σ_{k<cut} a(k)·b(k)} and {@code Σ_{k≥cut} a(k)·b(k)} for {@code k < n}, each from 0 in
   * order of k with the kernels' multiply-add: the two partial sums of a cut product by hand.
   */
  static double[] halfSums(int n, int cut, IntToDoubleFunction a, IntToDoubleFunction b) {
    double[] sums = new double[2];
    for (int k = 0; k < n; k++) {
      int half = k < cut ? 0 : 1;
      sums[half] = MultiplyAdd.madd(a.applyAsDouble(k), b.applyAsDouble(k), sums[half]);
    }
    return sums;
  }

  /** A training workspace holding random inputs, one-hot targets and example weights. */
  static Workspace batch(Network net, int rows, long seed) {
    Workspace ws = new Workspace(net, rows, true);
    Random rnd = new Random(seed);
    double[] x = ws.activations(0);
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int r = 0; r < rows; r++) {
      ws.targets()[r * net.outputs() + rnd.nextInt(net.outputs())] = 1;
      ws.weights()[r] = 0.5 + rnd.nextDouble();
    }
    return ws;
  }

  /**
   * Outputs, then loss and gradient, of one training step's passes: on one thread the gradient
   * added to zeros, on a pool stored ({@code overwrite}, as a training step does) into a buffer
   * of NaNs, which shows any element the pass leaves unwritten.
   */
  static double[][] step(Network net, Workspace ws, int rows, WorkerPool pool,
      Dropout dropout) {
    return step(net, ws, rows, pool, dropout, pool != null);
  }

  private static double[][] step(Network net, Workspace ws, int rows, WorkerPool pool,
      Dropout dropout, boolean overwrite) {
    double[] grad = new double[net.numParameters()];
    if (overwrite) {
      Arrays.fill(grad, Double.NaN);
    }
    net.forward(ws, 0, rows, pool, dropout);
    double[] out = ws.activations(net.numLayers()).clone();
    double loss = net.backward(ws, 0, rows, rows, grad, pool, dropout, overwrite);
    return new double[][] {out, {loss}, grad};
  }

  /**
   * On one thread too, a stored gradient is the added one bit for bit, on the kernel's narrow
   * paths as well: a first layer of 4 inputs (its gradient computed transposed) and layers too
   * small for the packed path on both sides.
   */
  @ParameterizedTest(name = "{0} inputs, hidden {1}, {2} rows")
  @CsvSource({"4, '40:RELU', 9", "3, '5:TANH', 6", "20, '40:RELU,33:TANH', 130"})
  void aStoredGradientIsTheAddedOne(int inputs, String hidden, int rows) {
    Network net = new Network(inputs, LayerSpec.parse(hidden, Activation.RELU), 3,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(3));
    double[][] added = step(net, batch(net, rows, 4), rows, null, null, false);
    double[][] stored = step(net, batch(net, rows, 4), rows, null, null, true);
    assertArrayEquals(added[2], stored[2]);
  }

  @ParameterizedTest(name = "{0} rows, {1} threads, dropout {2}")
  @CsvSource({"5, 2, 0", "5, 3, 0.3", "130, 2, 0", "130, 3, 0.3", "127, 2, 0.5"})
  void threadsGiveTheSingleThreadedBits(int rows, int threads, double p) {
    Network net = network();
    Dropout one = new Dropout(net, rows, p, new Well19937c(11));
    Dropout many = new Dropout(net, rows, p, new Well19937c(11));
    one.drawMasks(rows);
    many.drawMasks(rows);
    double[][] expected = step(net, batch(net, rows, 1), rows, null, one);
    double[][] actual;
    try (WorkerPool pool = new WorkerPool(threads)) {
      actual = step(net, batch(net, rows, 1), rows, pool, many);
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], actual[k], new String[] {"outputs", "loss", "gradient"}[k]);
    }
  }

  /**
   * Layers wide enough that a small batch's products are split by columns into blocks of at
   * least 32 (96 and 70 units: two or three blocks, of unequal width for 70 over 3 threads).
   */
  @ParameterizedTest(name = "{0} rows, {1} threads, dropout {2}")
  @CsvSource({"32, 2, 0", "32, 3, 0.3", "64, 2, 0.5"})
  void columnSplitsOfWideLayersGiveTheSingleThreadedBits(int rows, int threads, double p) {
    Network net = new Network(50, LayerSpec.parse("96:RELU,70:TANH", Activation.RELU), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(7));
    Dropout one = new Dropout(net, rows, p, new Well19937c(13));
    Dropout many = new Dropout(net, rows, p, new Well19937c(13));
    one.drawMasks(rows);
    many.drawMasks(rows);
    double[][] expected = step(net, batch(net, rows, 2), rows, null, one);
    double[][] actual;
    try (WorkerPool pool = new WorkerPool(threads)) {
      actual = step(net, batch(net, rows, 2), rows, pool, many);
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], actual[k], new String[] {"outputs", "loss", "gradient"}[k]);
    }
  }

  /**
   * A first layer cut into input halves ({@link FirstLayerLayout#inputSplit}, 300 inputs: 152 +
   * 148): its pre-activations are {@code (b + Σ_{p<152}) + Σ_{p≥152}} by hand, each sum in order of
   * p; its weight gradient is {@code Σ_i Δ_ij x_ip} by hand; 2, 3 and 4 threads (halves, then
   * halves split by columns or units) and batches split by rows give the single-threaded bits;
   * and prediction (weights held transposed) gives the forward pass's outputs.
   */
  @ParameterizedTest(name = "{0} rows, {1} threads, dropout {2}")
  @CsvSource({"32, 2, 0", "32, 3, 0.3", "32, 4, 0", "130, 2, 0.5", "7, 4, 0"})
  void inputHalvesGiveTheHandSumsAndTheSingleThreadedBits(int rows, int threads, double p) {
    Network net = new Network(300, LayerSpec.parse("70:TANH", Activation.RELU), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(9));
    assertEquals(152, net.firstLayer().inputSplit());
    double[] w = net.parameters();
    for (int j = 0; j < 70; j++) {
      w[net.biasOffset(0) + j] = 0.1 * j - 3; // non-zero biases, so their place in the sum shows
    }
    Dropout one = new Dropout(net, rows, p, new Well19937c(17));
    Dropout many = new Dropout(net, rows, p, new Well19937c(17));
    one.drawMasks(rows);
    many.drawMasks(rows);
    Workspace ws = batch(net, rows, 3);
    double[][] expected = step(net, ws, rows, null, one);
    double[] x = ws.activations(0);
    double[] z = ws.preActivations(0);
    double[] d = ws.deltas(0);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 70; j++) {
        int row = i;
        int unit = j;
        double[] sums = halfSums(300, 152, q -> x[row * 300 + q],
            q -> w[net.weightOffset(0) + unit * 300 + q]);
        assertEquals((w[net.biasOffset(0) + j] + sums[0]) + sums[1], z[i * 70 + j], 0.0,
            "z[" + i + "][" + j + "]");
      }
    }
    for (int j = 0; j < 70; j += 23) {
      for (int q = 0; q < 300; q += 37) {
        double g = 0;
        for (int i = 0; i < rows; i++) {
          g = MultiplyAdd.madd(d[i * 70 + j],
              x[i * 300 + q], g);
        }
        assertEquals(g, expected[2][net.weightOffset(0) + j * 300 + q], 0.0,
            "G[" + j + "][" + q + "]");
      }
    }
    double[][] actual;
    try (WorkerPool pool = new WorkerPool(threads)) {
      actual = step(net, batch(net, rows, 3), rows, pool, many);
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], actual[k], new String[] {"outputs", "loss", "gradient"}[k]);
    }
    // the weights in two blocks and the batch in two blocks, as a training epoch has them
    double[] scratch = new double[300 * 70];
    net.firstLayer().toSplitLayout(scratch);
    Workspace blocks = batch(net, rows, 3);
    double[] rowMajorX = blocks.activations(0).clone();
    for (int i = 0; i < rows; i++) {
      System.arraycopy(rowMajorX, i * 300, blocks.activations(0), i * 152, 152);
      System.arraycopy(rowMajorX, i * 300 + 152, blocks.activations(0), rows * 152 + i * 148,
          148);
    }
    blocks.setInputInBlocks(true);
    double[][] inBlocks;
    Dropout again = new Dropout(net, rows, p, new Well19937c(17));
    again.drawMasks(rows);
    try (WorkerPool pool = new WorkerPool(threads)) {
      inBlocks = step(net, blocks, rows, pool, again);
    }
    net.firstLayer().toRowMajorLayout(scratch, inBlocks[2]);
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], inBlocks[k], "in blocks: " + new String[] {"outputs",
          "loss", "gradient"}[k]);
    }
    if (p == 0) {
      Workspace prediction = new Workspace(net, rows, false);
      System.arraycopy(x, 0, prediction.activations(0), 0, rows * 300);
      net.forwardWithTransposed(prediction, 0, rows, net.transposedWeights());
      assertArrayEquals(expected[0], prediction.activations(2), 0.0, "prediction");
    }
  }

  @ParameterizedTest(name = "{0} callers")
  @ValueSource(ints = {2, 4})
  void concurrentCallersOnOneNetworkKeepTheirOwnWorkspaces(int callers) throws Exception {
    Network net = network();
    int rows = 9;
    double[][][] expected = new double[callers][][];
    for (int c = 0; c < callers; c++) {
      expected[c] = step(net, batch(net, rows, c), rows, null, null);
    }
    ExecutorService exec = Executors.newFixedThreadPool(callers);
    try {
      @SuppressWarnings("unchecked")
      Future<double[][]>[] futures = (Future<double[][]>[]) new Future<?>[callers];
      for (int c = 0; c < callers; c++) {
        long seed = c;
        futures[c] = exec.submit(() -> {
          Workspace ws = batch(net, rows, seed);
          double[][] last = null;
          for (int repeat = 0; repeat < 200; repeat++) {
            last = step(net, ws, rows, null, null);
          }
          return last;
        });
      }
      for (int c = 0; c < callers; c++) {
        double[][] actual = futures[c].get();
        assertArrayEquals(expected[c][0], actual[0], "outputs of caller " + c);
        assertEquals(expected[c][1][0], actual[1][0], "loss of caller " + c);
        assertArrayEquals(expected[c][2], actual[2], "gradient of caller " + c);
      }
    } finally {
      exec.shutdownNow();
    }
  }
}
