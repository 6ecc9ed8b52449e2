package weka.classifiers.functions.backpropmlp;

/**
 * Mean, standard deviation, minimum and maximum of a column, computed without overflow even for
 * values near ±1.8e308: values are divided by the largest magnitude before Welford's update
 * (Welford 1962), and the results scaled back.
 */
final class ColumnStats {

  final double mean;
  final double std;
  final double min;
  final double max;
  final int count;

  private ColumnStats(double mean, double std, double min, double max, int count) {
    this.mean = mean;
    this.std = std;
    this.min = min;
    this.max = max;
    this.count = count;
  }

  /**
   * Statistics of the non-missing (non-NaN) values among {@code values[0 .. n)}.
   *
   * @param values column values, NaN for missing; must be otherwise finite
   * @param n number of values
   * @return the statistics; mean 0, std 1 when no value is present
   */
  static ColumnStats of(double[] values, int n) {
    double maxAbs = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int count = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      count++;
      maxAbs = Math.max(maxAbs, Math.abs(v));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (count == 0) {
      return new ColumnStats(0, 1, 0, 0, 0);
    }
    if (maxAbs == 0) {
      return new ColumnStats(0, 0, 0, 0, count);
    }
    double mean = 0;
    double m2 = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      double s = v / maxAbs;
      k++;
      double d = s - mean;
      mean += d / k;
      m2 += d * (s - mean);
    }
    double std = k > 1 ? Math.sqrt(m2 / (k - 1)) : 0;
    return new ColumnStats(mean * maxAbs, std * maxAbs, min, max, count);
  }

  /**
   * A spread usable as a divisor: {@code v} if it is positive and finite; the largest magnitude
   * if {@code v} overflowed (values near ±1.8e308, whose standard deviation or range exceeds
   * the largest double: left unscaled, they had made every loss NaN); else 1 (a constant column
   * is left unscaled rather than divided by zero).
   *
   * @param v standard deviation or range
   * @param maxAbs the largest absolute value of the column
   * @return the divisor
   */
  static double divisor(double v, double maxAbs) {
    if (v > 0 && Double.isFinite(v)) {
      return v;
    }
    return v == Double.POSITIVE_INFINITY && maxAbs > 0 && Double.isFinite(maxAbs) ? maxAbs : 1;
  }

  /** @return the largest absolute value, 0 when no value is present */
  double maxAbs() {
    return count == 0 ? 0 : Math.max(Math.abs(min), Math.abs(max));
  }

  /** {@code max − min}, computed without overflow as far as possible. */
  double range() {
    double r = max - min;
    return Double.isFinite(r) ? r : 2 * (max / 2 - min / 2);
  }
}
