package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.kernel.WorkerPool;

/**
 * The cut of a hidden-to-hidden layer's propagated delta ({@link UnitHalves}): which layers are
 * cut, that the lower layer's deltas are {@code (Σ_{u<h} Δ_u·W_uq + Σ_{u≥h} Δ_u·W_uq) · f'} by
 * hand, each sum in order of u, and that 2, 3 and 4 threads, small batches (split by columns)
 * and large ones (by rows) give the single-threaded outputs, loss and gradient bit for bit.
 */
class UnitHalvesTest {

  @ParameterizedTest(name = "layer {0} of {1}, {2} -> {3} units: cut {4}")
  @CsvSource({
    "1, 3, 256, 256, 128", // 784-256-256-10's hidden-to-hidden layer
    "1, 3, 32, 65, 32", // odd: the second half is the larger
    "0, 3, 784, 256, 0", // the first layer: its delta is never propagated
    "2, 3, 256, 10, 0", // the output layer
    "1, 2, 256, 256, 0", // the output layer of a one-hidden-layer network
    "1, 3, 256, 63, 0", // halves narrower than 32 units
    "1, 3, 31, 256, 0", // rows of the product shorter than 32
    "2, 4, 64, 64, 32"
  })
  void cutsWideHiddenToHiddenLayersOnly(int layer, int layers, int inputs, int units, int cut) {
    assertEquals(cut, UnitHalves.cut(layer, layers, inputs, units));
  }

  @ParameterizedTest(name = "{0} rows, {1} threads, dropout {2}")
  @CsvSource({"32, 2, 0", "32, 3, 0.3", "32, 4, 0", "130, 2, 0.5", "7, 4, 0", "1, 2, 0"})
  void deltasAreTheHandSumsAndTheSingleThreadedBits(int rows, int threads, double p) {
    // 20 inputs, 40 identity units (f' = 1, so the deltas below are the sums), 70 units cut at 35
    Network net = new Network(20, LayerSpec.parse("40:IDENTITY,70:TANH", Activation.RELU), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, new Well19937c(21));
    assertEquals(35, UnitHalves.cut(net, 1));
    Workspace ws = BatchPassTest.batch(net, rows, 5);
    Dropout none = new Dropout(net, rows, 0, new Well19937c(3));
    double[][] expected = BatchPassTest.step(net, ws, rows, null, none);
    double[] w = net.parameters();
    double[] above = ws.deltas(1);
    double[] below = ws.deltas(0);
    for (int i = 0; i < rows; i++) {
      for (int q = 0; q < 40; q++) {
        int row = i;
        int column = q;
        double[] sums = BatchPassTest.halfSums(70, 35, u -> above[row * 70 + u],
            u -> w[net.weightOffset(1) + u * 40 + column]);
        assertEquals(sums[0] + sums[1], below[i * 40 + q], 0.0, "Δ[" + i + "][" + q + "]");
      }
    }
    Dropout one = new Dropout(net, rows, p, new Well19937c(17));
    Dropout many = new Dropout(net, rows, p, new Well19937c(17));
    one.drawMasks(rows);
    many.drawMasks(rows);
    expected = BatchPassTest.step(net, BatchPassTest.batch(net, rows, 6), rows, null, one);
    double[][] actual;
    try (WorkerPool pool = new WorkerPool(threads)) {
      actual = BatchPassTest.step(net, BatchPassTest.batch(net, rows, 6), rows, pool, many);
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], actual[k], new String[] {"outputs", "loss", "gradient"}[k]);
    }
  }
}
