package weka.classifiers.functions.backprop.train;

import java.util.Arrays;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Regularizer;
import weka.classifiers.functions.backprop.model.SparseColumns;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * The lazy update of the first layer on a sparse input batch ({@link
 * TrainerConfig#lazyFirstLayer}): only the weights of the input columns that hold a non-zero in the
 * batch get the penalty gradient and the optimizer update; every other first-layer weight is left
 * as it is for that step, its optimizer state (momentum, Adam moments) included. The same semantics
 * as TensorFlow's {@code LazyAdamOptimizer} and PyTorch's {@code SparseAdam}: with a 50,000-word
 * vocabulary a batch of 32 documents touches a few thousand columns, so a step costs the
 * non-zeros rather than all first-layer weights.
 *
 * <p>What changes against the eager step: an absent column's weights do not decay under the L2
 * (or L1) penalty and are not moved by the momentum of earlier steps, and the global gradient
 * norm (used for clipping and the per-layer curves) leaves out the penalty gradient of those
 * weights. The biases and the later layers update as always. When every column is present in
 * the batch the parameters after the step are bit-identical to the eager step's without
 * clipping (the same element-wise update; only the order of the norm's sum differs).
 *
 * <p>The weights may be stored row-major or by input ({@link FirstLayerLayout#toInputMajorLayout}).
 * Row-major, work is split by hidden units, and each unit's partial norms are combined in unit
 * order. By input, a touched column's weights, gradient and optimizer state are one contiguous
 * run, which the penalty, the norm and the optimizer each take in one vectorized loop, and work
 * is split by blocks of {@value #BLOCK} touched columns, so that no two threads write one run
 * (split by units, every run had a cache line written by both); the norms are then summed per
 * block and the blocks in order. Either way the result does not depend on the number of
 * threads, and the two layouts update the weights the same, but for the last bits of the norm:
 * the same model unless gradients are clipped.
 */
final class LazyFirstLayer implements java.io.Serializable, WorkerPool.RangeTask {

  private static final long serialVersionUID = 1L;

  private static final int PENALTY_AND_NORMS = 0;
  private static final int UPDATE = 1;

  private final Network net;
  private final int in;
  private final int units;
  private final int w0;
  private final int end;
  /** Row-major: the batch's columns with a non-zero (none while stored by input). */
  private final BatchColumns touched;
  /**
   * With the current step's first-layer weights and gradient stored by input, the batch by
   * columns, whose columns are the touched ones (after backward); null when they are row-major.
   */
  private SparseColumns view;
  /**
   * Whether the gradient's first-layer weights may hold anything anywhere (after the buffer
   * served as scratch for a layout change), so that the next step clears them all.
   */
  private boolean wholeLayerDirty;
  /** Whether the last step's update cleared its columns' gradient (by input it does). */
  private boolean touchedCleared;
  private final double[] unitDataSq;
  private final double[] unitFullSq;
  /** Touched columns per block of the work stored by input (see the class comment). */
  static final int BLOCK = 64;
  /** By input: squared norms of each block of touched columns, data and full gradient. */
  private final double[] blockDataSq;
  private final double[] blockFullSq;
  // the current phase's arguments (one reusable task object: nothing is allocated per step)
  private int phase;
  private double[] grad;
  private Regularizer regularizer;
  private boolean clipping;
  private Optimizer optimizer;
  private double lr;
  private double clipScale;
  private boolean flush;

  LazyFirstLayer(Network net) {
    this.net = net;
    this.in = net.inputs();
    this.units = net.size(1);
    this.w0 = net.weightOffset(0);
    this.end = net.biasOffset(0);
    this.touched = new BatchColumns(in, units, w0);
    this.unitDataSq = new double[units];
    this.unitFullSq = new double[units];
    this.blockDataSq = new double[(in + BLOCK - 1) / BLOCK];
    this.blockFullSq = new double[blockDataSq.length];
  }

  /** Whether {@code [from, to)} lies within the first layer's weights (handled here). */
  boolean owns(int from, int to) {
    return from >= w0 && to <= end;
  }

  /**
   * Makes the next {@link #begin} clear the gradient's whole first layer instead of the
   * previous step's columns: after the buffer served as scratch, or the layout changed.
   */
  void forgetTouched() {
    wholeLayerDirty = true;
  }

  /**
   * Starts a step: zeroes the gradient outside the first layer's weights and, within them, at
   * the previous step's columns (the only entries a sparse backward pass wrote) unless its
   * update cleared them, then, row-major, collects this batch's columns; stored by input, the
   * backward pass lists them in {@code columns}.
   *
   * @param g gradient buffer
   * @param batch the sparse input batch
   * @param rows rows of the batch
   * @param columns with the first layer's weights and gradient stored by input this step
   *     ({@link FirstLayerLayout#toInputMajorLayout}), the view of the batch by columns that the
   *     backward pass builds (its columns are the touched ones); null when they are row-major. A
   *     change of layout since the last step must have been announced by {@link #forgetTouched}
   */
  void begin(double[] g, SparseRows batch, int rows, SparseColumns columns) {
    Arrays.fill(g, 0, w0, 0.0);
    Arrays.fill(g, end, g.length, 0.0);
    if (wholeLayerDirty) {
      Arrays.fill(g, w0, end, 0.0);
      wholeLayerDirty = false;
    } else if (touchedCleared) {
      // nothing: the last update left the gradient's first layer all zero
    } else if (view != null) {
      // the view still lists the last step's columns: this step's backward pass rebuilds it
      for (int k = 0, n = view.present(); k < n; k++) {
        int base = w0 + view.columns()[k] * units;
        Arrays.fill(g, base, base + units, 0.0);
      }
    } else {
      touched.clear(g);
    }
    view = columns;
    touchedCleared = false;
    if (view != null) {
      touched.forget();
    } else {
      touched.collect(batch, rows);
    }
  }

  /**
   * Adds the penalty gradient at the touched weights and computes their squared norms.
   *
   * @param g gradient
   * @param reg the penalty
   * @param clip whether the full norm is needed (clipping)
   * @param pool threads, or null
   */
  void penaltyAndNorms(double[] g, Regularizer reg, boolean clip, WorkerPool pool) {
    this.phase = PENALTY_AND_NORMS;
    this.grad = g;
    this.regularizer = reg;
    this.clipping = clip;
    run(pool);
  }

  /**
   * Squared norm of the data gradient over the touched weights, summed in unit order (by input:
   * in block order).
   */
  double dataSq() {
    return view != null ? sum(blockDataSq, blocks()) : sum(unitDataSq, units);
  }

  /** Squared norm of the full gradient over the touched weights, summed as {@link #dataSq}. */
  double fullSq() {
    return view != null ? sum(blockFullSq, blocks()) : sum(unitFullSq, units);
  }

  private static double sum(double[] a, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  /** Blocks of {@link #BLOCK} touched columns of the current step (stored by input). */
  private int blocks() {
    return (view.present() + BLOCK - 1) / BLOCK;
  }

  /**
   * Scales (clipping) and applies the optimizer at the touched weights.
   *
   * @param g gradient
   * @param opt optimizer, its step begun
   * @param rate learning rate
   * @param scale clipping factor (1 without)
   * @param flushNegligible whether this step ends with the optimizer's flush of negligible
   *     values ({@code Underflow}), here at the touched weights only: a weight decays only on
   *     the steps that touch it, and the often-touched ones are the ones that can decay far
   * @param pool threads, or null
   */
  void update(double[] g, Optimizer opt, double rate, double scale, boolean flushNegligible,
      WorkerPool pool) {
    this.phase = UPDATE;
    this.flush = flushNegligible;
    this.grad = g;
    this.optimizer = opt;
    this.lr = rate;
    this.clipScale = scale;
    run(pool);
    touchedCleared = view != null;
  }

  /** The work stored by input, over a range of blocks of touched columns. */
  private transient WorkerPool.RangeTask blockTask;

  private void run(WorkerPool pool) {
    if (view != null) {
      int n = blocks();
      if (pool == null || n < 2) {
        runByInput(0, n);
      } else {
        // one part per thread, the caller the first, as the weight gradient's columns were
        // split (BatchPass): each thread updates the runs it computed, still in its cache
        if (blockTask == null) {
          blockTask = this::runByInput; // once, and again after a copy of a resumable model
        }
        pool.runChunks(blockTask, n, pool.threads());
      }
    } else if (pool == null) {
      run(0, units);
    } else {
      pool.run(this, units, 4);
    }
  }

  @Override
  public void run(int fromUnit, int toUnit) {
    double[] p = net.parameters();
    double[] g = grad;
    for (int u = fromUnit; u < toUnit; u++) {
      int base = w0 + u * in;
      if (phase == PENALTY_AND_NORMS) {
        double data = 0;
        double full = 0;
        boolean penalty = regularizer.isActive();
        int[] cols = touched.columns();
        for (int k = 0, n = touched.count(); k < n; k++) {
          int i = base + cols[k];
          double d = g[i];
          data += d * d;
          if (penalty) {
            regularizer.addWeightGradient(p, g, i, i + 1);
            double f = g[i];
            full += f * f;
          }
        }
        unitDataSq[u] = data;
        unitFullSq[u] = penalty && clipping ? full : data;
      } else {
        int[] cols = touched.columns();
        for (int k = 0, n = touched.count(); k < n; k++) {
          int i = base + cols[k];
          GradientStep.updateRange(optimizer, p, g, 0, lr, i, i + 1, clipScale, flush, false);
        }
      }
    }
  }

  /**
   * The current phase with the weights stored by input, for blocks {@code [fromBlock, toBlock)}
   * of {@link #BLOCK} touched columns: each column's run of units is one range for the norm
   * ({@link Kernels#squaredNorm}), the penalty, the optimizer and the flush.
   */
  private void runByInput(int fromBlock, int toBlock) {
    double[] p = net.parameters();
    double[] g = grad;
    boolean penalty = phase == PENALTY_AND_NORMS && regularizer.isActive();
    boolean full = penalty && clipping;
    int[] columns = view.columns();
    int present = view.present();
    for (int b = fromBlock; b < toBlock; b++) {
      double data = 0;
      double fullSum = 0;
      for (int k = b * BLOCK, last = Math.min(present, k + BLOCK); k < last; k++) {
        int from = w0 + columns[k] * units;
        int to = from + units;
        if (phase == PENALTY_AND_NORMS) {
          data += Kernels.squaredNorm(g, from, to);
          if (penalty) {
            regularizer.addWeightGradient(p, g, from, to);
          }
          if (full) {
            fullSum += Kernels.squaredNorm(g, from, to);
          }
          continue;
        }
        // the run's last use this step: cleared for the next by the thread that has it
        GradientStep.updateRange(optimizer, p, g, 0, lr, from, to, clipScale, flush, true);
      }
      if (phase == PENALTY_AND_NORMS) {
        blockDataSq[b] = data;
        blockFullSq[b] = full ? fullSum : data;
      }
    }
  }
}
