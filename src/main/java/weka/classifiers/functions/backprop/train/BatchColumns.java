package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.model.SparseRows;

/**
 * The input columns a sparse mini-batch holds, and the first layer's gradient at them: the lazy
 * update's columns while the weights are row-major ({@link LazyFirstLayer}), and for the eager
 * step on sparse rows ({@link GradientStep}), where every first-layer weight is updated but the
 * backward pass writes the gradient only at the batch's columns, so its squared norm and its
 * clearing for the next step need only those entries, not the whole layer. On an identifier of
 * 30,000 values beside three numbers (64 units, 1.9 million first-layer weights) the norm and
 * the clearing of the whole layer had taken 21 % and 19 % of a build's time (doc/text.md,
 * "Identifiers").
 *
 * <p>The weights are row-major: unit {@code u}'s weight of column {@code c} at {@code w0 + u · in +
 * c}. The norm is summed unit by unit, the columns in increasing order, on the calling thread, so
 * it does not depend on the number of threads; it differs from the whole-layer sum only in the
 * order of the additions (the other entries are zeros), which the parameters never see without
 * gradient clipping.
 */
final class BatchColumns implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final int in;
  private final int units;
  private final int w0;
  private final boolean[] seen;
  /** The batch's columns, increasing, {@code count} of them. */
  private final int[] columns;
  private int count;

  /**
   * @param in input columns of the first layer
   * @param units its units
   * @param w0 index of its first weight in the parameter vector
   */
  BatchColumns(int in, int units, int w0) {
    this.in = in;
    this.units = units;
    this.w0 = w0;
    this.seen = new boolean[in];
    this.columns = new int[in];
  }

  /**
   * Notes the columns holding a non-zero in the first {@code rows} rows of {@code batch}.
   *
   * @param batch the sparse input batch
   * @param rows rows of the batch
   */
  void collect(SparseRows batch, int rows) {
    count = 0;
    int[] cols = batch.columnIndices();
    for (int k = 0, nnz = batch.rowStart()[rows]; k < nnz; k++) {
      int c = cols[k];
      if (!seen[c]) {
        seen[c] = true;
        columns[count++] = c;
      }
    }
    java.util.Arrays.sort(columns, 0, count);
    for (int k = 0; k < count; k++) {
      seen[columns[k]] = false;
    }
  }

  /** Notes no column (the lazy update's weights stored by input list theirs elsewhere). */
  void forget() {
    count = 0;
  }

  /** @return the noted columns, increasing, the first {@link #count} of them */
  int[] columns() {
    return columns;
  }

  /** @return how many columns are noted */
  int count() {
    return count;
  }

  /**
   * The squared norm of the first layer's gradient, which is zero outside the noted columns.
   *
   * @param g the gradient
   * @return Σ g² over the first layer's weights
   */
  double normSq(double[] g) {
    double sum = 0;
    for (int u = 0; u < units; u++) {
      int base = w0 + u * in;
      for (int k = 0; k < count; k++) {
        double v = g[base + columns[k]];
        sum += v * v;
      }
    }
    return sum;
  }

  /**
   * Sets the first layer's gradient at the noted columns back to zero for the next step, which
   * leaves all of it zero.
   *
   * @param g the gradient
   */
  void clear(double[] g) {
    for (int u = 0; u < units; u++) {
      int base = w0 + u * in;
      for (int k = 0; k < count; k++) {
        g[base + columns[k]] = 0.0;
      }
    }
  }
}
