package weka.classifiers.functions.backprop.train;

import java.util.Arrays;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Regularizer;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * The lazy update of the first layer on a sparse input batch ({@link TrainerConfig#lazyFirstLayer}):
 * only the weights of the input columns that hold a non-zero in the batch get the penalty
 * gradient and the optimizer update; every other first-layer weight is left as it is for that
 * step, its optimizer state (momentum, Adam moments) included. The same semantics as
 * TensorFlow's {@code LazyAdamOptimizer} and PyTorch's {@code SparseAdam}: with a 50,000-word
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
 * <p>Work is split by hidden units; each unit's partial norms are combined in unit order, so the
 * result does not depend on the number of threads. The weights may be stored row-major or by
 * input ({@link Network#toInputMajorLayout}); by input, one touched column's weights, gradient
 * and optimizer state are one contiguous run per thread, which the penalty, the norms and the
 * optimizer each take in one vectorized loop. The two layouts give the same bits.
 */
final class LazyFirstLayer implements WorkerPool.RangeTask {

  private static final int PENALTY_AND_NORMS = 0;
  private static final int UPDATE = 1;

  private final Network net;
  private final int in;
  private final int units;
  private final int w0;
  private final int end;
  private final boolean[] seen;
  /** The batch's columns with a non-zero, increasing, {@code count} of them. */
  private final int[] touched;
  private int count;
  /** Whether the current step's first-layer weights and gradient are stored by input. */
  private boolean byInput;
  /**
   * Whether the gradient's first-layer weights may hold anything anywhere (after the buffer
   * served as scratch for a layout change), so that the next step clears them all.
   */
  private boolean wholeLayerDirty;
  private final double[] unitDataSq;
  private final double[] unitFullSq;
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
    this.seen = new boolean[in];
    this.touched = new int[in];
    this.unitDataSq = new double[units];
    this.unitFullSq = new double[units];
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
   * the previous step's columns (the only entries a sparse backward pass wrote), then collects
   * this batch's columns.
   *
   * @param g gradient buffer
   * @param batch the sparse input batch
   * @param rows rows of the batch
   * @param inputMajor whether the first layer's weights and gradient are stored by input this
   *     step ({@link Network#toInputMajorLayout}); a change since the last step must have been
   *     announced by {@link #forgetTouched}
   */
  void begin(double[] g, SparseRows batch, int rows, boolean inputMajor) {
    Arrays.fill(g, 0, w0, 0.0);
    Arrays.fill(g, end, g.length, 0.0);
    if (wholeLayerDirty) {
      Arrays.fill(g, w0, end, 0.0);
      wholeLayerDirty = false;
    } else if (byInput) {
      for (int k = 0; k < count; k++) {
        int base = w0 + touched[k] * units;
        Arrays.fill(g, base, base + units, 0.0);
      }
    } else {
      for (int u = 0; u < units; u++) {
        int base = w0 + u * in;
        for (int k = 0; k < count; k++) {
          g[base + touched[k]] = 0.0;
        }
      }
    }
    byInput = inputMajor;
    count = 0;
    int[] cols = batch.columnIndices();
    for (int k = 0, nnz = batch.rowStart()[rows]; k < nnz; k++) {
      int c = cols[k];
      if (!seen[c]) {
        seen[c] = true;
        touched[count++] = c;
      }
    }
    if (count > in / SCAN_FRACTION) {
      // many columns: a scan of the marks lists them in order faster than a sort
      count = 0;
      for (int c = 0; c < in; c++) {
        if (seen[c]) {
          seen[c] = false;
          touched[count++] = c;
        }
      }
    } else {
      Arrays.sort(touched, 0, count);
      for (int k = 0; k < count; k++) {
        seen[touched[k]] = false;
      }
    }
  }

  /**
   * Above one column in this many, {@link #begin} lists the batch's columns by scanning the
   * marks of all columns rather than sorting them: a linear pass over the vocabulary against
   * {@code count · log(count)} comparisons.
   */
  private static final int SCAN_FRACTION = 32;

  /** @return the number of columns the current batch touches */
  int touchedColumns() {
    return count;
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

  /** Squared norm of the data gradient over the touched weights, summed in unit order. */
  double dataSq() {
    double s = 0;
    for (double v : unitDataSq) {
      s += v;
    }
    return s;
  }

  /** Squared norm of the full gradient over the touched weights, summed in unit order. */
  double fullSq() {
    double s = 0;
    for (double v : unitFullSq) {
      s += v;
    }
    return s;
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
  }

  private void run(WorkerPool pool) {
    if (pool == null) {
      run(0, units);
    } else {
      pool.run(this, units, 4);
    }
  }

  @Override
  public void run(int fromUnit, int toUnit) {
    if (byInput) {
      runByInput(fromUnit, toUnit);
      return;
    }
    double[] p = net.parameters();
    double[] g = grad;
    for (int u = fromUnit; u < toUnit; u++) {
      int base = w0 + u * in;
      if (phase == PENALTY_AND_NORMS) {
        double data = 0;
        double full = 0;
        boolean penalty = regularizer.isActive();
        for (int k = 0; k < count; k++) {
          int i = base + touched[k];
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
        for (int k = 0; k < count; k++) {
          int i = base + touched[k];
          if (clipScale != 1) {
            g[i] *= clipScale;
          }
          optimizer.update(p, g, lr, i, i + 1);
          if (flush) {
            optimizer.flushNegligible(p, i, i + 1);
          }
        }
      }
    }
  }

  /**
   * {@link #run(int, int)} with the weights stored by input: each touched column's units
   * {@code [fromUnit, toUnit)} as one range, so the penalty, the optimizer and the flush are
   * one loop over it. Each unit's norms still sum over the columns in increasing order, as in
   * row-major order, so the two layouts give the same bits.
   */
  private void runByInput(int fromUnit, int toUnit) {
    double[] p = net.parameters();
    double[] g = grad;
    if (phase == PENALTY_AND_NORMS) {
      boolean penalty = regularizer.isActive();
      boolean full = penalty && clipping;
      Arrays.fill(unitDataSq, fromUnit, toUnit, 0.0);
      Arrays.fill(unitFullSq, fromUnit, toUnit, 0.0);
      for (int k = 0; k < count; k++) {
        int base = w0 + touched[k] * units;
        for (int u = fromUnit; u < toUnit; u++) {
          double d = g[base + u];
          unitDataSq[u] += d * d;
        }
        if (penalty) {
          regularizer.addWeightGradient(p, g, base + fromUnit, base + toUnit);
        }
        if (full) {
          for (int u = fromUnit; u < toUnit; u++) {
            double f = g[base + u];
            unitFullSq[u] += f * f;
          }
        }
      }
      if (!full) {
        System.arraycopy(unitDataSq, fromUnit, unitFullSq, fromUnit, toUnit - fromUnit);
      }
      return;
    }
    for (int k = 0; k < count; k++) {
      int from = w0 + touched[k] * units + fromUnit;
      int to = from + toUnit - fromUnit;
      if (clipScale != 1) {
        for (int i = from; i < to; i++) {
          g[i] *= clipScale;
        }
      }
      optimizer.update(p, g, lr, from, to);
      if (flush) {
        optimizer.flushNegligible(p, from, to);
      }
    }
  }
}
