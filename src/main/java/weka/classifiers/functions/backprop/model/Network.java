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
   * Whether the first layer's weights are in the two-block layout ({@link #toSplitLayout}), as
   * they are during a training epoch; never in a serialized or copied network.
   */
  private transient volatile boolean splitLayout;
  /**
   * Whether the first layer's weights are stored by input ({@link #toInputMajorLayout}), as
   * they are during a training epoch on sparse rows; never in a serialized or copied network.
   */
  private transient volatile boolean inputMajor;
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
   * Fewest inputs for which the first layer's dense product is summed in two halves
   * ({@link #inputSplit()}): 784-wide images and the like, where that product is most of a step.
   */
  public static final int SPLIT_MIN_INPUTS = 256;

  /**
   * Where the first layer's dense forward product is cut in two, or 0 when it is summed whole
   * (fewer than {@link #SPLIT_MIN_INPUTS} inputs). With a cut {@code h}, each pre-activation is
   * {@code z_j = (b_j + Σ_{p<h} x_p w_jp) + Σ_{p≥h} x_p w_jp}, each partial sum in order of p,
   * for any number of threads (prediction included), so models stay bit-identical whatever the
   * thread count. What it buys: two threads can each own half of the inputs (their columns of
   * the batch, of W, of its gradient and of the optimizer's state) and exchange only the
   * {@code batch × units} partial sums and deltas, instead of both reading all of W and the
   * batch from the other core's cache every step (bench/README.md, "Inputs split in two").
   * The cut is rounded up to a multiple of 8 values, so that each half of a row starts on a
   * 64-byte line when the row does. Sparse input batches ignore it (their products run over
   * the non-zeros).
   *
   * @return the first input of the second half, or 0
   */
  public int inputSplit() {
    return splitPoint(sizes[0]);
  }

  /**
   * First input of input half {@code half} (0 or 1) of a cut first layer ({@link #inputSplit}).
   *
   * @param half 0 or 1
   * @return 0 for the first half, {@link #inputSplit()} for the second
   */
  public int halfStart(int half) {
    return half == 0 ? 0 : inputSplit();
  }

  /**
   * Inputs in input half {@code half} (0 or 1) of a cut first layer ({@link #inputSplit}).
   *
   * @param half 0 or 1
   * @return the half's width
   */
  public int halfWidth(int half) {
    return half == 0 ? inputSplit() : sizes[0] - inputSplit();
  }

  /**
   * Where unit {@code j}'s weights of input half {@code half} start in the parameters when the
   * first layer is in two blocks ({@link #toSplitLayout}): the first half's block holds every
   * unit's first-half weights, then the second's every unit's second-half weights.
   *
   * @param half 0 or 1
   * @param j unit of the first hidden layer
   * @return the index of the weight of input {@link #halfStart}{@code (half)}
   */
  public int blockRow(int half, int j) {
    int h = inputSplit();
    return weightOffsets[0] + (half == 0 ? j * h : sizes[1] * h + j * (sizes[0] - h));
  }

  /**
   * Whether the first layer's weights are stored in two blocks ({@link #toSplitLayout}) rather
   * than row-major.
   */
  public boolean inSplitLayout() {
    return splitLayout;
  }

  /**
   * Reorders the first layer's weights, in the parameters and in each of {@code companions}
   * (arrays indexed like the parameters: the optimizer's state), from row-major
   * (unit j's weight of input p at {@code weightOffset(0) + j·in + p}) into two blocks: every
   * unit's weights of the first input half, then every unit's of the second ({@link #blockRow}). Why: during a training epoch on two threads each thread
   * computes, updates and keeps in its core's cache one half of the inputs' weights, gradient and
   * optimizer state; in row-major order each row changes halves in the middle of a cache line,
   * which both threads then write every step (bench/README.md, "Inputs split in two"). The
   * passes read either layout; {@link #copy}, {@link #transposedWeights} and serialization
   * refuse the split one, which only the trainer uses, between {@code toSplitLayout} and
   * {@link #toRowMajorLayout}.
   *
   * @param scratch at least {@code inputs() · size(1)} values to copy through (its contents are
   *     lost; the trainer lends its gradient buffer, which it clears before the next step anyway)
   * @param companions arrays as long as the parameters, reordered the same way
   * @throws IllegalStateException if the first layer is not cut ({@link #inputSplit()} is 0) or
   *     is in the split layout already
   */
  public void toSplitLayout(double[] scratch, double[]... companions) {
    if (inputSplit() == 0 || splitLayout || inputMajor) {
      throw new IllegalStateException(splitLayout || inputMajor
          ? "the first layer is not row-major" : "a first layer of " + inputs()
              + " inputs is not split");
    }
    reorderFirstLayer(params, true, scratch);
    for (double[] a : companions) {
      reorderFirstLayer(a, true, scratch);
    }
    splitLayout = true;
  }

  /**
   * Stores the first layer's weights by input: unit {@code j}'s weight of input {@code p} at
   * {@code weightOffset(0) + p·size(1) + j}. Why: on sparse rows a training step reads, and
   * updates, only the weights of the inputs present in the batch; stored by input, those of one
   * input are one contiguous run that the forward product, the weight gradient and the
   * optimizer each handle in one vectorized loop, where row-major order scatters them over
   * {@code size(1)} rows of a matrix as large as 10 MB (bench/README.md, "The wide first layer
   * stored by input"). Only passes over a sparse input batch read this layout; {@link #copy},
   * {@link #transposedWeights} and serialization refuse it, and {@link #toRowMajorLayout} undoes
   * it.
   *
   * @param scratch at least {@code inputs() · size(1)} values to copy through, as for
   *     {@link #toSplitLayout}
   * @throws IllegalStateException if the first layer is not row-major
   */
  public void toInputMajorLayout(double[] scratch) {
    if (splitLayout || inputMajor) {
      throw new IllegalStateException("the first layer is not row-major");
    }
    transposeFirstLayer(params, true, scratch);
    inputMajor = true;
  }

  /**
   * Transposes the first layer's weights within {@code a}, an array laid out as the parameters
   * (the parameters themselves, or a per-parameter optimizer state that follows them): to
   * stored by input, as {@link #toInputMajorLayout} stores the weights, or back to row-major.
   * Only data moves.
   *
   * @param a the array
   * @param toInputMajor to stored by input (from row-major), else back
   * @param scratch as for {@link #toInputMajorLayout}
   */
  public void transposeFirstLayer(double[] a, boolean toInputMajor, double[] scratch) {
    if (toInputMajor) {
      Transpose.inPlace(a, weightOffsets[0], sizes[1], sizes[0], scratch);
    } else {
      Transpose.inPlace(a, weightOffsets[0], sizes[0], sizes[1], scratch);
    }
  }

  /** Whether the first layer's weights are stored by input ({@link #toInputMajorLayout}). */
  public boolean inInputMajorLayout() {
    return inputMajor;
  }

  /**
   * Inverse of {@link #toSplitLayout} and of {@link #toInputMajorLayout}: the first layer's
   * weights back in row-major order, in the parameters and, from two blocks, in each of
   * {@code companions}; nothing when they are row-major already.
   *
   * @param scratch as for {@link #toSplitLayout}
   * @param companions the arrays passed to {@link #toSplitLayout}
   */
  public void toRowMajorLayout(double[] scratch, double[]... companions) {
    if (inputMajor) {
      transposeFirstLayer(params, false, scratch);
      inputMajor = false;
      return;
    }
    if (!splitLayout) {
      return;
    }
    reorderFirstLayer(params, false, scratch);
    for (double[] a : companions) {
      reorderFirstLayer(a, false, scratch);
    }
    splitLayout = false;
  }

  /**
   * Moves {@code a}'s first-layer weights into the two blocks, or back to row-major, through
   * {@code old} (no allocation: a fresh 400 KB array per array and epoch cost 4–10 ms an epoch in
   * collections, against 0.1 ms for the copies).
   */
  private void reorderFirstLayer(double[] a, boolean toBlocks, double[] old) {
    int in = sizes[0];
    int w0 = weightOffsets[0];
    System.arraycopy(a, w0, old, 0, sizes[1] * in);
    for (int j = 0; j < sizes[1]; j++) {
      for (int half = 0; half < 2; half++) {
        int rowMajor = w0 + j * in + halfStart(half);
        int block = blockRow(half, j);
        if (toBlocks) {
          System.arraycopy(old, rowMajor - w0, a, block, halfWidth(half));
        } else {
          System.arraycopy(old, block - w0, a, rowMajor, halfWidth(half));
        }
      }
    }
  }

  /** Refuses an operation that reads the weights row-major while they are in two blocks. */
  private void requireRowMajor(String what) {
    if (splitLayout || inputMajor) {
      throw new IllegalStateException(what + " during a training epoch (the first layer's"
          + " weights are " + (splitLayout ? "in two blocks)" : "stored by input)"));
    }
  }

  /** {@link #inputSplit()} of a first layer with {@code inputs} inputs. */
  static int splitPoint(int inputs) {
    return inputs < SPLIT_MIN_INPUTS ? 0 : (inputs / 2 + 7) / 8 * 8;
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
    requireRowMajor("transposedWeights");
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
    return (pass != null ? pass : new BatchPass(this)).bind(ws, dropout, splitLayout,
        inputMajor);
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
    requireRowMajor("copy");
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
   * Serializes as usual, but never a training epoch's layout of the first layer (two blocks,
   * {@link #toSplitLayout}, or by input, {@link #toInputMajorLayout}): a saved model is always
   * row-major.
   */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    requireRowMajor("serialization");
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
