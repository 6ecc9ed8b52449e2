package weka.classifiers.functions.backprop.train;

/**
 * The statistics by which {@link PenaltySelection} compares its candidates: weighted means of
 * per-row holdout errors and the standard error of a paired difference between two candidates
 * (all share the holdout rows, so the difference's own spread is what decides, not each
 * candidate's). A class of its own because it is plain arithmetic on arrays, tested by hand,
 * while the selection is about training runs and threads.
 */
final class PairedErrors {

  private PairedErrors() {}

  /** Weighted mean of {@code a}; 0 without weight. */
  static double weightedMean(double[] a, double[] w) {
    return meanDifference(a, null, w);
  }

  /**
   * Weighted mean of {@code a − b} ({@code b} null: of {@code a}), {@code Σ w·d / Σw}; 0 without
   * weight. The weights count as {@code w · 2^−e} with the largest in [1, 2) ({@link
   * WeightScale}): the same bits for ordinary weights, and no overflow of Σw for huge ones.
   */
  static double meanDifference(double[] a, double[] b, double[] w) {
    return meanDifference(a, b, w, WeightScale.exponentOfLargest(w, null));
  }

  /** {@link #meanDifference(double[], double[], double[])} with the weights' exponent given. */
  private static double meanDifference(double[] a, double[] b, double[] w, int shift) {
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < a.length; i++) {
      double wi = Math.scalb(w[i], -shift);
      sum += wi * (b == null ? a[i] : a[i] - b[i]);
      wsum += wi;
    }
    return wsum > 0 ? sum / wsum : 0;
  }

  /**
   * Standard error of the weighted mean of {@code a − b}: the weighted standard deviation over
   * the square root of Kish's effective sample size (Σw)²/Σw², i.e. {@code sqrt(Σ w·d² / Σw ·
   * Σw² / (Σw)²)}. The weights count as {@code w · 2^−e} with the largest in [1, 2) ({@link
   * WeightScale}), so that Σw² neither overflows (weights of 1e160) nor underflows (1e-170) to
   * a NaN that no candidate passes; every ratio here is the same bits as from the raw weights.
   */
  static double standardError(double[] a, double[] b, double[] w) {
    int shift = WeightScale.exponentOfLargest(w, null);
    double mean = meanDifference(a, b, w, shift);
    double wsum = 0;
    double w2sum = 0;
    double var = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i] - mean;
      double wi = Math.scalb(w[i], -shift);
      var += wi * d * d;
      wsum += wi;
      w2sum += wi * wi;
    }
    if (!(wsum > 0)) {
      return 0;
    }
    double effective = wsum * wsum / w2sum;
    return Math.sqrt(var / wsum / effective);
  }
}
