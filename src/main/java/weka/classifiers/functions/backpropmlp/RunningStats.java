package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;

/**
 * Count, mean, variance, minimum and maximum of a stream of values, updated in O(1) without
 * allocation (Welford 1962) and mergeable across partitions (Chan, Golub &amp; LeVeque 1979):
 * what a streaming or distributed learner needs to normalize inputs without a first pass over
 * the data.
 */
public final class RunningStats implements Serializable {

  private static final long serialVersionUID = 1L;

  private double count;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * Adds one finite value.
   *
   * @param v the value
   */
  public void add(double v) {
    count++;
    double d = v - mean;
    mean += d / count;
    m2 += d * (v - mean);
    min = Math.min(min, v);
    max = Math.max(max, v);
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
    double n = count + o.count;
    double d = o.mean - mean;
    mean += d * o.count / n;
    m2 += o.m2 + d * d * count * o.count / n;
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
    return mean;
  }

  /** Sample standard deviation, 0 below two values. */
  public double std() {
    return count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
  }

  /** Smallest value (+∞ before the first). */
  public double min() {
    return min;
  }

  /** Largest value (−∞ before the first). */
  public double max() {
    return max;
  }

  /** An independent copy. */
  public RunningStats copy() {
    RunningStats c = new RunningStats();
    c.merge(this);
    return c;
  }
}
