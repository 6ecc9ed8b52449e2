package weka.classifiers.functions.backprop.train;

/**
 * Encoded training data, independent of Weka: a dense row-major feature matrix, a target
 * matrix (one-hot rows for classification, standardized values for regression), one weight per
 * row and, for classification, the class index of each row (used to stratify the holdout).
 */
public final class Dataset {

  private final double[] x;
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
  public Dataset(double[] x, int features, double[] y, int targets, double[] weights, int[] labels) {
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
    this.y = y;
    this.weights = weights;
    this.labels = labels;
    this.features = features;
    this.targets = targets;
  }

  /** Feature matrix, row-major. */
  public double[] x() {
    return x;
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
