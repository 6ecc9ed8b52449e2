package weka.classifiers.functions.backprop.train;

/**
 * Exact rescaling of instance weights by a power of two, so that their sums and squares stay
 * finite and normal whatever the weights' size.
 *
 * <p>Why: the weights only count relative to one another (the training loss divides by their
 * sum), but a sum or a square of the raw values leaves the range of a double for weights that
 * are all as large as 1e160 (Σw² overflows) or as small as 1e-170 (Σw² underflows) or
 * subnormal ({@code rows / Σw} overflows). Multiplying every weight by {@code 2^−e}, with e the
 * exponent of the largest ({@code max · 2^−e} in [1, 2)), brings the largest to [1, 2), so a
 * sum of n weights is at most 2n and a sum of squares is at least 1. A power of two changes
 * only the exponent of a normal number, so the products are exact, and every ratio the learner
 * takes ({@code w · n / Σw}, {@code Σ w·e / Σw}, {@code (Σw)² / Σw²}) is the same, bit for
 * bit, as with the raw weights wherever those did not overflow or underflow. Weights below
 * {@code 2^−1074} of the largest become 0, which is what they are beside it.
 */
public final class WeightScale {

  private WeightScale() {}

  /**
   * The exponent e for which {@code max · 2^−e} is in [1, 2), so that {@code Math.scalb(w, −e)}
   * brings a largest weight {@code max} to [1, 2); 0 when {@code max} is 0 or not a number.
   * Why not {@link Math#getExponent} alone: it answers −1023 for every subnormal number, so a
   * subnormal {@code max} is first multiplied by {@code 2^54} (exact) to make it normal.
   *
   * @param max the largest weight, finite and ≥ 0
   * @return the exponent
   */
  public static int exponent(double max) {
    if (!(max > 0)) {
      return 0;
    }
    return max >= Double.MIN_NORMAL
        ? Math.getExponent(max)
        : Math.getExponent(max * 0x1p54) - 54;
  }

  /**
   * The exponent ({@link #exponent}) of the largest of {@code w[rows[k]]}.
   *
   * @param w weights, finite and ≥ 0
   * @param rows the indices to look at, or null for all of {@code w}
   * @return the exponent, 0 when no weight is positive
   */
  public static int exponentOfLargest(double[] w, int[] rows) {
    double max = 0;
    int n = rows == null ? w.length : rows.length;
    for (int k = 0; k < n; k++) {
      double v = w[rows == null ? k : rows[k]];
      if (v > max) {
        max = v;
      }
    }
    return exponent(max);
  }

  /**
   * Rescales weights in place by {@code 2^−e} so that the largest is in [1, 2) (see the class
   * comment for why this is exact and changes no ratio).
   *
   * @param w weights, finite and ≥ 0; rescaled in place
   * @return the exponent e divided out (0: nothing changed)
   */
  public static int normalize(double[] w) {
    int e = exponentOfLargest(w, null);
    if (e != 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.scalb(w[i], -e);
      }
    }
    return e;
  }
}
