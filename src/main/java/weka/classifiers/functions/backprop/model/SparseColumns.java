package weka.classifiers.functions.backprop.model;

/**
 * A sparse mini-batch by columns (compressed sparse column form of some of a {@link SparseRows}'
 * rows): the columns holding a non-zero, increasing, and for each the rows that hold it, in
 * row order, with their values. The weight gradient of a first layer stored by input
 * ({@link FirstLayerLayout#toInputMajorLayout}) is then one pass per column over its rows: the
 * column's run of the gradient is read and written once per step instead of once per row that holds
 * the word, and threads split the work by columns, so no two write the same run
 * ({@code kernel.SparseKernels.addTransposedProductByColumn}).
 *
 * <p>Rebuilt for each batch by {@link #build} without allocating: a counting sort of the
 * batch's non-zeros by column, {@code O(non-zeros + columns)}.
 */
public final class SparseColumns implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Per column: zero between builds; during one, its non-zeros, then its fill cursor. */
  private final int[] count;
  /** The columns holding a non-zero, increasing; {@link #present} of them. */
  private final int[] columns;
  /** Per present column {@code t}: its entries are {@code [start[t], start[t + 1])}. */
  private final int[] start;
  private final int[] rows;
  private final double[] values;
  private int present;

  /**
   * An empty view for a batch of {@code columns} columns and up to {@code nonZeroCapacity}
   * non-zeros.
   *
   * @param columns columns of the batch
   * @param nonZeroCapacity most non-zeros of a batch
   */
  public SparseColumns(int columns, int nonZeroCapacity) {
    this.count = new int[columns];
    this.columns = new int[columns];
    this.start = new int[columns + 1];
    this.rows = new int[nonZeroCapacity];
    this.values = new double[nonZeroCapacity];
  }

  /**
   * Rebuilds the view from rows {@code [rowFrom, rowTo)} of {@code batch}; entry rows are the
   * batch's row numbers.
   *
   * @param batch the batch by rows
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   */
  public void build(SparseRows batch, int rowFrom, int rowTo) {
    int[] rowStart = batch.rowStart();
    int[] cols = batch.columnIndices();
    double[] vals = batch.values();
    int k0 = rowStart[rowFrom];
    int k1 = rowStart[rowTo];
    for (int k = k0; k < k1; k++) {
      count[cols[k]]++;
    }
    // the present columns in increasing order, each column's count turned into its cursor
    present = 0;
    int at = 0;
    for (int c = 0; c < count.length; c++) {
      int n = count[c];
      if (n != 0) {
        columns[present] = c;
        start[present++] = at;
        count[c] = at;
        at += n;
      }
    }
    start[present] = at;
    for (int i = rowFrom; i < rowTo; i++) {
      for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
        int e = count[cols[k]]++;
        rows[e] = i;
        values[e] = vals[k];
      }
    }
    for (int t = 0; t < present; t++) {
      count[columns[t]] = 0;
    }
  }

  /** Number of columns holding a non-zero. */
  public int present() {
    return present;
  }

  /** The columns holding a non-zero, increasing (the first {@link #present()}). */
  public int[] columns() {
    return columns;
  }

  /** Entry ranges: present column {@code t}'s are {@code [starts()[t], starts()[t + 1])}. */
  public int[] starts() {
    return start;
  }

  /** Row of each entry (increasing within a column). */
  public int[] rows() {
    return rows;
  }

  /** Value of each entry. */
  public double[] values() {
    return values;
  }
}
