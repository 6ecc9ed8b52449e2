package weka.classifiers.functions.backprop.model;

/**
 * Preallocated buffers for forward and backward passes over mini-batches of at most
 * {@link #capacity()} rows, sized from the network's layer widths: the input batch, each
 * layer's pre-activations, activations and deltas, the targets, the example weights, the
 * per-row losses and the bias-gradient sums. Sized once per fit so the training loop never
 * allocates. Only buffers: the passes are {@link Network}'s and dropout masks are a
 * {@link Dropout}'s. Not thread-safe: one workspace per thread.
 *
 * <p>A workspace for sparse input holds the input batch as {@link SparseRows} (row and non-zero
 * capacities fixed at construction) instead of the dense {@code rows × inputs} array, which it
 * does not allocate: for 50,000 inputs that array alone would be 100 MB per 256 rows.
 */
public final class Workspace implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final int capacity;
  private final double[][] pre;
  private final double[][] act;
  private final double[][] delta;
  private final double[] targets;
  private final double[] weights;
  private final double[] rowLoss;
  /** Per row, what the output transform returned ({@link OutputLayer#activate}). */
  private final double[] logSumExps;
  /** The sparse input batch, or null when the input batch is the dense {@code act[0]}. */
  private final SparseRows sparse;
  /** The sparse batch by columns ({@link #sparseColumns()}), made on first use. */
  private SparseColumns columns;
  /**
   * The first layer's deltas one array per row ({@link #firstDeltaRows()}): scratch, made on
   * first use, never saved.
   */
  private transient double[][] firstDeltaRows;
  /**
   * The second input half's partial sums of the first layer ({@link FirstLayerLayout#inputSplit}),
   * {@code rows × size(1)}, or null when the first layer is summed whole or the input is sparse.
   */
  private final double[] secondHalf;
  /**
   * The second unit half's partial sums of a cut layer's propagated delta ({@link UnitHalves}):
   * scratch, made on first use, never saved.
   */
  private transient double[] unitHalfSums;
  /** Whether the dense input batch is in two blocks (see {@link #setInputInBlocks}). */
  private boolean inputInBlocks;
  /**
   * The network's inputs, and its first layer's cut ({@link FirstLayerLayout#inputSplit}, or 0).
   */
  private final int inputs;
  private final int split;

  /**
   * Allocates buffers for {@code net} and batches of up to {@code capacity} dense rows.
   *
   * @param net the network
   * @param capacity maximum rows per batch
   * @param forTraining whether to allocate gradient, target and weight buffers
   */
  public Workspace(Network net, int capacity, boolean forTraining) {
    this(net, capacity, forTraining, -1);
  }

  /**
   * Allocates buffers for {@code net} and batches of up to {@code capacity} rows, the input
   * batch sparse with up to {@code sparseNonZeros} non-zeros in all when that is ≥ 0, dense
   * otherwise.
   *
   * @param net the network
   * @param capacity maximum rows per batch
   * @param forTraining whether to allocate gradient, target and weight buffers
   * @param sparseNonZeros non-zero capacity of a sparse input batch, or −1 for dense input
   */
  public Workspace(Network net, int capacity, boolean forTraining, int sparseNonZeros) {
    this.capacity = capacity;
    int layers = net.numLayers();
    pre = new double[layers][];
    act = new double[layers + 1][];
    delta = new double[layers][];
    if (sparseNonZeros >= 0) {
      sparse = new SparseRows(net.size(0), capacity, sparseNonZeros);
    } else {
      sparse = null;
      act[0] = new double[capacity * net.size(0)];
    }
    for (int l = 0; l < layers; l++) {
      int width = net.size(l + 1);
      pre[l] = new double[capacity * width];
      act[l + 1] = new double[capacity * width];
      if (forTraining) {
        delta[l] = new double[capacity * width];
      }
    }
    targets = forTraining ? new double[capacity * net.outputs()] : null;
    weights = forTraining ? new double[capacity] : null;
    rowLoss = forTraining ? new double[capacity] : null;
    // a prediction workspace too, so that a prediction's forward pass runs the very code the
    // training's compiled: with null here the output transform's loop took a path the JIT had
    // never seen once prediction blocks went by unit (ByUnitPrediction), and its first small
    // block recompiled the whole pass in the middle of a timed run (iris, 10-fold: 0.020 s of
    // compiler CPU per run against 0.004-0.014; bench/README.md, "Hidden activations kept by
    // unit in prediction")
    logSumExps = new double[capacity];
    inputs = net.inputs();
    split = net.firstLayer().inputSplit();
    secondHalf = sparse == null && split > 0 ? new double[capacity * net.size(1)] : null;
  }

  /**
   * Whether this is a dense prediction workspace ({@code forTraining} false) of exactly {@code
   * capacity} rows for a network of {@code net}'s layer widths and first-layer cut: what {@code
   * new Workspace(net, capacity, false)} would make. Every buffer of it is then written before it
   * is read in a forward pass of up to {@code capacity} rows, so a caller may use it for another
   * network of that shape instead of allocating one (a block of 256 rows of 784 inputs is 1.9 MB).
   *
   * @param net the network to predict with
   * @param capacity rows per block
   * @return whether this workspace can serve it
   */
  public boolean fitsPrediction(Network net, int capacity) {
    if (sparse != null || targets != null || this.capacity != capacity
        || act.length != net.numLayers() + 1 || inputs != net.inputs()
        || split != net.firstLayer().inputSplit()) {
      return false;
    }
    for (int l = 0; l < pre.length; l++) {
      if (pre[l].length != capacity * net.size(l + 1)) {
        return false;
      }
    }
    return true;
  }

  /** Maximum number of rows per batch. */
  public int capacity() {
    return capacity;
  }

  /**
   * The sparse input batch (row {@code i} of the batch is its row {@code i}), or null when the
   * input batch is dense in {@code activations(0)}.
   */
  public SparseRows sparseInput() {
    return sparse;
  }

  /**
   * The sparse input batch by columns, for the weight gradient of a first layer stored by input
   * ({@link SparseColumns}); made at the first call (a training workspace's first step in that
   * layout), so that workspaces that never need it do not hold its per-column arrays.
   *
   * @throws IllegalStateException if the input batch is dense
   */
  public SparseColumns sparseColumns() {
    if (sparse == null) {
      throw new IllegalStateException("a dense input batch has no column view");
    }
    if (columns == null) {
      columns = new SparseColumns(sparse.columns(), sparse.nonZeroCapacity());
    }
    return columns;
  }

  /**
   * The first layer's deltas copied one array per row ({@link #deltas(int) deltas(0)}'s row
   * {@code i} into element {@code i}, {@code size(1)} values each), for the weight gradient by
   * columns ({@code SparseKernels.addTransposedProductByColumn}). Why a copy: C2 vectorizes a
   * loop over two arrays read at different offsets only when it can tell they are not one array,
   * which it cannot for two {@code double[]} (bench/README.md, "The sparse gradient's rows at
   * offset 0"), so the kernel reads whole rows from index 0. Made at the first call, as {@link
   * #sparseColumns()}.
   *
   * @throws IllegalStateException if the input batch is dense or this workspace is for
   *     prediction
   */
  public double[][] firstDeltaRows() {
    if (sparse == null || delta[0] == null) {
      throw new IllegalStateException("only a training workspace for a sparse input batch has"
          + " the gradient by columns");
    }
    if (firstDeltaRows == null) {
      firstDeltaRows = new double[capacity][delta[0].length / Math.max(1, capacity)];
    }
    return firstDeltaRows;
  }

  /**
   * Activations of layer {@code l} ({@code 0} = the input batch, null in a sparse-input
   * workspace), {@code rows × size(l)}.
   */
  public double[] activations(int l) {
    return act[l];
  }

  /** Pre-activations of weight layer {@code l}, {@code rows × size(l+1)}. */
  public double[] preActivations(int l) {
    return pre[l];
  }

  /** Gradients of the loss w.r.t. the pre-activations of weight layer {@code l}. */
  public double[] deltas(int l) {
    return delta[l];
  }

  /** Target rows of the current batch, {@code rows × outputs}. */
  public double[] targets() {
    return targets;
  }

  /** Example weights of the current batch. */
  public double[] weights() {
    return weights;
  }

  /**
   * The first layer's partial sums over the second input half, computed by another thread while
   * the first half's go straight into {@link #preActivations(int) preActivations(0)}; null unless
   * the input is dense and {@link FirstLayerLayout#inputSplit} is not 0.
   */
  double[] secondHalfSums() {
    return secondHalf;
  }

  /**
   * The second unit half's partial sums of the delta propagated through a cut layer ({@link
   * UnitHalves}), row {@code r} at {@code r·width}: made at the first call (a training
   * workspace's first backward pass through a cut layer), at least {@code capacity() × width}.
   *
   * @param width the lower layer's units
   * @return the buffer
   */
  double[] unitHalfSums(int width) {
    if (unitHalfSums == null || unitHalfSums.length < capacity * width) {
      unitHalfSums = new double[capacity * width];
    }
    return unitHalfSums;
  }

  /**
   * Declares how the dense input batch {@code activations(0)} is laid out for the coming passes:
   * row-major (row r's input p at {@code r·in + p}, the default), or, for a network whose first
   * layer is cut at {@code h = }{@link FirstLayerLayout#inputSplit}, in two blocks: row r's
   * first-half inputs at {@code r·h + p}, its second-half inputs at {@code capacity()·h + r·(in −
   * h) + p − h}. Why: two threads each copy and read one half of every row, and in row-major order
   * each row's halves meet in the middle of a cache line that both would write (bench/README.md,
   * "Inputs split in two"). Only the trainer's epochs fill blocks; whoever fills the batch says
   * which layout it wrote.
   *
   * @param blocks whether the batch is in two blocks
   * @throws IllegalArgumentException for blocks when the input is sparse or the network's first
   *     layer is not cut
   */
  public void setInputInBlocks(boolean blocks) {
    if (blocks && secondHalf == null) {
      throw new IllegalArgumentException(
          "only a dense input batch of a network with a cut first layer can be in two blocks");
    }
    inputInBlocks = blocks;
  }

  /** Whether the dense input batch is in two blocks ({@link #setInputInBlocks}). */
  public boolean inputInBlocks() {
    return inputInBlocks;
  }

  /**
   * Where input half {@code half} of the batch's row 0 starts in {@code activations(0)}, in the
   * layout {@link #setInputInBlocks} declared: its column of a row-major batch, or its block.
   *
   * @param half 0 or 1
   * @return the index of row 0's first value of that half
   */
  public int inputHalfOffset(int half) {
    return half == 0 ? 0 : inputInBlocks ? capacity * split : split;
  }

  /**
   * How far apart consecutive rows of input half {@code half} are in {@code activations(0)}: the
   * inputs of a row-major batch, or the half's width in two blocks.
   *
   * @param half 0 or 1
   * @return the row stride
   */
  public int inputRowStride(int half) {
    return !inputInBlocks ? inputs : half == 0 ? split : inputs - split;
  }

  /** Per-row losses of the last backward pass. */
  double[] rowLosses() {
    return rowLoss;
  }

  /**
   * Per row of the last forward pass, what the output transform returned (a softmax's log-sum-exp,
   * for {@link OutputLayer#lossAndDelta}); in a prediction workspace it is written and not read.
   *
   * @return one value per row
   */
  public double[] logSumExps() {
    return logSumExps;
  }
}
