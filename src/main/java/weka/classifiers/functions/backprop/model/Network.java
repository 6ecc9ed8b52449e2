package weka.classifiers.functions.backprop.model;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;

/**
 * A fully connected feed-forward network: layer sizes, one activation per hidden layer, an
 * {@link OutputLayer}, and all weights and biases in ONE flat {@code double[]}.
 *
 * <p>Layer {@code l} maps {@code size(l)} inputs to {@code size(l+1)} outputs; its weight matrix
 * ({@code size(l+1) × size(l)}, row-major, one row per output unit) starts at
 * {@link #weightOffset(int)}, immediately followed by its {@code size(l+1)} biases at
 * {@link #biasOffset(int)}. Keeping everything flat makes optimizers, clipping, regularization,
 * serialization and gradient checks a single loop each.
 *
 * <p>Forward and backward passes work on a mini-batch held in a {@link Workspace} and never
 * allocate. Backpropagation follows Rumelhart, Hinton &amp; Williams (1986): {@code δ_L = ∂L/∂z_L},
 * {@code ∂L/∂W_l = δ_lᵀ a_l}, {@code δ_{l−1} = (δ_l W_l) ⊙ f'(z_{l−1})}.
 */
public final class Network implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] sizes;
  private final Activation[] hidden;
  private final OutputLayer output;
  private final int[] weightOffsets;
  private final double[] params;

  /**
   * Creates a network with all parameters zero; call {@link #initialize} before training.
   *
   * @param inputs number of input features (≥ 1)
   * @param layers hidden layers
   * @param outputs number of output units (≥ 1)
   * @param output output transform and loss
   */
  public Network(int inputs, LayerSpec layers, int outputs, OutputLayer output) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("a network needs at least one input and one output");
    }
    int depth = layers.depth();
    sizes = new int[depth + 2];
    hidden = new Activation[depth];
    sizes[0] = inputs;
    for (int i = 0; i < depth; i++) {
      sizes[i + 1] = layers.width(i);
      hidden[i] = layers.activation(i);
    }
    sizes[depth + 1] = outputs;
    this.output = output;
    weightOffsets = new int[depth + 1];
    long total = 0;
    for (int l = 0; l <= depth; l++) {
      weightOffsets[l] = (int) Math.min(total, Integer.MAX_VALUE);
      total += (long) sizes[l + 1] * (sizes[l] + 1);
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "network has " + total + " parameters; at most " + (Integer.MAX_VALUE - 8)
              + " fit in one Java array");
    }
    params = new double[(int) total];
  }

  /**
   * Number of parameters a network of these sizes would have, without building it.
   *
   * @param inputs input features
   * @param layers hidden layers
   * @param outputs output units
   * @return weights plus biases
   */
  public static long parameterCount(int inputs, LayerSpec layers, int outputs) {
    long total = 0;
    int prev = inputs;
    for (int i = 0; i < layers.depth(); i++) {
      total += (long) layers.width(i) * (prev + 1);
      prev = layers.width(i);
    }
    return total + (long) outputs * (prev + 1);
  }

  /**
   * Draws the weights from {@code init} (resolved per layer by the activation the layer feeds)
   * and sets every bias to zero.
   *
   * @param init initialization scheme
   * @param rng source of randomness
   */
  public void initialize(Initializer init, RandomGenerator rng) {
    Arrays.fill(params, 0.0);
    for (int l = 0; l < numLayers(); l++) {
      Activation next = l < hidden.length ? hidden[l] : null;
      init.resolve(next).fill(params, weightOffsets[l], sizes[l], sizes[l + 1], rng);
    }
  }

  /** Number of weight layers (hidden layers + 1). */
  public int numLayers() {
    return weightOffsets.length;
  }

  /** Width of layer {@code l}: 0 is the input, {@link #numLayers()} the output. */
  public int size(int l) {
    return sizes[l];
  }

  /** Number of input features. */
  public int inputs() {
    return sizes[0];
  }

  /** Number of output units. */
  public int outputs() {
    return sizes[sizes.length - 1];
  }

  /** Activation of hidden layer {@code i} (0-based). */
  public Activation hiddenActivation(int i) {
    return hidden[i];
  }

  /** The output transform and loss. */
  public OutputLayer outputLayer() {
    return output;
  }

  /** Offset of weight layer {@code l}'s matrix in {@link #parameters()}. */
  public int weightOffset(int l) {
    return weightOffsets[l];
  }

  /** Offset of weight layer {@code l}'s biases in {@link #parameters()}. */
  public int biasOffset(int l) {
    return weightOffsets[l] + sizes[l + 1] * sizes[l];
  }

  /** Total number of weights and biases. */
  public int numParameters() {
    return params.length;
  }

  /** The live parameter array (not a copy): optimizers update it in place. */
  public double[] parameters() {
    return params;
  }

  /** Rows per chunk below which a phase is not worth handing to another thread. */
  private static final int MIN_ROWS_PER_THREAD = 4;

  /**
   * Forward pass over rows {@code [rowFrom, rowTo)} of the workspace's input batch on the
   * calling thread; leaves every layer's pre-activations and activations in the workspace, the
   * network's outputs in {@code ws.activations(numLayers())}.
   *
   * @param ws workspace holding the input batch in {@code ws.activations(0)}
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   */
  public void forward(Workspace ws, int rowFrom, int rowTo) {
    forward(ws, rowFrom, rowTo, null);
  }

  /**
   * Forward pass, each layer split over the pool's threads by rows, or by columns for batches
   * under {@link #COLUMN_SPLIT_ROWS} rows (same result for any number of threads).
   *
   * @param ws workspace holding the input batch
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param pool threads to use, or null for the calling thread alone
   */
  public void forward(Workspace ws, int rowFrom, int rowTo, WorkerPool pool) {
    Workspace.PhaseTask task = ws.task(this);
    int last = numLayers() - 1;
    boolean byColumns = pool != null && rowTo - rowFrom < COLUMN_SPLIT_ROWS;
    for (int l = 0; l <= last; l++) {
      if (byColumns) {
        task.set(Workspace.PhaseTask.FORWARD_COLUMNS, l, rowFrom, 0, null);
        task.rowTo = rowTo;
        run(pool, task, sizes[l + 1], MIN_COLUMNS_PER_THREAD);
        if (l == last) {
          outputTransform(ws, rowFrom, rowTo);
        }
      } else {
        task.set(Workspace.PhaseTask.FORWARD, l, rowFrom, 0, null);
        run(pool, task, rowTo - rowFrom, MIN_ROWS_PER_THREAD);
      }
    }
  }

  /**
   * Below this many rows, products are split over threads by columns rather than rows: each
   * thread then packs only its own columns of the weights instead of all of them.
   */
  static final int COLUMN_SPLIT_ROWS = 128;

  /** Columns per chunk below which a column-split phase is not worth another thread. */
  private static final int MIN_COLUMNS_PER_THREAD = 16;

  /**
   * Forward product of weight layer {@code l} for columns {@code [j0, j1)} of rows
   * {@code [rowFrom, rowTo)}, with the hidden activation (and dropout) of those elements; the
   * output transform is left to the caller (softmax needs whole rows).
   */
  void forwardColumns(Workspace ws, int l, int rowFrom, int rowTo, int j0, int j1) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] z = ws.preActivations(l);
    Kernels.multiplyTransposed(ws.activations(l), 0, params, weightOffsets[l] + j0 * in, z, j0,
        rowFrom, rowTo, j1 - j0, in, params, biasOffset(l) + j0, false, out);
    if (l < hidden.length) {
      double[] a = ws.activations(l + 1);
      if (j0 == 0 && j1 == out) { // whole rows: one contiguous range
        hidden[l].apply(z, a, rowFrom * out, rowTo * out);
        ws.applyDropout(l, rowFrom * out, rowTo * out);
        return;
      }
      for (int i = rowFrom; i < rowTo; i++) {
        hidden[l].apply(z, a, i * out + j0, i * out + j1);
        ws.applyDropout(l, i * out + j0, i * out + j1);
      }
    }
  }

  /** {@link #propagate} for columns {@code [q0, q1)} of the lower layer's deltas. */
  void propagateColumns(Workspace ws, int l, int rowFrom, int rowTo, int q0, int q1) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] below = ws.deltas(l - 1);
    // Δ_{l−1} = Δ_l·W_l, with W_l (out × in) read as it is stored
    Kernels.multiplyPlain(ws.deltas(l), 0, params, weightOffsets[l] + q0, in, below, q0, rowFrom,
        rowTo, q1 - q0, out, in);
    if (q0 == 0 && q1 == in) { // whole rows: one contiguous range
      ws.applyDropout(l - 1, rowFrom * in, rowTo * in, below);
      hidden[l - 1].multiplyByDerivative(ws.preActivations(l - 1), ws.unmaskedActivations(l - 1),
          below, rowFrom * in, rowTo * in);
      return;
    }
    for (int i = rowFrom; i < rowTo; i++) {
      ws.applyDropout(l - 1, i * in + q0, i * in + q1, below);
      hidden[l - 1].multiplyByDerivative(ws.preActivations(l - 1), ws.unmaskedActivations(l - 1),
          below, i * in + q0, i * in + q1);
    }
  }

  /** Forward step of weight layer {@code l} for rows {@code [from, to)}, all columns. */
  void forwardLayer(Workspace ws, int l, int from, int to) {
    int out = sizes[l + 1];
    forwardColumns(ws, l, from, to, 0, out);
    if (l == hidden.length) {
      outputTransform(ws, from, to);
    }
  }

  /** The output transform (softmax, sigmoid or identity) of rows {@code [from, to)}. */
  private void outputTransform(Workspace ws, int from, int to) {
    int last = hidden.length;
    int out = sizes[last + 1];
    for (int i = from; i < to; i++) {
      output.activate(ws.preActivations(last), ws.activations(last + 1), i * out, out);
    }
  }

  /**
   * Backward pass on the calling thread after {@link #forward} over the same rows: adds the
   * gradient of {@code Σ_i (w_i / gradScale) · loss_i} to {@code grad}.
   *
   * @param ws workspace after the forward pass, with targets and example weights filled in
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param gradScale divisor applied to every example's weight in the gradient (batch size)
   * @param grad gradient accumulator, same layout as {@link #parameters()}
   * @return weighted sum of the per-example losses {@code Σ_i w_i · loss_i}
   */
  public double backward(Workspace ws, int rowFrom, int rowTo, double gradScale, double[] grad) {
    return backward(ws, rowFrom, rowTo, gradScale, grad, null);
  }

  /**
   * Backward pass with every phase split over the pool's threads: output deltas by rows,
   * propagated deltas by rows (or columns for small batches), weight gradients by output units. Each gradient element is summed over the
   * batch in row order by one thread, so the result is identical for any number of threads.
   *
   * @param ws workspace after the forward pass, with targets and example weights filled in
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param gradScale divisor applied to every example's weight in the gradient (batch size)
   * @param grad gradient accumulator, same layout as {@link #parameters()}
   * @param pool threads to use, or null for the calling thread alone
   * @return weighted sum of the per-example losses {@code Σ_i w_i · loss_i}
   */
  public double backward(
      Workspace ws, int rowFrom, int rowTo, double gradScale, double[] grad, WorkerPool pool) {
    int rows = rowTo - rowFrom;
    Workspace.PhaseTask task = ws.task(this);
    int last = numLayers() - 1;
    task.set(Workspace.PhaseTask.OUTPUT_DELTA, last, rowFrom, gradScale, grad);
    run(pool, task, rows, MIN_ROWS_PER_THREAD);
    double[] rowLoss = ws.rowLosses();
    double[] w = ws.weights();
    double lossSum = 0;
    for (int i = rowFrom; i < rowTo; i++) {
      lossSum += w[i] * rowLoss[i];
    }
    for (int l = last; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      // G_l += Δ_lᵀ A_l over the batch rows
      task.set(Workspace.PhaseTask.GRADIENT, l, rowFrom, gradScale, grad);
      task.rowTo = rowTo;
      run(pool, task, out, 1);
      if (l > 0) {
        // Δ_{l−1} = (Δ_l W_l) ⊙ mask ⊙ f'(Z_{l−1})
        if (pool != null && rows < COLUMN_SPLIT_ROWS) {
          task.set(Workspace.PhaseTask.PROPAGATE_COLUMNS, l, rowFrom, gradScale, grad);
          task.rowTo = rowTo;
          run(pool, task, in, MIN_COLUMNS_PER_THREAD);
        } else {
          task.set(Workspace.PhaseTask.PROPAGATE, l, rowFrom, gradScale, grad);
          run(pool, task, rows, MIN_ROWS_PER_THREAD);
        }
      }
    }
    return lossSum;
  }

  private static void run(WorkerPool pool, Workspace.PhaseTask task, int n, int minChunk) {
    if (pool == null) {
      task.run(0, n);
    } else {
      pool.run(task, n, minChunk);
    }
  }

  /** Loss and ∂loss/∂z of the output layer for rows {@code [from, to)}. */
  void outputDeltas(Workspace ws, int from, int to, double gradScale) {
    int last = numLayers() - 1;
    int outW = sizes[last + 1];
    double[] zOut = ws.preActivations(last);
    double[] aOut = ws.activations(last + 1);
    double[] dOut = ws.deltas(last);
    double[] y = ws.targets();
    double[] w = ws.weights();
    double[] rowLoss = ws.rowLosses();
    for (int i = from; i < to; i++) {
      rowLoss[i] =
          output.lossAndDelta(zOut, aOut, y, i * outW, i * outW, outW, w[i] / gradScale, dOut);
    }
  }

  /**
   * Weight and bias gradient of layer {@code l} for output units {@code [from, to)} over batch
   * rows {@code [rowFrom, rowTo)}: {@code G += Δᵀ·A} and {@code g_b += Σ_i Δ_i}, each element
   * summed over the rows in order.
   */
  void layerGradient(Workspace ws, int l, int from, int to, int rowFrom, int rowTo,
      double[] grad) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] d = ws.deltas(l);
    Kernels.addTransposedProduct(d, rowFrom * out, out, ws.activations(l), rowFrom * in, in,
        grad, weightOffsets[l], in, from, to, in, rowTo - rowFrom);
    // bias: each unit's sum from 0 over the rows in order, read along the rows of Δ
    double[] sums = ws.biasSums();
    Arrays.fill(sums, from, to, 0.0);
    for (int i = rowFrom; i < rowTo; i++) {
      int di = i * out;
      for (int j = from; j < to; j++) {
        sums[j] += d[di + j];
      }
    }
    int b = biasOffset(l);
    for (int j = from; j < to; j++) {
      grad[b + j] += sums[j];
    }
  }

  /** Propagates layer {@code l}'s deltas to layer {@code l − 1} for rows {@code [from, to)}. */
  void propagate(Workspace ws, int l, int from, int to) {
    propagateColumns(ws, l, from, to, 0, sizes[l]);
  }

  /**
   * Computes the outputs for {@code n} rows of {@code x} into {@code out} using a forward-only
   * workspace, in blocks of the workspace's capacity.
   *
   * @param x inputs, {@code n × inputs()}, row-major
   * @param n number of rows
   * @param ws workspace to use (its capacity bounds the block size)
   * @param out outputs, {@code n × outputs()}
   */
  public void predict(double[] x, int n, Workspace ws, double[] out) {
    int in = inputs();
    int k = outputs();
    double[] batch = ws.activations(0);
    for (int start = 0; start < n; start += ws.capacity()) {
      int rows = Math.min(ws.capacity(), n - start);
      System.arraycopy(x, start * in, batch, 0, rows * in);
      forward(ws, 0, rows);
      System.arraycopy(ws.activations(numLayers()), 0, out, start * k, rows * k);
    }
  }

  /** A copy with the same architecture and a copy of the parameters. */
  public Network copy() {
    Network c = new Network(this);
    return c;
  }

  private Network(Network o) {
    sizes = o.sizes.clone();
    hidden = o.hidden.clone();
    output = o.output;
    weightOffsets = o.weightOffsets.clone();
    params = o.params.clone();
  }

  /**
   * Verifies after deserialization that the parameter array matches the architecture, so a
   * truncated or tampered model fails loudly instead of predicting garbage.
   */
  private Object readResolve() throws java.io.ObjectStreamException {
    long expected = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      expected += (long) sizes[l + 1] * (sizes[l] + 1);
    }
    if (params == null || expected != params.length || weightOffsets.length != sizes.length - 1
        || hidden.length != sizes.length - 2) {
      throw new java.io.InvalidObjectException(
          "corrupt BackpropMLP network: architecture " + Arrays.toString(sizes) + " needs "
              + expected + " parameters but the model holds "
              + (params == null ? "none" : String.valueOf(params.length)));
    }
    return this;
  }

  /** Architecture as text, e.g. {@code 4-[8 RELU]-3 SOFTMAX + CROSS_ENTROPY}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(sizes[0]);
    for (int i = 0; i < hidden.length; i++) {
      sb.append("-[").append(sizes[i + 1]).append(' ').append(hidden[i]).append(']');
    }
    return sb.append('-').append(outputs()).append(' ').append(output).toString();
  }
}
