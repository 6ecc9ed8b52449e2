package weka.classifiers.functions.backprop.model;

import weka.classifiers.functions.backprop.kernel.Kernels;

/**
 * A prediction pass over a block of dense rows that keeps each hidden layer's pre-activations
 * and activations by unit: element {@code (r, u)} of a hidden layer at {@code u·rows + r}
 * instead of {@code r·width + u}. Only the output layer's values are stored by row, as every
 * pass stores them.
 *
 * <p>Why: on the pure-Java route a narrow layer over a block of rows is computed transposed
 * anyway, its vectorized loop running along the block's rows ({@link Kernels#byUnitPays}). Stored
 * by row, each such layer's result was transposed into rows (a strided write per value, twice
 * for a 784-input first layer summed in two halves) and the next layer's panel transposed it
 * back; by unit, the first is a contiguous store and the second a row copy. A profile of a
 * 784-64-10 prediction had put 9 % of its time in those transposing stores.
 *
 * <p>Every element is the same sum in the same order as in {@link Network#forward}: one
 * accumulator from 0 in order of the inputs, the bias added last, and for a first layer cut in
 * two input halves ({@link FirstLayerLayout#inputSplit}) the second half's sum added to the first's
 * result. So the outputs have the same bits, which the tests check layer shape by layer shape.
 */
public final class ByUnitPrediction {

  private ByUnitPrediction() {}

  /**
   * Whether {@link #forward} serves a block of {@code rows} dense rows of {@code net}: the
   * network has hidden layers, its first layer's weights are stored by unit (as a trained model
   * keeps them), and every hidden layer is narrow enough for {@link Kernels#byUnitPays}.
   *
   * @param net the network
   * @param rows rows of the block
   * @return whether to use this pass
   */
  public static boolean takes(Network net, int rows) {
    FirstLayerLayout first = net.firstLayer();
    if (net.numLayers() < 2 || first.inSplitLayout() || first.inInputMajorLayout()) {
      return false;
    }
    for (int l = 1; l < net.numLayers(); l++) {
      if (!Kernels.byUnitPays(rows, net.size(l))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Forward pass of rows {@code [0, rows)} of the workspace's dense input batch (stored as the
   * workspace lays it out, {@link Workspace#inputHalfOffset}); the outputs land in {@code
   * ws.activations(net.numLayers())} by row, as {@link Network#forward} leaves them, while the
   * hidden layers' buffers hold their values by unit.
   *
   * @param net a network that {@link #takes} the block
   * @param ws a dense workspace of at least {@code rows} rows for {@code net}
   * @param rows rows of the block
   */
  public static void forward(Network net, Workspace ws, int rows) {
    double[] params = net.parameters();
    int last = net.numLayers() - 1;
    firstLayer(net, ws, rows);
    activate(net, ws, 0, rows);
    for (int l = 1; l < last; l++) {
      int in = net.size(l);
      int units = net.size(l + 1);
      double[] z = ws.preActivations(l);
      Kernels.multiplyByUnit(params, net.weightOffset(l), in, units, ws.activations(l), 0, rows,
          false, rows, in, z, 0, rows, false, null, 0, false);
      addBias(params, net.biasOffset(l), units, z, rows);
      activate(net, ws, l, rows);
    }
    int in = net.size(last);
    int outputs = net.size(last + 1);
    double[] z = ws.preActivations(last);
    Kernels.multiplyByUnit(params, net.weightOffset(last), in, outputs, ws.activations(last), 0,
        rows, false, rows, in, z, 0, outputs, true, params, net.biasOffset(last), false);
    double[] a = ws.activations(last + 1);
    OutputLayer output = net.outputLayer();
    for (int r = 0; r < rows; r++) {
      output.activate(z, a, r * outputs, outputs);
    }
  }

  /**
   * The first layer's pre-activations by unit: the bias plus the sum over all inputs, or for a
   * cut first layer the bias plus the first half's sum, then the second half's sum added.
   */
  private static void firstLayer(Network net, Workspace ws, int rows) {
    double[] params = net.parameters();
    int in = net.size(0);
    int units = net.size(1);
    double[] x = ws.activations(0);
    double[] z = ws.preActivations(0);
    FirstLayerLayout first = net.firstLayer();
    boolean halves = first.inputSplit() > 0;
    for (int half = 0; half < (halves ? 2 : 1); half++) {
      int p0 = halves ? first.halfStart(half) : 0;
      int len = halves ? first.halfWidth(half) : in;
      Kernels.multiplyByUnit(params, net.weightOffset(0) + p0, in, units, x,
          ws.inputHalfOffset(half), ws.inputRowStride(half), true, rows, len, z, 0, rows, false,
          null, 0, half == 1);
      if (half == 0) {
        addBias(params, net.biasOffset(0), units, z, rows);
      }
    }
  }

  /** {@code z[u][r] ← b_u + z[u][r]}: the bias added last, as the by-row store adds it. */
  private static void addBias(double[] params, int biasOff, int units, double[] z, int rows) {
    for (int u = 0; u < units; u++) {
      double b = params[biasOff + u];
      for (int e = u * rows, end = e + rows; e < end; e++) {
        z[e] = b + z[e];
      }
    }
  }

  /** Hidden layer {@code l}'s activation, element by element (the layout does not matter). */
  private static void activate(Network net, Workspace ws, int l, int rows) {
    net.hiddenActivation(l).apply(ws.preActivations(l), ws.activations(l + 1), 0,
        rows * net.size(l + 1));
  }
}
