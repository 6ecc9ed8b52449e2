package weka.classifiers.functions.backpropmlp;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Per-attribute statistics of a data set gathered in one pass over the values each instance
 * stores: for a {@link SparseInstance} only its non-zeros ({@code numValues()}, {@code index(i)},
 * {@code valueSparse(i)}), so a bag-of-words set with a few dozen words per document among tens of
 * thousands is scanned in time proportional to its non-zeros, not to rows × attributes.
 *
 * <p>Per attribute, over the rows of positive weight ({@link #counts}): how many rows hold a
 * non-zero present value, how many a missing one, the sum and the largest absolute value of the
 * present values (zeros contribute nothing to any of them), and for a nominal attribute how many
 * rows hold each value. Also counted
 * for the whole set: rows that are {@code SparseInstance}s and non-zero values stored outside the
 * class, which decide the sparse route ({@link SparseEncoding}).
 */
public final class ColumnScan {

  private final int rows;
  /** Rows whose values enter the per-attribute statistics: see {@link #counts}. */
  private int statRows;
  private final int[] nonZero;
  private final int[] missing;
  /** Σ v, or Σ v / maxAbs where {@link #scaledSum} (a raw sum that overflowed). */
  private final double[] sum;
  private final boolean[] scaledSum;
  private final double[] maxAbs;
  /** Smallest and largest present non-zero value ({@link #constantValue}). */
  private final double[] min;
  private final double[] max;
  private final int[][] valueCounts;
  private int sparseRows;
  private long nonZeros;

  private ColumnScan(Instances data) {
    int attrs = data.numAttributes();
    this.rows = data.numInstances();
    this.nonZero = new int[attrs];
    this.missing = new int[attrs];
    this.sum = new double[attrs];
    this.scaledSum = new boolean[attrs];
    this.maxAbs = new double[attrs];
    this.min = new double[attrs];
    this.max = new double[attrs];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    this.valueCounts = new int[attrs][];
    for (int a = 0; a < attrs; a++) {
      Attribute att = data.attribute(a);
      if (att.isNominal() && a != data.classIndex()) {
        valueCounts[a] = new int[att.numValues()];
      }
    }
  }

  /**
   * Scans {@code data} once.
   *
   * @param data the instances (class attribute set or not)
   * @return the statistics
   * @throws IllegalArgumentException if a non-class attribute holds an infinite value, naming it
   */
  public static ColumnScan of(Instances data) {
    ColumnScan s = new ColumnScan(data);
    int classIndex = data.classIndex();
    boolean allWeightless = allWeightless(data);
    for (int i = 0; i < s.rows; i++) {
      Instance inst = data.instance(i);
      if (inst instanceof SparseInstance) {
        s.sparseRows++;
      }
      boolean counted = counts(inst, allWeightless);
      s.statRows += counted ? 1 : 0;
      for (int p = 0, m = inst.numValues(); p < m; p++) {
        int a = inst.index(p);
        if (a == classIndex) {
          continue;
        }
        double v = inst.valueSparse(p);
        if (v == 0) {
          continue;
        }
        s.nonZeros++;
        if (Double.isInfinite(v)) {
          throw DataChecks.infiniteValue(data.attribute(a), v, "training instance " + (i + 1));
        }
        if (!counted) {
          continue;
        }
        if (Double.isNaN(v)) {
          s.missing[a]++;
          continue;
        }
        s.nonZero[a]++;
        s.sum[a] += v;
        s.maxAbs[a] = Math.max(s.maxAbs[a], Math.abs(v));
        s.min[a] = Math.min(s.min[a], v);
        s.max[a] = Math.max(s.max[a], v);
        if (s.valueCounts[a] != null) {
          int idx = (int) v;
          if (idx >= 0 && idx < s.valueCounts[a].length) {
            s.valueCounts[a][idx]++;
          }
        }
      }
    }
    s.rescaleOverflowedSums(data, allWeightless);
    for (int a = 0; a < s.valueCounts.length; a++) {
      if (s.valueCounts[a] != null) { // value 0 is the present value a sparse row leaves out
        s.valueCounts[a][0] += s.present(a) - s.nonZero[a];
      }
    }
    return s;
  }

  /**
   * Sums again, divided by the column's largest magnitude, the columns whose raw sum overflowed
   * (values near ±1.8e308), so that their mean stays finite, as {@link ColumnStats} keeps it on
   * the dense route: an infinite mean imputed missing values with infinity, and training
   * diverged on the sparse route where the dense one trained. Other columns keep their sums, so
   * ordinary data keep their bits; the second pass runs only for such extreme columns.
   */
  private void rescaleOverflowedSums(Instances data, boolean allWeightless) {
    boolean any = false;
    for (int a = 0; a < sum.length; a++) {
      if (!Double.isFinite(sum[a])) {
        scaledSum[a] = true;
        sum[a] = 0;
        any = true;
      }
    }
    int classIndex = data.classIndex();
    for (int i = 0; any && i < rows; i++) {
      Instance inst = data.instance(i);
      if (!counts(inst, allWeightless)) {
        continue;
      }
      for (int p = 0, m = inst.numValues(); p < m; p++) {
        int a = inst.index(p);
        double v = inst.valueSparse(p);
        if (a != classIndex && scaledSum[a] && !Double.isNaN(v)) {
          sum[a] += v / maxAbs[a];
        }
      }
    }
  }

  /**
   * Whether a training row's values enter the input statistics (means, scales, imputed values,
   * value frequencies, which columns get a missing-value indicator): a row of weight 0 is not
   * trained on, so it must not set them either (a zero-weight row holding 1e6 in one column
   * would shrink that column's every real value to almost nothing). Unweighted otherwise, as
   * Weka's {@code Standardize} and {@code Normalize} filters are, so ordinary data keep their
   * bits. If every weight is 0 all rows count; training refuses such data later anyway.
   *
   * @param inst a training row
   * @param allWeightless whether every row of its data set has weight 0 ({@link #allWeightless})
   * @return whether its values count
   */
  static boolean counts(Instance inst, boolean allWeightless) {
    return allWeightless || inst.weight() > 0;
  }

  /**
   * @param data training rows
   * @return whether none has a positive weight (an empty set included)
   */
  static boolean allWeightless(Instances data) {
    for (int i = 0, n = data.numInstances(); i < n; i++) {
      if (data.instance(i).weight() > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The number of rows scanned, of any weight.
   *
   * @return rows scanned
   */
  public int rows() {
    return rows;
  }

  /**
   * The number of rows that set the statistics ({@link #counts}: of positive weight, or all when
   * every weight is 0).
   *
   * @return rows counted
   */
  public int countedRows() {
    return statRows;
  }

  /**
   * The number of rows stored sparse, which with {@link #nonZeros()} decides the sparse route.
   *
   * @return rows that are {@code SparseInstance}s
   */
  public int sparseRows() {
    return sparseRows;
  }

  /**
   * The number of stored values outside the class, which with {@link #sparseRows()} decides the
   * sparse route.
   *
   * @return non-zero values (missing ones included) stored outside the class attribute
   */
  public long nonZeros() {
    return nonZeros;
  }

  /**
   * Counts the rows (of positive weight) that hold a value of attribute {@code a}.
   *
   * @param a attribute index
   * @return rows of positive weight where attribute {@code a} is present (not missing), zeros
   *     included
   */
  public int present(int a) {
    return statRows - missing[a];
  }

  /**
   * Counts the rows (of positive weight) where attribute {@code a} is missing.
   *
   * @param a attribute index
   * @return rows of positive weight where attribute {@code a} is missing
   */
  public int missing(int a) {
    return missing[a];
  }

  /**
   * Counts the rows (of positive weight) where attribute {@code a} is present and not 0, which
   * tells how sparse its column is.
   *
   * @param a attribute index
   * @return rows of positive weight where attribute {@code a} holds a present non-zero value
   */
  public int nonZero(int a) {
    return nonZero[a];
  }

  /**
   * The mean of attribute {@code a} over the rows that hold it; a sum that overflowed was kept
   * divided by {@link #maxAbs(int)}, and is scaled back here.
   *
   * @param a attribute index
   * @return mean of the present values, zeros included; 0 when none is present
   */
  public double mean(int a) {
    int n = present(a);
    return n == 0 ? 0 : scaledSum[a] ? sum[a] / n * maxAbs[a] : sum[a] / n;
  }

  /**
   * The one value attribute {@code a} held in every row of positive weight where present, if it
   * held only one: 0 when all present values are zero, else the common non-zero value; NaN when
   * its values differ or none is present. Exact, unlike a mean of equal values summed.
   *
   * @param a attribute index
   * @return the constant value, or NaN
   */
  public double constantValue(int a) {
    if (present(a) == 0) {
      return Double.NaN;
    }
    if (nonZero[a] == 0) {
      return 0;
    }
    return nonZero[a] == present(a) && min[a] == max[a] ? min[a] : Double.NaN;
  }

  /**
   * The largest magnitude attribute {@code a} takes in the rows of positive weight.
   *
   * @param a attribute index
   * @return largest absolute present value, 0 when none is non-zero
   */
  public double maxAbs(int a) {
    return maxAbs[a];
  }

  /**
   * Counts the rows of positive weight per value of a nominal attribute {@code a}.
   *
   * @param a a nominal attribute's index
   * @return rows holding each of its values (value 0 included), or null for other attributes
   */
  public int[] valueCounts(int a) {
    return valueCounts[a];
  }
}
