package weka.classifiers.functions.backprop.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Dropout;
import weka.classifiers.functions.backprop.model.FirstLayerLayout;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Regularizer;
import weka.classifiers.functions.backprop.model.UnitHalves;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.Optimizer;
import weka.classifiers.functions.backprop.optim.Underflow;

/**
 * One optimizer step on the mini-batch held in a {@link Workspace}: new dropout masks, forward
 * pass, backward pass, regularization gradient, divergence check, optional clipping of the
 * global gradient norm (Pascanu, Mikolov &amp; Bengio 2013), update. Shared by the epoch-based
 * {@link Trainer} and the row-by-row {@link StreamingTrainer}; owns the gradient buffer, the
 * optimizer state, the {@link Dropout} and the per-layer gradient-norm accumulators, all allocated
 * once.
 */
public final class GradientStep implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final Network net;
  private final Workspace ws;
  private final double[] grad;
  private final Optimizer optimizer;
  private final Regularizer regularizer;
  private final double clipNorm;
  private final Dropout dropout;
  private final double[] layerNormSq;
  private int steps;
  /**
   * Updates applied since this object was made; every {@link Underflow#INTERVAL}-th ends with a
   * flush of negligible values. A count of steps, never of threads or chunks, so the flush falls
   * on the same steps for any thread count.
   */
  private long updates;
  /** The lazy first-layer update on sparse batches, or null (eager: every weight, every step). */
  private final LazyFirstLayer lazy;
  /** The eager step on sparse batches: the batch's columns ({@link BatchColumns}), else null. */
  private final BatchColumns batchColumns;
  /**
   * Whether a divergence ends the training, so that the step may update the parameters before
   * it knows the gradient is finite ({@link #run}); false where a diverging batch is dropped and
   * the model goes on (row-by-row training), which needs the check first.
   */
  private final boolean updateBeforeCheck;
  /**
   * Whether the gradient buffer is all zero already (the last update cleared it as it went,
   * which only a step on sparse rows needs: a dense batch's backward pass stores the gradient).
   */
  private boolean gradientCleared;

  /** Parameters per chunk of the per-step work (penalty, norms, clipping, update). */
  static final int CHUNK = 8192;
  /**
   * Chunks: {@code [from, to)} within one layer's weights or biases; layer, or −1 for biases.
   * Those of {@link #rowMajorChunks}, or of {@link #splitChunks} while the first layer is in two
   * blocks.
   */
  private int[] chunkFrom;
  private int[] chunkTo;
  private int[] chunkLayer;
  /**
   * The chunks in the parameters' row-major order, but for a layer cut by units, whose second
   * half comes near the back ({@link #chunkTable}); each as long as {@link #CHUNK} at most.
   */
  private final int[][] rowMajorChunks;
  /**
   * The chunks while the first layer's weights are in two blocks ({@link #enterEpochLayout}):
   * the first block whole first (the pool's caller claims from the front), the second block
   * whole last (its other thread claims from the back), so each thread updates the half whose
   * gradient it computed; null when the first layer is not split or the input is sparse.
   */
  private final int[][] splitChunks;
  /**
   * The optimizer's per-parameter state ({@link Optimizer#perParameterState}, arrays that live as
   * long as the optimizer), moved with the weights; held so that an epoch allocates nothing.
   */
  private final double[][] optimizerState;
  /**
   * Whether the optimizer's state of the first layer's weights is stored by input, as the
   * weights are during an epoch on sparse rows ({@link #enterEpochLayout}). Unlike the weights,
   * it stays so between epochs: only the steps read it, so it is moved only when a step runs in
   * the other layout ({@link #matchStateLayout}), never once per epoch.
   */
  private boolean stateByInput;
  /** Per chunk: squared norm of the data gradient (weights), and of the full gradient. */
  private final double[] chunkDataSq;
  private final double[] chunkFullSq;
  private final StepTask task = new StepTask();

  /**
   * A step on dense mini-batches of up to {@code capacity} rows.
   *
   * @param net network to update in place
   * @param cfg hyper-parameters (optimizer, penalties, clipping, dropout, seed)
   * @param capacity largest mini-batch
   */
  public GradientStep(Network net, TrainerConfig cfg, int capacity) {
    this(net, cfg, capacity, -1);
  }

  /**
   * A step whose workspace holds a sparse input batch of up to {@code sparseNonZeros} non-zeros
   * (see {@link Workspace#sparseInput()}), or a dense one when that is −1.
   *
   * @param net network to update in place
   * @param cfg hyper-parameters (optimizer, penalties, clipping, dropout, seed)
   * @param capacity largest mini-batch
   * @param sparseNonZeros non-zero capacity of the sparse input batch, or −1 for dense input
   */
  public GradientStep(Network net, TrainerConfig cfg, int capacity, int sparseNonZeros) {
    this(net, cfg, capacity, sparseNonZeros, false);
  }

  /**
   * A step as above that may update the parameters before it has checked the gradient for
   * divergence, for a caller whose training ends at the {@link DivergenceException} (the
   * parameters are then not used again); without gradient clipping the penalty, the norms and
   * the update then run as one pass per chunk. The same values either way.
   *
   * @param net network to update in place
   * @param cfg hyper-parameters (optimizer, penalties, clipping, dropout, seed)
   * @param capacity largest mini-batch
   * @param sparseNonZeros non-zero capacity of the sparse input batch, or −1 for dense input
   * @param divergenceEndsTraining whether a {@link DivergenceException} from {@link #run} ends
   *     the use of the parameters
   */
  public GradientStep(Network net, TrainerConfig cfg, int capacity, int sparseNonZeros,
      boolean divergenceEndsTraining) {
    this.net = net;
    this.updateBeforeCheck = divergenceEndsTraining;
    this.ws = new Workspace(net, capacity, true, sparseNonZeros);
    this.grad = new double[net.numParameters()];
    boolean decoupled = cfg.optimizer().decouplesWeightDecay();
    this.optimizer = cfg.optimizer().create(net.numParameters(), cfg.momentum(), cfg.nesterov(),
        cfg.l2(), Regularizer.weightRanges(net));
    this.optimizerState = optimizer.perParameterState();
    this.regularizer = new Regularizer(net, cfg.l1(), decoupled ? 0 : cfg.l2());
    this.clipNorm = cfg.clipNorm();
    this.dropout =
        new Dropout(net, capacity, cfg.dropout(), Seeds.stream(cfg.seed(), Seeds.DROPOUT));
    this.layerNormSq = new double[net.numLayers()];
    this.lazy = cfg.lazyFirstLayer() && sparseNonZeros >= 0 ? new LazyFirstLayer(net) : null;
    this.batchColumns = lazy == null && sparseNonZeros >= 0
        ? new BatchColumns(net.inputs(), net.size(1), net.weightOffset(0)) : null;
    rowMajorChunks = chunkTable(net, false);
    splitChunks = sparseNonZeros < 0 && net.firstLayer().inputSplit() > 0
        ? chunkTable(net, true) : null;
    useChunks(rowMajorChunks);
    int most = Math.max(rowMajorChunks[0].length, splitChunks == null ? 0 : splitChunks[0].length);
    chunkDataSq = new double[most];
    chunkFullSq = new double[most];
  }

  /**
   * The per-step chunks as three arrays (starts, ends, layers): every layer's weights, then its
   * biases, in chunks of at most {@link #CHUNK}; with {@code blocks} (the first layer in two
   * blocks, {@link #enterEpochLayout}) the first layer's first block is one chunk at the front
   * and its second block one chunk at the back, since each chunk is claimed by compare-and-set
   * on a word both cores write (a cross-core round trip each, 0.5 µs with the vCPUs far apart)
   * and with two threads the halves balance themselves. A layer cut by units ({@link UnitHalves})
   * has its first half's chunks in place and its second half's near the back, so that with two
   * threads each updates the rows whose gradient it computed and whose deltas it propagated.
   */
  private static int[][] chunkTable(Network net, boolean blocks) {
    List<int[]> list = new ArrayList<>();
    List<int[]> nearBack = new ArrayList<>();
    for (int l = 0; l < net.numLayers(); l++) {
      int cut = UnitHalves.cut(net, l);
      int middle = net.weightOffset(l) + cut * net.size(l);
      if (l == 0 && blocks) {
        list.add(new int[] {net.weightOffset(0), net.firstLayer().blockRow(1, 0), 0});
      } else if (cut > 0) {
        addChunks(list, net.weightOffset(l), middle, l);
        addChunks(nearBack, middle, net.biasOffset(l), l);
      } else {
        addChunks(list, net.weightOffset(l), net.biasOffset(l), l);
      }
      addChunks(list, net.biasOffset(l), net.biasOffset(l) + net.size(l + 1), -1);
    }
    list.addAll(nearBack);
    if (blocks) {
      list.add(new int[] {net.firstLayer().blockRow(1, 0), net.biasOffset(0), 0});
    }
    int[][] t = new int[3][list.size()];
    for (int c = 0; c < list.size(); c++) {
      for (int k = 0; k < 3; k++) {
        t[k][c] = list.get(c)[k];
      }
    }
    return t;
  }

  /** Adds chunks of at most {@link #CHUNK} parameters covering {@code [from, to)}. */
  private static void addChunks(List<int[]> list, int from, int to, int layer) {
    for (int a = from; a < to; a += CHUNK) {
      list.add(new int[] {a, Math.min(to, a + CHUNK), layer});
    }
  }

  private void useChunks(int[][] table) {
    chunkFrom = table[0];
    chunkTo = table[1];
    chunkLayer = table[2];
  }

  /**
   * Stores the first layer's weights for the steps of an epoch in the layout those steps run
   * fastest on; {@link #exitEpochLayout()} must follow before anything else reads the
   * parameters. The model is the same bits as with the row-major layout (with gradient
   * clipping, to rounding), and the same for any thread count.
   *
   * <ul>
   *   <li>A dense first layer with a cut ({@link FirstLayerLayout#inputSplit}): the weights and the
   *       optimizer's state for them in two blocks, one per input half
   *       ({@link FirstLayerLayout#toSplitLayout}). With two threads each then computes, penalizes
   *       and updates one block, which stays in its core's cache, and no cache line is written by
   *       both. Only the order in which the gradient norm's chunks are summed changes, which
   *       matters only with clipping.
   *   <li>Sparse rows with the lazy update ({@link LazyFirstLayer}): the weights stored by input
   *       ({@link FirstLayerLayout#toInputMajorLayout}), so that the forward product, the gradient
   *       and the update of the batch's columns each run over contiguous runs of 64 units instead
   *       of scattered elements (about twice as fast an epoch on a 20,000-word bag of words,
   *       bench/README.md, "The wide first layer stored by input"). The optimizer's state
   *       follows at the first step and stays by input ({@link #stateByInput}).
   * </ul>
   *
   * Nothing happens for other networks.
   */
  public void enterEpochLayout() {
    FirstLayerLayout first = net.firstLayer();
    if (splitChunks != null && !first.inSplitLayout()) {
      first.toSplitLayout(grad, optimizerState);
      gradientCleared = false; // the gradient buffer served as scratch
      useChunks(splitChunks);
    } else if (lazy != null && !first.inInputMajorLayout()) {
      first.toInputMajorLayout(grad);
      lazy.forgetTouched(); // the gradient buffer served as scratch
    }
  }

  /** Undoes {@link #enterEpochLayout()}; nothing when the layout is row-major already. */
  public void exitEpochLayout() {
    FirstLayerLayout first = net.firstLayer();
    if (first.inSplitLayout()) {
      first.toRowMajorLayout(grad, optimizerState);
      gradientCleared = false;
      useChunks(rowMajorChunks);
    } else if (first.inInputMajorLayout()) {
      first.toRowMajorLayout(grad);
      lazy.forgetTouched();
    }
  }

  /**
   * Moves the optimizer's state of the first layer's weights into the layout of the weights
   * ({@link #stateByInput}) when a step finds them in the other one: once, at the first step of
   * the first epoch, in the epoch trainer; never in row-by-row training, which stays row-major.
   */
  private void matchStateLayout() {
    boolean byInput = net.firstLayer().inInputMajorLayout();
    if (byInput == stateByInput) {
      return;
    }
    for (double[] a : optimizerState) {
      net.firstLayer().transpose(a, byInput, grad);
    }
    stateByInput = byInput;
    lazy.forgetTouched(); // the gradient buffer served as scratch
  }

  /** The workspace whose input, target and weight buffers the caller fills before a step. */
  public Workspace workspace() {
    return ws;
  }

  /**
   * Trains on the first {@code rows} rows of the workspace.
   *
   * @param rows rows filled in the workspace
   * @param lr learning rate
   * @param pool threads, or null
   * @param epoch 1-based epoch for error messages, 0 for streaming updates
   * @return {@code Σ_i w_i · loss_i} over the batch (before the update)
   * @throws DivergenceException if the loss or the gradient is not finite
   */
  public double run(int rows, double lr, WorkerPool pool, int epoch) {
    dropout.drawMasks(rows);
    // a dense batch's backward pass writes every element of the gradient (the same bits as
    // adding to zeros), so the buffer needs no clearing before it nor after the update
    boolean overwrite = lazy == null && ws.sparseInput() == null;
    if (lazy == null) {
      if (!overwrite && !gradientCleared) {
        Arrays.fill(grad, 0.0);
      }
    } else {
      matchStateLayout();
      lazy.begin(grad, ws.sparseInput(), rows, stateByInput ? ws.sparseColumns() : null);
    }
    gradientCleared = false;
    net.forward(ws, 0, rows, pool, dropout);
    double loss = net.backward(ws, 0, rows, rows, grad, pool, dropout, overwrite);
    steps++;
    if (!Double.isFinite(loss)) {
      throw new DivergenceException(DivergenceException.Kind.LOSS_NOT_FINITE, epoch, lr, loss,
          Double.NaN);
    }
    task.lr = lr;
    // Without clipping the update does not depend on the norm, so where a divergence ends the
    // training anyway the norms ride along with the update: one pass over each chunk and one
    // hand-over between the threads less per step, the same bits
    boolean fused = updateBeforeCheck && clipNorm <= 0;
    // an eager step on sparse rows whose penalty can ride in the update (no L1, no clipping)
    // leaves the first layer's gradient zero outside the batch's columns: its norm and clearing
    // take those alone (BatchColumns)
    boolean byColumns = batchColumns != null && clipNorm <= 0 && (!regularizer.isActive()
        || regularizer.l2Only() > 0 && optimizer.keepsGradientWithL2());
    task.firstByColumns = byColumns;
    if (byColumns) {
      batchColumns.collect(ws.sparseInput(), rows);
    }
    if (fused) {
      beginUpdate(1);
      task.phase = StepTask.NORMS_AND_UPDATE;
      runUpdate(pool, overwrite);
    } else {
      // penalty gradient and norms, chunk by chunk (on the pool's threads)
      task.phase = StepTask.PENALTY_AND_NORMS;
      run(pool);
    }
    double firstLayerSq = byColumns ? batchColumns.normSq(grad) : 0;
    // each chunk's sums are combined in chunk order, so the norms do not depend on the number
    // of threads
    double normSq = 0;
    for (int c = 0; c < chunkFrom.length; c++) {
      if (chunkLayer[c] >= 0) {
        layerNormSq[chunkLayer[c]] += chunkDataSq[c];
      }
      normSq += chunkFullSq[c];
    }
    layerNormSq[0] += firstLayerSq;
    normSq += firstLayerSq;
    if (lazy != null) { // the first layer's touched weights, after every chunk
      lazy.penaltyAndNorms(grad, regularizer, clipNorm > 0, pool);
      layerNormSq[0] += lazy.dataSq();
      normSq += lazy.fullSq();
    }
    double norm = Math.sqrt(normSq);
    if (!Double.isFinite(norm)) {
      throw new DivergenceException(DivergenceException.Kind.GRADIENT_NOT_FINITE, epoch, lr, norm,
          Double.NaN);
    }
    if (!fused) {
      beginUpdate(clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1);
      task.phase = StepTask.UPDATE;
      runUpdate(pool, overwrite);
    }
    if (byColumns) {
      batchColumns.clear(grad);
    }
    if (lazy != null) {
      lazy.update(grad, optimizer, lr, task.clipScale, task.flush, pool);
    } else {
      gradientCleared = task.clear;
    }
    return loss;
  }

  /** Starts the optimizer's step: the clipping factor, its step count, the flush schedule. */
  private void beginUpdate(double clipScale) {
    task.clipScale = clipScale;
    optimizer.beginStep();
    task.flush = ++updates % Underflow.INTERVAL == 0;
  }

  /**
   * Runs the update phase (alone or with the norms); without the lazy update, after a backward
   * pass that added to the gradient (sparse rows), each chunk's gradient is cleared for the
   * next step right after its update, on the thread that has it in cache, instead of the whole
   * buffer on the caller at the start of the next step.
   *
   * @param overwritten whether the backward pass stored the whole gradient instead of adding it
   */
  private void runUpdate(WorkerPool pool, boolean overwritten) {
    task.clear = lazy == null && !overwritten;
    run(pool);
  }

  /**
   * Runs the current per-step phase over all chunks: each chunk is claimed by whichever thread
   * is free ({@link WorkerPool#runChunks}), so a thread that wakes late takes fewer.
   */
  private void run(WorkerPool pool) {
    if (pool == null) {
      task.run(0, chunkFrom.length);
    } else {
      pool.runChunks(task, chunkFrom.length, chunkFrom.length);
    }
  }

  /** The per-step work over a range of chunks; one reusable object, so nothing is allocated. */
  private final class StepTask implements java.io.Serializable, WorkerPool.RangeTask {

    private static final long serialVersionUID = 1L;

    static final int PENALTY_AND_NORMS = 0;
    static final int UPDATE = 1;
    /** Both, chunk by chunk: where the update does not wait for the norm (see run). */
    static final int NORMS_AND_UPDATE = 2;
    int phase;
    /** Whether the update clears each chunk's gradient after using it. */
    boolean clear;
    /** Whether this step ends with the optimizer's flush of negligible values (Underflow). */
    boolean flush;
    /** Whether the first layer's norm and clearing are left to {@link BatchColumns}. */
    boolean firstByColumns;
    double clipScale;
    double lr;

    @Override
    public void run(int fromChunk, int toChunk) {
      double[] p = net.parameters();
      // where the norm and the update run together (no clipping), an L2 penalty goes into the
      // update's pass instead of a pass of its own (Optimizer.updateWithL2; the same bits)
      double foldedL2 = phase == NORMS_AND_UPDATE ? regularizer.l2Only() : 0;
      for (int c = fromChunk; c < toChunk; c++) {
        int from = chunkFrom[c];
        int to = chunkTo[c];
        if (lazy != null && lazy.owns(from, to)) { // the lazy update's, see LazyFirstLayer
          chunkDataSq[c] = 0;
          chunkFullSq[c] = 0;
          continue;
        }
        double l2 = chunkLayer[c] >= 0 ? foldedL2 : 0; // weights only, never biases
        if (firstByColumns && chunkLayer[c] == 0) { // norm and clearing: BatchColumns
          chunkDataSq[c] = 0;
          chunkFullSq[c] = 0;
          if (phase != PENALTY_AND_NORMS) { // the penalty in the update, in either phase
            updateRange(optimizer, p, grad, regularizer.l2Only(), lr, from, to, clipScale, flush,
                false);
          }
          continue;
        }
        if (phase != UPDATE) {
          penaltyAndNorms(c, p, from, to, l2 > 0);
        }
        if (phase != PENALTY_AND_NORMS) {
          updateRange(optimizer, p, grad, l2, lr, from, to, clipScale, flush, clear);
        }
      }
    }

    /**
     * Chunk {@code c}'s data-gradient norm, penalty gradient and full norm; with {@code
     * penaltyInUpdate} the norm alone, the update adding the penalty.
     */
    private void penaltyAndNorms(int c, double[] p, int from, int to, boolean penaltyInUpdate) {
      double data = Kernels.squaredNorm(grad, from, to);
      chunkDataSq[c] = data;
      if (chunkLayer[c] >= 0 && regularizer.isActive() && !penaltyInUpdate) {
        regularizer.addWeightGradient(p, grad, from, to);
        // the full norm matters only for clipping; without it the data norm checks that the
        // gradient is finite (a non-finite penalty needs non-finite weights, which the
        // trainer's check after each epoch reports)
        chunkFullSq[c] = clipNorm > 0 ? Kernels.squaredNorm(grad, from, to) : data;
      } else {
        chunkFullSq[c] = data;
      }
    }
  }

  /**
   * One range's share of a step's update: the gradient scaled by the clipping factor, the
   * optimizer's update, on the flush steps its flush of negligible values ({@link Underflow}),
   * and, where the range's gradient is not used again this step, its clearing for the next.
   * Shared by the per-step chunks and the lazy first-layer update ({@link LazyFirstLayer}).
   *
   * @param optimizer optimizer, its step begun
   * @param p parameters
   * @param g gradient
   * @param l2 an L2 penalty's λ₂ for the update to add to the gradient ({@link
   *     Optimizer#updateWithL2}), or 0 where it is in the gradient already or there is none
   * @param lr learning rate
   * @param from first parameter, inclusive
   * @param to last parameter, exclusive
   * @param clipScale clipping factor (1 without)
   * @param flush whether this step flushes negligible values
   * @param clear whether to zero {@code g[from, to)} afterwards
   */
  static void updateRange(Optimizer optimizer, double[] p, double[] g, double l2, double lr,
      int from, int to, double clipScale, boolean flush, boolean clear) {
    if (clipScale != 1) {
      for (int i = from; i < to; i++) {
        g[i] *= clipScale;
      }
    }
    if (l2 > 0) {
      optimizer.updateWithL2(p, g, l2, lr, from, to);
    } else {
      optimizer.update(p, g, lr, from, to);
    }
    if (flush) {
      optimizer.flushNegligible(p, from, to);
    }
    if (clear) {
      Arrays.fill(g, from, to, 0.0);
    }
  }

  /**
   * Root-mean-square gradient norm of each weight layer over the steps since the last call,
   * then starts a new accumulation.
   *
   * @param out receives one value per weight layer
   */
  public void drainLayerNorms(double[] out) {
    for (int l = 0; l < layerNormSq.length; l++) {
      out[l] = steps == 0 ? 0 : Math.sqrt(layerNormSq[l] / steps);
    }
    Arrays.fill(layerNormSq, 0.0);
    steps = 0;
  }

  /** Forgets the optimizer's state (after parameters were replaced, e.g. by averaging). */
  public void resetOptimizer() {
    optimizer.reset();
  }
}
