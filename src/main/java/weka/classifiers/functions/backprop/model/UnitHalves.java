package weka.classifiers.functions.backprop.model;

import weka.classifiers.functions.backprop.kernel.Kernels;

/**
 * Where the delta propagated through a hidden-to-hidden weight layer is cut in two: {@code
 * Δ_{l−1} = Δ_l·W_l} is summed over the layer's first half of units and over its second half
 * separately, and the two partial sums are then added ({@code P₀ + P₁}), for any number of
 * threads. Why: summed whole, each thread's share of {@code Δ_l·W_l} (a range of the lower
 * layer's columns) reads every row of {@code W_l}, whose rows the two threads' forward products,
 * gradients and updates otherwise keep apart (each its half of the units); so every line of
 * {@code W_l} sat in both cores' caches, and each update had to take it back from the other core.
 * On a 784-256-256-10 network with its two vCPUs on cores that share no cache (a round trip of
 * 380 ns against 66), the step's update took 0.79 s an epoch instead of 0.35 (bench/README.md,
 * "A hidden layer's delta summed by unit halves"). Cut, each thread reads only its own rows.
 *
 * <p>The cut depends on the network's shape alone, never on the thread count or the batch, so a
 * model has the same bits for any number of threads; it changes the order of the additions
 * against a whole sum (rounding only), and only for networks of two or more hidden layers, whose
 * hidden-to-hidden layers are wide enough to be worth splitting.
 */
public final class UnitHalves {

  /**
   * Fewest units of a layer whose delta is cut: two halves of at least 32 units, the narrowest
   * column block a thread takes (narrower blocks run at a fraction of the kernel's speed).
   */
  public static final int MIN_UNITS = 64;

  /**
   * Fewest inputs of such a layer: the lower layer's width is the product's row length, which the
   * packed kernel needs at least 8 long; 32 keeps the cut to layers where the product is work.
   */
  public static final int MIN_INPUTS = 32;

  private UnitHalves() {}

  /**
   * The first unit of the second half of weight layer {@code layer}'s units, or 0 where its
   * propagated delta is summed whole: the output layer, the first layer (whose delta is never
   * propagated), and layers narrower than {@link #MIN_UNITS} or with fewer than {@link
   * #MIN_INPUTS} inputs.
   *
   * @param layer the weight layer, 0 for the first
   * @param layers the network's weight layers
   * @param inputs the layer's inputs (the lower layer's units)
   * @param units the layer's units
   * @return the cut, {@code units / 2}, or 0
   */
  public static int cut(int layer, int layers, int inputs, int units) {
    boolean hiddenToHidden = layer >= 1 && layer < layers - 1;
    return hiddenToHidden && units >= MIN_UNITS && inputs >= MIN_INPUTS ? units / 2 : 0;
  }

  /**
   * {@link #cut(int, int, int, int)} of one of {@code net}'s weight layers.
   *
   * @param net the network
   * @param layer the weight layer
   * @return the cut, or 0
   */
  public static int cut(Network net, int layer) {
    return cut(layer, net.numLayers(), net.size(layer), net.size(layer + 1));
  }

  /**
   * Unit half {@code half}'s partial sums of the deltas propagated through a cut layer, rows
   * {@code [from, to)}, every one of the lower layer's columns: {@code c[i][q] =
   * Σ_u Δ[i][u]·W[u][q]} over the half's units in order (the packed kernel's sum, from 0).
   *
   * @param delta the layer's deltas, {@code rows × units}
   * @param params the network's parameters
   * @param weightOffset where the layer's weights {@code W} ({@code units × inputs}) start
   * @param inputs the lower layer's units
   * @param units the layer's units
   * @param cut the layer's {@link #cut}
   * @param half 0 or 1
   * @param c where the sums go, {@code rows × inputs}
   * @param from first row, inclusive
   * @param to last row, exclusive
   */
  static void propagate(double[] delta, double[] params, int weightOffset, int inputs, int units,
      int cut, int half, double[] c, int from, int to) {
    int u0 = half == 0 ? 0 : cut;
    int len = half == 0 ? cut : units - cut;
    Kernels.multiplyPlainStrided(delta, u0, units, params, weightOffset + u0 * inputs, inputs, c,
        0, inputs, from, to, inputs, len, null, 0, false);
  }

  /**
   * {@code d ← d + s} for rows {@code [from, to)} of {@code width} columns: the second half's
   * partial sums added to the first's, here and for the first layer's input halves ({@link
   * FirstLayerLayout#inputSplit}, whose second half {@link BatchPass} adds the same way).
   *
   * @param d the first half's sums, then the whole
   * @param s the second half's sums
   * @param width columns per row
   * @param from first row, inclusive
   * @param to last row, exclusive
   */
  static void add(double[] d, double[] s, int width, int from, int to) {
    for (int e = from * width, end = to * width; e < end; e++) {
      d[e] = d[e] + s[e];
    }
  }
}
