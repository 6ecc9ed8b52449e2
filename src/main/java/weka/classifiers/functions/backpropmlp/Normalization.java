package weka.classifiers.functions.backpropmlp;

/**
 * How numeric input attributes are rescaled before they reach the network.
 *
 * <p>{@link #AUTO}, the default, standardizes on the dense route (exactly as {@link #STANDARDIZE})
 * and scales by the maximum absolute value on the sparse route ({@link SparseEncoding}), where any
 * centring would turn the zeros of every row into non-zeros; but numbers beside an identifier,
 * whose columns are few, are standardized there too ({@link
 * SparseEncoding#route(Normalization, weka.core.Instances, ColumnScan)}).
 */
public enum Normalization {
  /**
   * {@link #STANDARDIZE} for dense data; {@link #MAXABS} when the data take the sparse route
   * (see {@link SparseEncoding}), numbers beside an identifier standardized.
   */
  AUTO,
  /** Subtract the training mean, divide by the training standard deviation (z-scores). */
  STANDARDIZE,
  /** Map the training range [min, max] onto [0, 1]. */
  MINMAX,
  /**
   * Divide by the training maximum absolute value, without centring: values land in [−1, 1] and
   * zeros stay zero, so sparse rows stay sparse (scikit-learn's {@code MaxAbsScaler}).
   */
  MAXABS,
  /** Feed raw values (only sensible when attributes already share a small scale). */
  NONE;

  /**
   * Whether this mode maps a raw 0 to an encoded 0 for every column, which the sparse route
   * needs: AUTO (max-abs there), MAXABS and NONE; STANDARDIZE and MINMAX centre the values.
   *
   * @return whether the mode keeps zeros zero
   */
  public boolean keepsZeros() {
    return this == AUTO || this == MAXABS || this == NONE;
  }

  /**
   * The mode actually applied: AUTO resolved for the route, every other mode as it is.
   *
   * @param sparse whether the data take the sparse route
   * @return STANDARDIZE, MINMAX, MAXABS or NONE
   */
  public Normalization resolve(boolean sparse) {
    if (this != AUTO) {
      return this;
    }
    return sparse ? MAXABS : STANDARDIZE;
  }
}
