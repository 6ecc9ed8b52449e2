package weka.classifiers.functions.backprop.model;

import java.util.Arrays;

/**
 * A matrix of {@code rows × columns} doubles stored by rows in compressed sparse row (CSR) form:
 * the non-zeros of row {@code i} are {@code values()[k]} at column {@code columnIndices()[k]} for
 * {@code rowStart()[i] ≤ k < rowStart()[i+1]}, columns strictly increasing within a row.
 * Bag-of-words data has a few dozen non-zeros among thousands of columns, so keeping only those
 * saves the memory of the dense copy and lets the first layer multiply non-zeros only ({@code
 * kernel.SparseKernels}).
 *
 * <p>The same class serves as the data set's matrix (built once, read only) and as a mini-batch
 * buffer in a {@link Workspace} (fixed row and non-zero capacities, refilled by {@link #clear}
 * and {@link #appendRow} for each batch without allocating). Because the columns of a row are
 * increasing, a sum over a row's non-zeros runs in the same order as the dense sum over its
 * columns, which is what lets the sparse products give the dense products' bits (up to the sign
 * of a zero).
 */
public final class SparseRows implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final int columns;
  private final int[] rowStart;
  private final int[] cols;
  private final double[] vals;
  private int rows;

  /**
   * An empty buffer for up to {@code rowCapacity} rows and {@code nonZeroCapacity} non-zeros in
   * all.
   *
   * @param columns number of columns (≥ 1)
   * @param rowCapacity maximum rows
   * @param nonZeroCapacity maximum non-zeros over all rows
   */
  public SparseRows(int columns, int rowCapacity, int nonZeroCapacity) {
    if (columns < 1 || rowCapacity < 0 || nonZeroCapacity < 0) {
      throw new IllegalArgumentException("a sparse matrix needs at least one column and"
          + " non-negative capacities");
    }
    this.columns = columns;
    this.rowStart = new int[rowCapacity + 1];
    this.cols = new int[nonZeroCapacity];
    this.vals = new double[nonZeroCapacity];
  }

  /**
   * Wraps CSR arrays without copying, after checking them: {@code rowStart[0] = 0}, starts
   * non-decreasing, every row's columns strictly increasing in {@code [0, columns)}.
   *
   * @param columns number of columns
   * @param rows number of rows
   * @param rowStart {@code rows + 1} (or more) row starts
   * @param cols column index of each non-zero
   * @param vals value of each non-zero
   * @return the matrix
   * @throws IllegalArgumentException if the arrays are not a valid CSR matrix
   */
  public static SparseRows wrap(int columns, int rows, int[] rowStart, int[] cols,
      double[] vals) {
    if (rows < 0 || rowStart.length < rows + 1 || rowStart[0] != 0
        || cols.length < rowStart[rows] || vals.length < rowStart[rows]) {
      throw new IllegalArgumentException("inconsistent CSR arrays for " + rows + " rows");
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("row starts decrease at row " + i);
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (cols[k] < 0 || cols[k] >= columns || (k > rowStart[i] && cols[k] <= cols[k - 1])) {
          throw new IllegalArgumentException("row " + i + ": column indices must be increasing"
              + " and in [0, " + columns + ")");
        }
      }
    }
    SparseRows m = new SparseRows(columns, rowStart, cols, vals);
    m.rows = rows;
    return m;
  }

  private SparseRows(int columns, int[] rowStart, int[] cols, double[] vals) {
    this.columns = columns;
    this.rowStart = rowStart;
    this.cols = cols;
    this.vals = vals;
  }

  /**
   * The non-zeros of a dense row-major matrix (exact zeros are dropped).
   *
   * @param x {@code rows × columns}, row-major
   * @param rows number of rows
   * @param columns number of columns
   * @return the matrix in CSR form
   */
  public static SparseRows fromDense(double[] x, int rows, int columns) {
    int nnz = 0;
    for (int p = 0; p < rows * columns; p++) {
      if (x[p] != 0) {
        nnz++;
      }
    }
    SparseRows m = new SparseRows(columns, rows, nnz);
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        double v = x[i * columns + j];
        if (v != 0) {
          m.cols[k] = j;
          m.vals[k++] = v;
        }
      }
      m.rowStart[i + 1] = k;
    }
    m.rows = rows;
    return m;
  }

  /**
   * Writes row {@code i} densely into {@code out[off .. off + columns)} (zeros included).
   *
   * @param i row
   * @param out destination
   * @param off offset of the row in {@code out}
   */
  public void copyRowDense(int i, double[] out, int off) {
    Arrays.fill(out, off, off + columns, 0.0);
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      out[off + cols[k]] = vals[k];
    }
  }

  /** Removes every row (a buffer's capacities stay). */
  public void clear() {
    rows = 0;
  }

  /**
   * Appends row {@code i} of {@code src} (same number of columns) as this buffer's next row.
   *
   * @param src matrix to copy from
   * @param i row of {@code src}
   * @throws IllegalArgumentException when the row or its non-zeros exceed the capacities
   */
  public void appendRow(SparseRows src, int i) {
    int from = src.rowStart[i];
    int len = src.rowStart[i + 1] - from;
    if (src.columns != columns || !fits(len)) {
      throw new IllegalArgumentException("row of " + len + " non-zeros does not fit a buffer"
          + " with " + (rowStart.length - 1 - rows) + " free rows and "
          + (cols.length - rowStart[rows]) + " free non-zeros");
    }
    int at = rowStart[rows];
    System.arraycopy(src.cols, from, cols, at, len);
    System.arraycopy(src.vals, from, vals, at, len);
    rowStart[++rows] = at + len;
  }

  /**
   * Appends a row given as its non-zeros {@code cols[from .. from + len)}, {@code vals[from ..
   * from + len)} (columns strictly increasing in {@code [0, columns)}), e.g. a streamed row.
   *
   * @param cols column indices
   * @param vals values
   * @param from first entry
   * @param len entries
   * @throws IllegalArgumentException when the row does not fit the capacities or its columns
   *     are not increasing and in range
   */
  public void appendRow(int[] cols, double[] vals, int from, int len) {
    if (!fits(len)) {
      throw new IllegalArgumentException("row of " + len + " non-zeros does not fit a buffer"
          + " with " + (rowStart.length - 1 - rows) + " free rows and "
          + (this.cols.length - rowStart[rows]) + " free non-zeros");
    }
    for (int k = from; k < from + len; k++) {
      if (cols[k] < 0 || cols[k] >= columns || (k > from && cols[k] <= cols[k - 1])) {
        throw new IllegalArgumentException("column indices must be increasing and in [0, "
            + columns + ")");
      }
    }
    int at = rowStart[rows];
    System.arraycopy(cols, from, this.cols, at, len);
    System.arraycopy(vals, from, this.vals, at, len);
    rowStart[++rows] = at + len;
  }

  /** Whether one more row with {@code nonZeros} non-zeros fits in this buffer's capacities. */
  public boolean fits(int nonZeros) {
    return rows + 1 < rowStart.length && rowStart[rows] + nonZeros <= cols.length;
  }

  /**
   * The largest number of non-zeros any {@code k} rows hold together (the sum of the {@code k}
   * longest rows): the non-zero capacity a mini-batch buffer of {@code k} rows needs.
   *
   * @param k rows per batch
   * @return the bound
   */
  public int maxNonZeros(int k) {
    int[] len = new int[rows];
    for (int i = 0; i < rows; i++) {
      len[i] = rowStart[i + 1] - rowStart[i];
    }
    Arrays.sort(len);
    long sum = 0;
    for (int i = rows - 1; i >= Math.max(0, rows - k); i--) {
      sum += len[i];
    }
    return (int) Math.min(sum, Integer.MAX_VALUE - 8);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int columns() {
    return columns;
  }

  /** The most non-zeros this matrix holds (its buffers' length). */
  public int nonZeroCapacity() {
    return cols.length;
  }

  /** Number of non-zeros in all rows. */
  public int nonZeros() {
    return rowStart[rows];
  }

  /** Non-zeros of row {@code i}. */
  public int rowLength(int i) {
    return rowStart[i + 1] - rowStart[i];
  }

  /** Row starts (live array, {@code rows() + 1} entries used): row i is {@code [s[i], s[i+1])}. */
  public int[] rowStart() {
    return rowStart;
  }

  /** Column index of each non-zero (live array). */
  public int[] columnIndices() {
    return cols;
  }

  /** Value of each non-zero (live array). */
  public double[] values() {
    return vals;
  }
}
