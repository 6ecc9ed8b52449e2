package weka.classifiers.functions.backprop.model;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Transpose;
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
 * <p>Forward and backward passes work on a mini-batch held in a {@link Workspace} (buffers
 * only) and never allocate: the network runs them phase by phase, optionally split over a
 * {@link WorkerPool}, through a reusable {@link BatchPass}. Training passes also take a
 * {@link Dropout}; prediction and validation passes do not. Backpropagation follows Rumelhart,
 * Hinton &amp; Williams (1986): {@code δ_L = ∂L/∂z_L}, {@code ∂L/∂W_l = δ_lᵀ a_l},
 * {@code δ_{l−1} = (δ_l W_l) ⊙ f'(z_{l−1})}.
 */
public final class Network implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] sizes;
  private final Activation[] hidden;
  private final OutputLayer output;
  private final int[] weightOffsets;
  private final double[] params;
  /**
   * The first layer's layout in {@link #params}: row-major, or during a training epoch two
   * blocks or by input; never in a serialized or copied network (built anew for either).
   */
  private transient FirstLayerLayout firstLayer;
  /** The pass object kept between passes (see {@link #lend}); not part of the model. */
  private transient volatile BatchPass spare;

  private static final VarHandle SPARE;

  static {
    try {
      SPARE = MethodHandles.lookup().findVarHandle(Network.class, "spare", BatchPass.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
    firstLayer = rowMajorFirstLayer();
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

  /**
   * Where the first layer's weights lie in the parameters, and the layouts a training epoch
   * switches them to ({@link FirstLayerLayout}); row-major outside an epoch.
   */
  public FirstLayerLayout firstLayer() {
    return firstLayer;
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

  /**
   * Forward pass over rows {@code [rowFrom, rowTo)} of the workspace's input batch on the
   * calling thread; leaves every layer's pre-activations and activations in the workspace, the
   * network's outputs in {@code ws.activations(numLayers())}.
   *
   * @param ws workspace holding the input batch in {@code ws.activations(0)} or, for sparse
   *     input, in {@link Workspace#sparseInput()}
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   */
  public void forward(Workspace ws, int rowFrom, int rowTo) {
    forward(ws, rowFrom, rowTo, null);
  }

  /**
   * Forward pass, each layer split over the pool's threads by rows, or by columns for batches
   * under 128 rows (same result for any number of threads).
   *
   * @param ws workspace holding the input batch
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param pool threads to use, or null for the calling thread alone
   */
  public void forward(Workspace ws, int rowFrom, int rowTo, WorkerPool pool) {
    forward(ws, rowFrom, rowTo, pool, null);
  }

  /**
   * Training forward pass: as {@link #forward(Workspace, int, int, WorkerPool)}, with the hidden
   * activations multiplied by {@code dropout}'s masks (the unmasked ones are kept in it for the
   * backward pass).
   *
   * @param ws workspace holding the input batch
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param pool threads to use, or null for the calling thread alone
   * @param dropout dropout with masks for rows {@code [0, rowTo)}, or null for none
   */
  public void forward(Workspace ws, int rowFrom, int rowTo, WorkerPool pool, Dropout dropout) {
    BatchPass pass = lend(ws, dropout, rowTo);
    try {
      pass.forward(rowFrom, rowTo, pool);
    } finally {
      giveBack(pass);
    }
  }

  /**
   * Prediction forward pass on the calling thread, reading each layer's weights from
   * {@code weightsTransposed}, a snapshot from {@link #transposedWeights()} taken after the
   * last change of the parameters: the products then copy rows of {@code Wᵀ} instead of
   * transposing blocks of {@code W} for every block of rows. Same bits as {@link
   * #forward(Workspace, int, int)}.
   *
   * @param ws workspace holding the input batch
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param weightsTransposed {@link #transposedWeights()} of the current parameters
   */
  public void forwardWithTransposed(Workspace ws, int rowFrom, int rowTo,
      double[][] weightsTransposed) {
    BatchPass pass = lend(ws, null, rowTo).withTransposedWeights(weightsTransposed);
    try {
      pass.forward(rowFrom, rowTo, null);
    } finally {
      giveBack(pass);
    }
  }

  /**
   * A copy of each weight layer's matrix transposed, {@code size(l) × size(l+1)} (input-major),
   * for {@link #forwardWithTransposed}: worth making once for many rows to
   * predict, and stale as soon as the parameters change.
   *
   * @return one array per weight layer
   */
  public double[][] transposedWeights() {
    firstLayer.requireRowMajor("transposedWeights");
    double[][] t = new double[numLayers()][];
    for (int l = 0; l < numLayers(); l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] wt = new double[in * out];
      Transpose.copy(params, weightOffsets[l], out, in, wt, 0);
      t[l] = wt;
    }
    return t;
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
   * propagated deltas by rows (or columns for small batches), weight gradients by output units.
   * Each gradient element is summed over the batch in row order by one thread, so the result is
   * identical for any number of threads.
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
    return backward(ws, rowFrom, rowTo, gradScale, grad, pool, null);
  }

  /**
   * Training backward pass: as {@link #backward(Workspace, int, int, double, double[],
   * WorkerPool)}, through the dropout masks of the forward pass ({@code Δ_{l−1} = (Δ_l W_l) ⊙ m
   * ⊙ f'(Z_{l−1})}).
   *
   * @param ws workspace after the forward pass, with targets and example weights filled in
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param gradScale divisor applied to every example's weight in the gradient (batch size)
   * @param grad gradient accumulator, same layout as {@link #parameters()}
   * @param pool threads to use, or null for the calling thread alone
   * @param dropout the dropout the forward pass used, or null for none
   * @return weighted sum of the per-example losses {@code Σ_i w_i · loss_i}
   */
  public double backward(Workspace ws, int rowFrom, int rowTo, double gradScale, double[] grad,
      WorkerPool pool, Dropout dropout) {
    return backward(ws, rowFrom, rowTo, gradScale, grad, pool, dropout, false);
  }

  /**
   * As {@link #backward(Workspace, int, int, double, double[], WorkerPool, Dropout)}; with
   * {@code overwrite} the gradient is stored into {@code grad} instead of added to it: the bits
   * of adding it to zeros, without a pass that clears the buffer first (a training step's).
   * Only for a dense input batch.
   *
   * @throws IllegalArgumentException with {@code overwrite} and a sparse input batch, whose
   *     first-layer gradient is written at the batch's columns only
   */
  public double backward(Workspace ws, int rowFrom, int rowTo, double gradScale, double[] grad,
      WorkerPool pool, Dropout dropout, boolean overwrite) {
    if (overwrite && ws.sparseInput() != null) {
      throw new IllegalArgumentException("a sparse batch's gradient can only be added");
    }
    BatchPass pass = lend(ws, dropout, rowTo);
    try {
      return pass.backward(rowFrom, rowTo, gradScale, grad, pool, overwrite);
    } finally {
      giveBack(pass);
    }
  }

  /**
   * A pass object bound to {@code ws}: the one kept from the last pass, or a new one while that
   * is in use (passes over different workspaces on other threads). A single caller thus reuses
   * one object for all its passes and nothing is allocated per batch.
   */
  private BatchPass lend(Workspace ws, Dropout dropout, int rowTo) {
    if (dropout != null) {
      dropout.checkCovers(rowTo);
    }
    BatchPass pass = (BatchPass) SPARE.getAndSet(this, null);
    return (pass != null ? pass : new BatchPass(this)).bind(ws, dropout);
  }

  /** Takes a pass object back for the next pass, without the buffers it was bound to. */
  private void giveBack(BatchPass pass) {
    pass.unbind();
    spare = pass;
  }

  /**
   * Computes the outputs for {@code n} rows of {@code x} into {@code out} using a forward-only
   * workspace, in blocks of the workspace's capacity.
   *
   * @param x inputs, {@code n × inputs()}, row-major
   * @param n number of rows
   * @param ws workspace to use (its capacity bounds the block size)
   * @param out outputs, {@code n × outputs()}
   * @throws IllegalArgumentException if the workspace's input batch is sparse
   */
  public void predict(double[] x, int n, Workspace ws, double[] out) {
    if (ws.sparseInput() != null) {
      throw new IllegalArgumentException("dense prediction needs a dense-input workspace");
    }
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

  /**
   * Computes the outputs for the rows of a sparse matrix into {@code out} using a forward-only
   * workspace with sparse input ({@link Workspace#sparseInput()}), in blocks that fit its row
   * and non-zero capacities; the first layer multiplies the non-zeros only.
   *
   * @param x inputs, {@code x.rows() × inputs()}
   * @param ws workspace with a sparse input batch
   * @param out outputs, {@code x.rows() × outputs()}
   * @throws IllegalArgumentException if the workspace's input is dense or one row has more
   *     non-zeros than its batch holds
   */
  public void predict(SparseRows x, Workspace ws, double[] out) {
    predict(x, ws, out, null);
  }

  /**
   * {@link #predict(SparseRows, Workspace, double[])} reading each layer's weights from
   * {@code weightsTransposed} ({@link #transposedWeights()} of the current parameters), the
   * first layer's by input: the same bits, faster on wide sparse inputs.
   *
   * @param x inputs, {@code x.rows() × inputs()}
   * @param ws workspace with a sparse input batch
   * @param out outputs, {@code x.rows() × outputs()}
   * @param weightsTransposed the transposed weights, or null to read the parameters
   * @throws IllegalArgumentException if the workspace's input is dense or one row has more
   *     non-zeros than its batch holds
   */
  public void predict(SparseRows x, Workspace ws, double[] out, double[][] weightsTransposed) {
    SparseRows batch = ws.sparseInput();
    if (batch == null || x.columns() != inputs()) {
      throw new IllegalArgumentException("sparse prediction needs a sparse-input workspace for "
          + inputs() + " inputs");
    }
    int k = outputs();
    int n = x.rows();
    for (int start = 0; start < n; ) {
      batch.clear();
      int end = start;
      while (end < n && batch.fits(x.rowLength(end))) {
        batch.appendRow(x, end++);
      }
      if (end == start) {
        batch.appendRow(x, start); // throws: the row alone exceeds the buffer
      }
      int rows = end - start;
      if (weightsTransposed != null) {
        forwardWithTransposed(ws, 0, rows, weightsTransposed);
      } else {
        forward(ws, 0, rows);
      }
      System.arraycopy(ws.activations(numLayers()), 0, out, start * k, rows * k);
      start = end;
    }
  }

  /** A copy with the same architecture and a copy of the parameters. */
  public Network copy() {
    firstLayer.requireRowMajor("copy");
    Network c = new Network(this);
    return c;
  }

  private Network(Network o) {
    sizes = o.sizes.clone();
    hidden = o.hidden.clone();
    output = o.output;
    weightOffsets = o.weightOffsets.clone();
    params = o.params.clone();
    firstLayer = rowMajorFirstLayer();
  }

  /** The layout of this network's first layer as a new or copied or saved one has it: row-major. */
  private FirstLayerLayout rowMajorFirstLayer() {
    return new FirstLayerLayout(params, weightOffsets[0], sizes[0], sizes[1]);
  }

  /**
   * Serializes as usual, but never a training epoch's layout of the first layer (two blocks,
   * {@link FirstLayerLayout#toSplitLayout}, or by input, {@link
   * FirstLayerLayout#toInputMajorLayout}): a saved model is always
   * row-major.
   */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    firstLayer.requireRowMajor("serialization");
    out.defaultWriteObject();
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
    firstLayer = rowMajorFirstLayer();
    return this;
  }

  /** Architecture as text, e.g. {@code 4-[8 RELU]-3 SOFTMAX + CROSS_ENTROPY}. */
  @Override
  public String toString() {
    return LayerSpec.architecture(sizes[0], sizes, 1, hidden, outputs()) + " " + output;
  }
}
