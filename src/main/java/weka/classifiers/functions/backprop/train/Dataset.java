package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.model.SparseRows;

/**
 * Encoded training data, independent of Weka: a feature matrix, a target matrix (one-hot rows
 * for classification, standardized values for regression), one weight per row and, for
 * classification, the class index of each row (used to stratify the holdout).
 *
 * <p>The feature matrix is either dense and row-major ({@link #x()}) or sparse by rows
 * ({@link #sparseX()}, {@link #isSparse()}): bag-of-words data keeps only its non-zeros, and the
 * {@link Trainer} then runs the first layer on those alone. Dense rows may also come from a
 * {@link DenseRowSource} ({@link #rowSource()}) that encodes them as mini-batches are drawn, so
 * that no second copy of a large data set is held.
 *
 * <p>The weights may be of any finite size: only their ratios count, and whatever sums or
 * squares them first divides out the largest one's power of two ({@link WeightScale}).
 */
public final class Dataset implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] x;
  private final SparseRows sparseX;
  private final DenseRowSource rowSource;
  private final double[] y;
  private final double[] weights;
  private final int[] labels;
  private final int rows;
  private final int features;
  private final int targets;

  /**
   * Wraps arrays without copying.
   *
   * @param x features, {@code rows × features}
   * @param features number of features per row
   * @param y targets, {@code rows × targets}
   * @param targets number of targets per row
   * @param weights one non-negative weight per row
   * @param labels class index per row, or null for regression
   */
  public Dataset(double[] x, int features, double[] y, int targets, double[] weights,
      int[] labels) {
    this.rows = weights.length;
    if (x.length != (long) rows * features || y.length != (long) rows * targets) {
      throw new IllegalArgumentException(
          "inconsistent dataset: " + rows + " rows, " + x.length + " feature values for "
              + features + " features, " + y.length + " target values for " + targets);
    }
    if (labels != null && labels.length != rows) {
      throw new IllegalArgumentException("need one label per row");
    }
    this.x = x;
    this.sparseX = null;
    this.rowSource = null;
    this.y = y;
    this.weights = weights;
    this.labels = labels;
    this.features = features;
    this.targets = targets;
  }

  /**
   * Wraps a sparse feature matrix and the other arrays without copying.
   *
   * @param x features, one row per weight, {@code x.columns()} features per row
   * @param y targets, {@code rows × targets}
   * @param targets number of targets per row
   * @param weights one non-negative weight per row
   * @param labels class index per row, or null for regression
   */
  public Dataset(SparseRows x, double[] y, int targets, double[] weights, int[] labels) {
    this.rows = weights.length;
    if (x.rows() != rows || y.length != (long) rows * targets) {
      throw new IllegalArgumentException(
          "inconsistent dataset: " + rows + " weights, " + x.rows() + " sparse feature rows, "
              + y.length + " target values for " + targets);
    }
    if (labels != null && labels.length != rows) {
      throw new IllegalArgumentException("need one label per row");
    }
    this.x = null;
    this.sparseX = x;
    this.rowSource = null;
    this.y = y;
    this.weights = weights;
    this.labels = labels;
    this.features = x.columns();
    this.targets = targets;
  }

  /**
   * Wraps dense feature rows produced on demand (no matrix is held: see {@link DenseRowSource})
   * and the other arrays without copying.
   *
   * @param x features, one row per weight, {@code x.columns()} features per row
   * @param y targets, {@code rows × targets}
   * @param targets number of targets per row
   * @param weights one non-negative weight per row
   * @param labels class index per row, or null for regression
   */
  public Dataset(DenseRowSource x, double[] y, int targets, double[] weights, int[] labels) {
    this.rows = weights.length;
    if (x.rows() != rows || y.length != (long) rows * targets) {
      throw new IllegalArgumentException(
          "inconsistent dataset: " + rows + " weights, " + x.rows() + " feature rows, "
              + y.length + " target values for " + targets);
    }
    if (labels != null && labels.length != rows) {
      throw new IllegalArgumentException("need one label per row");
    }
    this.x = null;
    this.sparseX = null;
    this.rowSource = x;
    this.y = y;
    this.weights = weights;
    this.labels = labels;
    this.features = x.columns();
    this.targets = targets;
  }

  /**
   * Dense feature matrix, row-major.
   *
   * @throws IllegalStateException if the features are sparse (see {@link #sparseX()})
   */
  public double[] x() {
    if (x == null) {
      throw new IllegalStateException(rowSource != null
          ? "the features are produced on demand: read rowSource()"
          : "the features are sparse: read sparseX()");
    }
    return x;
  }

  /** Whether the features are held sparse ({@link #sparseX()}) rather than dense. */
  public boolean isSparse() {
    return sparseX != null;
  }

  /**
   * Dense rows produced on demand, or null when the features are held as a matrix ({@link #x()})
   * or sparse ({@link #sparseX()}).
   */
  public DenseRowSource rowSource() {
    return rowSource;
  }

  /** Sparse feature matrix, or null when the features are dense ({@link #x()}). */
  public SparseRows sparseX() {
    return sparseX;
  }

  /** Target matrix, row-major. */
  public double[] y() {
    return y;
  }

  /** Row weights. */
  public double[] weights() {
    return weights;
  }

  /** Class index per row, or null for regression. */
  public int[] labels() {
    return labels;
  }

  /**
   * About the bytes this data set takes when serialized with a trainer kept to resume: the
   * features (dense values, sparse non-zeros with their columns, or rows produced on demand from
   * the caller's data, counted as dense values), the targets, weights and labels.
   *
   * @return bytes, approximately
   */
  public long approximateBytes() {
    long features = x != null ? 8L * x.length
        : sparseX != null ? 12L * sparseX.nonZeros() + 4L * (rows + 1)
        : 8L * rows * this.features;
    return features + 8L * y.length + 8L * weights.length + (labels == null ? 0 : 4L * rows);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Features per row. */
  public int features() {
    return features;
  }

  /** Targets per row. */
  public int targets() {
    return targets;
  }
}
