package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;

/**
 * Count, mean, variance, minimum and maximum of a stream of values, updated in O(1) without
 * allocation (Welford 1962) and mergeable across partitions (Chan, Golub &amp; LeVeque 1979):
 * what a streaming or distributed learner needs to normalize inputs without a first pass over
 * the data.
 *
 * <p>Values up to ±{@link Double#MAX_VALUE} do not overflow: the mean and the sum of squared
 * deviations are kept in units of {@code 2^exponent}, and once a value exceeds that unit by more
 * than {@code 2^}{@value #HEADROOM} the unit grows to the value's binary exponent (the summaries
 * so far rescaled with it). Scaling by a power of two is exact, so values that never come near
 * the threshold, nearly all data, give the same bits as the plain update; a squared deviation
 * then stays below {@code 2^(2·HEADROOM+2)}, and a sum of 2^60 of them finite. A stream whose
 * first non-zero value is tiny (below {@code 2^-}{@value #HEADROOM}) takes that value's exponent
 * as its unit, so that its squared deviations do not underflow to 0: a column of values near
 * 1e-170 had counted as constant (its spread 0) and taught row-by-row training nothing, where a
 * batch build learnt it. The batch encoder's {@link ColumnStats} reaches the same by dividing by
 * the largest magnitude.
 */
public final class RunningStats implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Binary orders of magnitude a value may exceed the unit by before the unit grows. */
  static final int HEADROOM = 448;

  private double count;
  /** Mean, in units of {@code 2^exponent}. */
  private double mean;
  /** Σ (v − mean)², in units of {@code 2^(2·exponent)}. */
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  /** The unit's binary exponent; 0 (the unit 1) in summaries saved before it existed. */
  private int exponent;

  /**
   * Adds one finite value.
   *
   * @param v the value
   */
  public void add(double v) {
    int e = Math.getExponent(v);
    if (e - exponent > HEADROOM || v != 0 && mean == 0 && m2 == 0 && exponent - e > HEADROOM) {
      rescaleTo(e); // up for a huge value; down for a tiny one while every value so far is 0
    }
    double x = exponent == 0 ? v : Math.scalb(v, -exponent); // nearly always the former
    count++;
    double d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  /** Expresses the summaries in units of {@code 2^e}. */
  private void rescaleTo(int e) {
    int shift = exponent - e;
    mean = Math.scalb(mean, shift);
    m2 = Math.scalb(m2, 2 * shift);
    exponent = e;
  }

  /**
   * Merges another summary into this one, as if its values had been added here.
   *
   * @param o the other summary
   */
  public void merge(RunningStats o) {
    if (o.count == 0) {
      return;
    }
    if (o.exponent > exponent) {
      rescaleTo(o.exponent);
    }
    int shift = o.exponent - exponent;
    double oMean = Math.scalb(o.mean, shift);
    double oM2 = Math.scalb(o.m2, 2 * shift);
    double n = count + o.count;
    double d = oMean - mean;
    mean += d * o.count / n;
    m2 += oM2 + d * d * count * o.count / n;
    count = n;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
  }

  /** Number of values. */
  public double count() {
    return count;
  }

  /** Mean, 0 before the first value. */
  public double mean() {
    return exponent == 0 ? mean : Math.scalb(mean, exponent);
  }

  /** Sample standard deviation, 0 below two values. */
  public double std() {
    if (count <= 1) {
      return 0;
    }
    double std = Math.sqrt(m2 / (count - 1));
    return exponent == 0 ? std : Math.scalb(std, exponent);
  }

  /** Smallest value (+∞ before the first). */
  public double min() {
    return min;
  }

  /** Largest value (−∞ before the first). */
  public double max() {
    return max;
  }

  /**
   * The largest magnitude of the values seen, computed from the running minimum and maximum.
   *
   * @return the largest absolute value seen, 0 before any (as {@link ColumnStats} has it)
   */
  public double maxAbs() {
    return count == 0 ? 0 : Math.max(Math.abs(min), Math.abs(max));
  }

  /** An independent copy. */
  public RunningStats copy() {
    RunningStats c = new RunningStats();
    c.merge(this);
    return c;
  }
}
