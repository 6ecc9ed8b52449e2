package weka.classifiers.functions.backprop.model;

import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.SparseKernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;

/**
 * The forward and backward passes of one {@link Network} over a mini-batch held in a
 * {@link Workspace}, cut into phases that a {@link WorkerPool} can split over its threads, and
 * the one reusable task that runs whichever phase is current, so that handing a phase to the
 * threads allocates nothing. Backpropagation as in Rumelhart, Hinton &amp; Williams (1986):
 * {@code Z_l = A_l·W_lᵀ + b_l}, {@code A_{l+1} = f(Z_l)}; then {@code Δ_L = ∂L/∂Z_L},
 * {@code G_l += Δ_lᵀ·A_l}, {@code Δ_{l−1} = (Δ_l·W_l) ⊙ f'(Z_{l−1})}.
 *
 * <p>Each phase computes every output element with the same arithmetic whichever range of rows,
 * columns or units it falls in, and every sum runs over the batch rows in order, so a pass gives
 * the same bits for any number of threads.
 *
 * <p>When the workspace holds a sparse input batch ({@link Workspace#sparseInput()}), the first
 * layer's forward product and weight gradient run on its non-zeros only ({@link SparseKernels});
 * every other phase is the dense one, and no delta is propagated into the input either way. While
 * the first layer's weights are stored by input ({@link FirstLayerLayout#toInputMajorLayout},
 * during a training epoch on sparse rows) both products read and write them so, the same sums.
 *
 * <p>A dense first layer with a cut ({@link FirstLayerLayout#inputSplit}) sums its forward product
 * in two halves of the inputs, and with more than one thread (and a batch small enough to be split
 * by columns) each thread computes one half's partial sums over all the layer's units, the
 * second half's into {@link Workspace#secondHalfSums()}: the product's vector loop then runs over
 * all units instead of a thread's narrow share of them. While the network's first-layer weights
 * are in two blocks ({@link FirstLayerLayout#toSplitLayout}, during a training epoch) the weight
 * gradient is split by input halves too, each thread writing its own block of the gradient; in
 * row-major order it stays split by units, since there a row of the gradient changes halves in the
 * middle of a cache line that both threads would write (bench/README.md, "Inputs split in two").
 * A wide hidden-to-hidden layer's propagated delta is summed by halves of its units ({@link
 * UnitHalves}), so that each of two threads reads only the rows of the weights it updates.
 *
 * <p>Only {@link Network} uses this class: it lends one to each pass and takes it back
 * afterwards. One object serves one pass at a time.
 */
final class BatchPass implements WorkerPool.RangeTask {

  /**
   * Below this many rows, products are split over threads by columns rather than rows: each
   * thread then packs only its own columns of the weights instead of all of them.
   */
  static final int COLUMN_SPLIT_ROWS = 128;
  /** Rows per chunk below which a phase is not worth handing to another thread. */
  private static final int MIN_ROWS_PER_THREAD = 4;
  /**
   * Columns per chunk below which a column-split phase is not worth another thread. The
   * products' vector loops run along the columns, so narrow blocks run at a fraction of the
   * kernel's speed: for 784-64 at batch 32 (one thread, this machine), four 16-column blocks
   * cost twice the whole product, two 32-column blocks 1.3–1.4 times.
   */
  private static final int MIN_COLUMNS_PER_THREAD = 32;
  /**
   * Phases with fewer multiply-adds than this run on the calling thread: handing them to the
   * pool (waking a worker, waiting for its chunk) costs more than the work it would take over.
   */
  static final long MIN_PARALLEL_WORK = 100_000;
  /** Chunks per thread of a split phase: spare chunks let a fast thread take over a slow one's. */
  private static final int CHUNKS_PER_THREAD = 2;
  /**
   * Chunks per thread of a column-split phase: one, as wide as possible, since every extra
   * block of columns costs more than a block's share (see {@link #MIN_COLUMNS_PER_THREAD}).
   */
  private static final int COLUMN_CHUNKS_PER_THREAD = 1;

  private final int[] sizes;
  private final Activation[] hidden;
  private final OutputLayer output;
  private final double[] params;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  /** {@link FirstLayerLayout#inputSplit()}: where the first layer's inputs are cut in two, or 0. */
  private final int split;
  /** Where the first layer's input halves lie ({@link FirstLayerLayout#blockRow}). */
  private final FirstLayerLayout firstLayer;

  /** The workspace of the current pass (null between passes). */
  private Workspace ws;
  /** Whether this backward pass stores the gradient instead of adding it (dense input). */
  private boolean overwriteGradient;
  /** The sparse input batch of the current pass, null when the input is dense. */
  private SparseRows sparse;
  /** The sparse batch by columns of this backward pass ({@link Phase#GRADIENT_BY_COLUMNS}). */
  private SparseColumns columns;
  /** The dropout of the current pass, null when it has none (or an inactive one). */
  private Dropout dropout;
  /** Whether this pass sums the first layer in two input halves (a cut, and dense input). */
  private boolean halves;
  /** Whether the first layer's weights (and gradient) are in two blocks this pass. */
  private boolean blocks;
  /**
   * Whether the first layer's weights (and gradient) are stored by input this pass
   * ({@link FirstLayerLayout#toInputMajorLayout}, during a training epoch on sparse rows).
   */
  private boolean byInput;
  /** Whether the input batch is in two blocks this pass ({@link Workspace#inputInBlocks()}). */
  private boolean inputBlocks;
  /**
   * Column blocks per input half of the current {@link Phase#FORWARD_HALVES} phase, or row blocks
   * per unit half of a {@link Phase#PROPAGATE_HALVES} phase.
   */
  private int halfBlocks;
  /** The current {@link Phase#PROPAGATE_HALVES} phase's cut ({@link UnitHalves#cut}). */
  private int unitCut;
  /** Its second half's partial sums ({@link Workspace#unitHalfSums}). */
  private double[] unitHalfSums;
  private PassPhase phase;
  private int layer;
  /** The batch rows of the current pass, {@code [rowFrom, rowTo)}. */
  private int rowFrom;
  private int rowTo;
  private double gradScale;
  private double[] grad;
  /** Per weight layer, {@code Wᵀ} ({@code in × out}) for a prediction pass, or null. */
  private double[][] weightsT;

  /** @param net the network whose passes this runs (its parameter array is used live) */
  BatchPass(Network net) {
    int layers = net.numLayers();
    sizes = new int[layers + 1];
    for (int l = 0; l <= layers; l++) {
      sizes[l] = net.size(l);
    }
    hidden = new Activation[layers - 1];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = net.hiddenActivation(i);
    }
    output = net.outputLayer();
    params = net.parameters();
    weightOffsets = new int[layers];
    biasOffsets = new int[layers];
    for (int l = 0; l < layers; l++) {
      weightOffsets[l] = net.weightOffset(l);
      biasOffsets[l] = net.biasOffset(l);
    }
    firstLayer = net.firstLayer();
    split = firstLayer.inputSplit();
  }

  /**
   * Binds the workspace and the dropout of the coming pass, and takes the first layer's layout
   * as it stands: two blocks ({@link FirstLayerLayout#toSplitLayout}), stored by input ({@link
   * FirstLayerLayout#toInputMajorLayout}) or row-major.
   *
   * @param dropout dropout to apply, or null for none
   * @throws IllegalStateException for a sparse input batch with the weights in two blocks, or
   *     a dense one with the weights stored by input
   */
  BatchPass bind(Workspace workspace, Dropout dropout) {
    boolean splitLayout = firstLayer.inSplitLayout();
    boolean inputMajor = firstLayer.inInputMajorLayout();
    if (splitLayout && workspace.sparseInput() != null) {
      throw new IllegalStateException("the sparse products need the first layer row-major");
    }
    if (inputMajor && workspace.sparseInput() == null) {
      throw new IllegalStateException("the first layer's weights are stored by input, which"
          + " only passes over sparse rows read");
    }
    this.byInput = inputMajor;
    this.ws = workspace;
    this.sparse = workspace.sparseInput();
    this.halves = split > 0 && sparse == null;
    this.blocks = splitLayout;
    this.inputBlocks = workspace.inputInBlocks();
    this.dropout = dropout != null && dropout.isActive() ? dropout : null;
    return this;
  }

  /** Drops the references to the last pass's buffers, so a pass kept for later holds nothing. */
  void unbind() {
    ws = null;
    sparse = null;
    columns = null;
    dropout = null;
    grad = null;
    weightsT = null;
  }

  /**
   * Makes the coming forward pass read each layer's weights from {@code transposed}
   * ({@link Network#transposedWeights}, which must match the parameters) instead of packing a
   * transposed block of them for every block of rows; same bits.
   */
  BatchPass withTransposedWeights(double[][] transposed) {
    this.weightsT = transposed;
    return this;
  }

  /**
   * Forward pass over rows {@code [from, to)}: each layer split over the pool's threads by rows,
   * or by columns for batches under {@link #COLUMN_SPLIT_ROWS} rows.
   */
  void forward(int from, int to, WorkerPool pool) {
    rowFrom = from;
    rowTo = to;
    int last = sizes.length - 2;
    boolean byColumns = pool != null && to - from < COLUMN_SPLIT_ROWS;
    for (int l = 0; l <= last; l++) {
      layer = l;
      long work = products(l, to - from);
      if (l == 0 && halves && byColumns && pool.threads() > 1 && work >= MIN_PARALLEL_WORK) {
        // each thread one input half (and, past two threads, a block of columns of it)
        phase = PassPhase.FORWARD_HALVES;
        halfBlocks = blocksPerHalf(pool, sizes[1], MIN_COLUMNS_PER_THREAD);
        run(pool, 2 * halfBlocks, 1, work, COLUMN_CHUNKS_PER_THREAD);
        addSecondHalf(from, to);
        activate(0, from, to, 0, sizes[1]);
        if (l == last) {
          outputTransform(from, to);
        }
      } else if (byColumns) {
        phase = PassPhase.FORWARD_COLUMNS;
        run(pool, sizes[l + 1], MIN_COLUMNS_PER_THREAD, work, COLUMN_CHUNKS_PER_THREAD);
        if (l == last) {
          outputTransform(from, to);
        }
      } else {
        phase = PassPhase.FORWARD_ROWS;
        run(pool, to - from, MIN_ROWS_PER_THREAD, work);
      }
    }
  }

  /**
   * Backward pass over rows {@code [from, to)} after the forward pass: output deltas by rows,
   * weight gradients by output units, propagated deltas by rows (or columns for small batches);
   * the gradient added to {@code gradient}, or with {@code overwrite} (dense input only) stored
   * into it.
   *
   * @return {@code Σ_i w_i · loss_i} over the rows, summed in row order
   */
  double backward(int from, int to, double scale, double[] gradient, WorkerPool pool,
      boolean overwrite) {
    overwriteGradient = overwrite;
    rowFrom = from;
    rowTo = to;
    gradScale = scale;
    grad = gradient;
    int rows = to - from;
    int last = sizes.length - 2;
    layer = last;
    phase = PassPhase.OUTPUT_DELTAS;
    run(pool, rows, MIN_ROWS_PER_THREAD, (long) rows * sizes[last + 1]);
    double[] rowLoss = ws.rowLosses();
    double[] w = ws.weights();
    double lossSum = 0;
    for (int i = from; i < to; i++) {
      lossSum += w[i] * rowLoss[i];
    }
    for (int l = last; l >= 0; l--) {
      layer = l;
      int cut = UnitHalves.cut(l, last + 1, sizes[l], sizes[l + 1]);
      // G_l += Δ_lᵀ A_l over the batch rows
      long work = products(l, rows);
      if (l == 0 && blocks) {
        phase = PassPhase.GRADIENT_HALVES;
        halfBlocks = blocksPerHalf(pool, sizes[1], 1);
        run(pool, 2 * halfBlocks, 1, work, COLUMN_CHUNKS_PER_THREAD);
      } else if (l == 0 && byInput) {
        // by the batch's columns, each thread whole runs of the gradient (see SparseColumns):
        // one block per thread, the caller the first, as the lazy update splits them after, so
        // that each thread updates the runs it has in its cache
        columns = ws.sparseColumns();
        columns.build(sparse, rowFrom, rowTo);
        copyFirstDeltaRows(rowFrom, rowTo);
        phase = PassPhase.GRADIENT_BY_COLUMNS;
        run(pool, columns.present(), 1, (long) sparse.nonZeros() * sizes[1],
            COLUMN_CHUNKS_PER_THREAD);
        addBiasGradient(0, 0, sizes[1]);
      } else {
        // a cut layer one block of units per thread, the halves its forward pass and update
        // give each thread (UnitHalves)
        phase = PassPhase.GRADIENT;
        run(pool, sizes[l + 1], 1, work, cut > 0 ? COLUMN_CHUNKS_PER_THREAD : CHUNKS_PER_THREAD);
      }
      if (l > 0) {
        // Δ_{l−1} = (Δ_l W_l) ⊙ mask ⊙ f'(Z_{l−1})
        if (cut > 0) {
          // summed by unit halves, then added, the same for any number of threads
          phase = PassPhase.PROPAGATE_HALVES;
          unitCut = cut;
          unitHalfSums = ws.unitHalfSums(sizes[l]);
          halfBlocks = blocksPerHalf(pool, rows, MIN_ROWS_PER_THREAD);
          run(pool, 2 * halfBlocks, 1, work, COLUMN_CHUNKS_PER_THREAD);
          UnitHalves.add(ws.deltas(l - 1), unitHalfSums, sizes[l], from, to);
          applyDerivative(l, from, to, 0, sizes[l]);
        } else if (pool != null && rows < COLUMN_SPLIT_ROWS) {
          phase = PassPhase.PROPAGATE_COLUMNS;
          run(pool, sizes[l], MIN_COLUMNS_PER_THREAD, work, COLUMN_CHUNKS_PER_THREAD);
        } else {
          phase = PassPhase.PROPAGATE_ROWS;
          run(pool, rows, MIN_ROWS_PER_THREAD, work);
        }
      }
    }
    return lossSum;
  }

  /** Rows {@code [from, to)} of the first layer's deltas into {@link Workspace#firstDeltaRows}. */
  private void copyFirstDeltaRows(int from, int to) {
    double[] d = ws.deltas(0);
    double[][] rowsOfD = ws.firstDeltaRows();
    int units = sizes[1];
    for (int i = from; i < to; i++) {
      System.arraycopy(d, i * units, rowsOfD[i], 0, units);
    }
  }

  /**
   * Column (or unit) blocks per input half of a halves phase: the threads beyond the first two
   * split each half further, by blocks of at least {@code minWidth} of the {@code width}
   * columns or units; one without a pool. With at most one block per thread, {@link #run} then
   * makes each (half, block) a chunk of its own.
   */
  private static int blocksPerHalf(WorkerPool pool, int width, int minWidth) {
    if (pool == null) {
      return 1;
    }
    return Math.max(1, Math.min(pool.threads() / 2, width / Math.max(1, minWidth)));
  }

  /** Multiply-adds of weight layer {@code l}'s product over {@code rows} rows. */
  private long products(int l, int rows) {
    return (long) rows * sizes[l] * sizes[l + 1];
  }

  /**
   * Runs the current phase over {@code [0, n)}: on the calling thread when there is no pool or
   * less than {@link #MIN_PARALLEL_WORK} multiply-adds of work, else in up to
   * {@link #CHUNKS_PER_THREAD} chunks per thread of at least {@code minChunk} indices each.
   */
  private void run(WorkerPool pool, int n, int minChunk, long work) {
    run(pool, n, minChunk, work, CHUNKS_PER_THREAD);
  }

  /** {@link #run(WorkerPool, int, int, long)} with {@code perThread} chunks per thread. */
  private void run(WorkerPool pool, int n, int minChunk, long work, int perThread) {
    if (pool == null || pool.threads() == 1 || work < MIN_PARALLEL_WORK) {
      run(0, n);
    } else {
      int parts = Math.min(perThread * pool.threads(), n / Math.max(1, minChunk));
      pool.runChunks(this, n, Math.max(1, parts));
    }
  }

  /** Runs the current phase over {@code [from, to)} (rows, columns or units, by phase). */
  @Override
  public void run(int from, int to) {
    switch (phase) {
      case FORWARD_ROWS:
        forwardColumns(layer, rowFrom + from, rowFrom + to, 0, sizes[layer + 1]);
        if (layer == hidden.length) {
          outputTransform(rowFrom + from, rowFrom + to);
        }
        break;
      case FORWARD_COLUMNS:
        forwardColumns(layer, rowFrom, rowTo, from, to);
        break;
      case OUTPUT_DELTAS:
        outputDeltas(rowFrom + from, rowFrom + to);
        break;
      case GRADIENT:
        layerGradient(layer, from, to);
        break;
      case PROPAGATE_ROWS:
        propagateColumns(layer, rowFrom + from, rowFrom + to, 0, sizes[layer]);
        break;
      case FORWARD_HALVES:
        for (int k = from; k < to; k++) {
          int half = k / halfBlocks;
          // the first half straight into Z, the second into its own buffer (see addSecondHalf)
          halfProduct(half, rowFrom, rowTo, blockEdge(k, 0), blockEdge(k, 1),
              half == 0 ? ws.preActivations(0) : ws.secondHalfSums(), false);
        }
        break;
      case GRADIENT_BY_COLUMNS:
        SparseKernels.addTransposedProductByColumn(ws.firstDeltaRows(), columns.columns(),
            columns.starts(), columns.rows(), columns.values(), from, to, grad,
            weightOffsets[0], sizes[1], sizes[1]);
        break;
      case GRADIENT_HALVES:
        for (int k = from; k < to; k++) {
          halfGradient(k / halfBlocks, blockEdge(k, 0), blockEdge(k, 1));
        }
        break;
      case PROPAGATE_HALVES:
        for (int k = from; k < to; k++) {
          int rows = rowTo - rowFrom;
          int b = k % halfBlocks;
          int half = k / halfBlocks;
          UnitHalves.propagate(ws.deltas(layer), params, weightOffsets[layer], sizes[layer],
              sizes[layer + 1], unitCut, half, half == 0 ? ws.deltas(layer - 1) : unitHalfSums,
              rowFrom + rows * b / halfBlocks, rowFrom + rows * (b + 1) / halfBlocks);
        }
        break;
      default:
        propagateColumns(layer, rowFrom, rowTo, from, to);
    }
  }

  /**
   * Forward product of weight layer {@code l} for columns {@code [j0, j1)} of rows
   * {@code [from, to)}, with the hidden activation (and dropout) of those elements; the output
   * transform is left to the caller (softmax needs whole rows).
   */
  private void forwardColumns(int l, int from, int to, int j0, int j1) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] z = ws.preActivations(l);
    if (l == 0 && sparse != null && (byInput || weightsT != null)) {
      // the same sums, the weights read by input (stored so for the epoch, or a prediction
      // pass's Wᵀ)
      SparseKernels.multiplyByInput(sparse.rowStart(), sparse.columnIndices(), sparse.values(),
          byInput ? params : weightsT[0], byInput ? weightOffsets[0] + j0 : j0, out, z, j0, out,
          from, to, j1 - j0, params, biasOffsets[0] + j0);
    } else if (l == 0 && sparse != null) {
      // the non-zeros of each input row only: Z_ij = b_j + Σ_k x_ik W_j,col(k)
      SparseKernels.multiplyTransposed(sparse.rowStart(), sparse.columnIndices(),
          sparse.values(), params, weightOffsets[0] + j0 * in, in, z, j0, out, from, to,
          j1 - j0, params, biasOffsets[0] + j0);
    } else if (l == 0 && halves) {
      // z = (b + Σ_{p<h} x_p w_p) + Σ_{p≥h} x_p w_p, the second half added to the first's result
      halfProduct(0, from, to, j0, j1, z, false);
      halfProduct(1, from, to, j0, j1, z, true);
    } else if (weightsT != null && Kernels.plainWithBiasPays(to - from, j1 - j0)) {
      Kernels.multiplyPlainWithBias(ws.activations(l), 0, weightsT[l], j0, out, z, j0, from, to,
          j1 - j0, in, params, biasOffsets[l] + j0, out);
    } else {
      Kernels.multiplyTransposed(ws.activations(l), 0, params, weightOffsets[l] + j0 * in, z,
          j0, from, to, j1 - j0, in, params, biasOffsets[l] + j0, false, out);
    }
    activate(l, from, to, j0, j1);
  }

  /**
   * The hidden activation (and dropout) of weight layer {@code l}'s columns {@code [j0, j1)} of
   * rows {@code [from, to)}, from their pre-activations; nothing for the output layer.
   */
  private void activate(int l, int from, int to, int j0, int j1) {
    int out = sizes[l + 1];
    double[] z = ws.preActivations(l);
    if (l < hidden.length) {
      double[] a = ws.activations(l + 1);
      if (j0 == 0 && j1 == out) { // whole rows: one contiguous range
        hidden[l].apply(z, a, from * out, to * out);
        if (dropout != null) {
          dropout.applyForward(l, a, from * out, to * out);
        }
        return;
      }
      for (int i = from; i < to; i++) {
        hidden[l].apply(z, a, i * out + j0, i * out + j1);
        if (dropout != null) {
          dropout.applyForward(l, a, i * out + j0, i * out + j1);
        }
      }
    }
  }

  /**
   * Start ({@code end = 0}) or end ({@code end = 1}) of the first layer's columns (or units) of
   * index {@code k} of a halves phase: block {@code k % halfBlocks} of {@code size(1)}.
   */
  private int blockEdge(int k, int end) {
    return sizes[1] * (k % halfBlocks + end) / halfBlocks;
  }

  /**
   * Input half {@code half}'s share of the first layer's forward product, columns
   * {@code [j0, j1)} of rows {@code [from, to)}, into {@code c} (row stride {@code size(1)}):
   * the first half's sums with the bias as base; the second's added to {@code c} when
   * {@code accumulate}, else stored as they are. Each sum runs over its half in order of p.
   */
  private void halfProduct(int half, int from, int to, int j0, int j1, double[] c,
      boolean accumulate) {
    int in = sizes[0];
    int out = sizes[1];
    int p0 = firstLayer.halfStart(half);
    int len = firstLayer.halfWidth(half);
    double[] bias = half == 0 ? params : null;
    int biasOff = biasOffsets[0] + j0;
    double[] x = ws.activations(0);
    int xOff = ws.inputHalfOffset(half);
    int ldx = ws.inputRowStride(half);
    if (weightsT != null && Kernels.plainWithBiasPays(to - from, j1 - j0)) {
      Kernels.multiplyPlainStrided(x, xOff, ldx, weightsT[0], p0 * out + j0, out, c, j0, out,
          from, to, j1 - j0, len, bias, biasOff, accumulate);
    } else {
      // this half's weights of unit j: row-major at j·in + p0, in two blocks at blockRow(half, j)
      int ldw = blocks ? len : in;
      int w = blocks ? firstLayer.blockRow(half, j0) : weightOffsets[0] + j0 * in + p0;
      Kernels.multiplyTransposedStrided(x, xOff, ldx, params, w, ldw, c, j0, out, from, to,
          j1 - j0, len, bias, biasOff, accumulate);
    }
  }

  /**
   * Input half {@code half}'s block of the first layer's weight gradient (weights in two
   * blocks) for units {@code [u0, u1)}: {@code G_half += Δᵀ·X[:, half]}, each element summed
   * over the rows in order as in the whole product; with the first half, the units' bias
   * gradient too.
   */
  private void halfGradient(int half, int u0, int u1) {
    int len = firstLayer.halfWidth(half);
    int ldx = ws.inputRowStride(half);
    Kernels.addTransposedProduct(ws.deltas(0), rowFrom * sizes[1], sizes[1], ws.activations(0),
        ws.inputHalfOffset(half) + rowFrom * ldx, ldx, grad, firstLayer.blockRow(half, 0), len,
        u0, u1, len, rowTo - rowFrom, !overwriteGradient);
    if (half == 0) {
      addBiasGradient(0, u0, u1);
    }
  }

  /**
   * Adds the second input half's partial sums to the first half's pre-activations of rows
   * {@code [from, to)}: {@code z ← z + s}, the very operation with which the sequential path
   * accumulates the second half, so the bits do not depend on the thread count.
   */
  private void addSecondHalf(int from, int to) {
    UnitHalves.add(ws.preActivations(0), ws.secondHalfSums(), sizes[1], from, to);
  }

  /**
   * The output transform (softmax, sigmoid or identity) of rows {@code [from, to)}; the
   * workspace keeps what it returns per row, for the loss of a training step.
   */
  private void outputTransform(int from, int to) {
    int last = hidden.length;
    int out = sizes[last + 1];
    double[] logSumExps = ws.logSumExps();
    for (int i = from; i < to; i++) {
      logSumExps[i] =
          output.activate(ws.preActivations(last), ws.activations(last + 1), i * out, out);
    }
  }

  /** Loss and ∂loss/∂z of the output layer for rows {@code [from, to)}. */
  private void outputDeltas(int from, int to) {
    int last = hidden.length;
    int outW = sizes[last + 1];
    double[] zOut = ws.preActivations(last);
    double[] aOut = ws.activations(last + 1);
    double[] dOut = ws.deltas(last);
    double[] y = ws.targets();
    double[] w = ws.weights();
    double[] rowLoss = ws.rowLosses();
    double[] logSumExps = ws.logSumExps();
    for (int i = from; i < to; i++) {
      rowLoss[i] = output.lossAndDelta(zOut, aOut, y, i * outW, i * outW, outW, w[i] / gradScale,
          dOut, logSumExps[i]);
    }
  }

  /**
   * Weight and bias gradient of layer {@code l} for output units {@code [from, to)} over the
   * batch rows: {@code G += Δᵀ·A} and {@code g_b += Σ_i Δ_i}, each element summed over the rows
   * in order.
   */
  private void layerGradient(int l, int from, int to) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] d = ws.deltas(l);
    if (l == 0 && sparse != null) {
      // only the input columns present in the batch: G_j,col(k) += Σ_i Δ_ij x_ik
      SparseKernels.addTransposedProduct(d, 0, out, sparse.rowStart(), sparse.columnIndices(),
          sparse.values(), rowFrom, rowTo, grad, weightOffsets[0], in, from, to);
    } else {
      Kernels.addTransposedProduct(d, rowFrom * out, out, ws.activations(l), rowFrom * in, in,
          grad, weightOffsets[l], in, from, to, in, rowTo - rowFrom, !overwriteGradient);
    }
    addBiasGradient(l, from, to);
  }

  /**
   * Bias gradient of layer {@code l}'s units {@code [from, to)}: each unit's sum from 0 over the
   * batch rows in order ({@link Kernels#addColumnSums}).
   */
  private void addBiasGradient(int l, int from, int to) {
    int out = sizes[l + 1];
    Kernels.addColumnSums(ws.deltas(l), out, rowFrom, rowTo, from, to, grad, biasOffsets[l],
        !overwriteGradient);
  }

  /**
   * Propagates layer {@code l}'s deltas to columns {@code [q0, q1)} of layer {@code l − 1}'s, for
   * rows {@code [from, to)}.
   */
  private void propagateColumns(int l, int from, int to, int q0, int q1) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] below = ws.deltas(l - 1);
    // Δ_{l−1} = Δ_l·W_l, with W_l (out × in) read as it is stored
    Kernels.multiplyPlain(ws.deltas(l), 0, params, weightOffsets[l] + q0, in, below, q0, from,
        to, q1 - q0, out, in);
    applyDerivative(l, from, to, q0, q1);
  }

  /**
   * {@code Δ_{l−1} ← Δ_{l−1} ⊙ mask ⊙ f'(Z_{l−1})} for columns {@code [q0, q1)} of rows {@code
   * [from, to)}, once {@code Δ_l·W_l} is in the lower layer's deltas.
   */
  private void applyDerivative(int l, int from, int to, int q0, int q1) {
    int in = sizes[l];
    double[] below = ws.deltas(l - 1);
    // f'(z) may need f(z): the activations before any dropout mask
    double[] z = ws.preActivations(l - 1);
    double[] a = dropout != null ? dropout.unmaskedActivations(l - 1) : ws.activations(l);
    if (q0 == 0 && q1 == in) { // whole rows: one contiguous range
      if (dropout != null) {
        dropout.multiplyByMask(l - 1, below, from * in, to * in);
      }
      hidden[l - 1].multiplyByDerivative(z, a, below, from * in, to * in);
      return;
    }
    for (int i = from; i < to; i++) {
      if (dropout != null) {
        dropout.multiplyByMask(l - 1, below, i * in + q0, i * in + q1);
      }
      hidden[l - 1].multiplyByDerivative(z, a, below, i * in + q0, i * in + q1);
    }
  }
}
