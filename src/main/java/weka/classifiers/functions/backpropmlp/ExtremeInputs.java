package weka.classifiers.functions.backpropmlp;

/**
 * Bounds the encoded inputs of a row to predict at ±{@value #LIMIT}. Why: a value far outside
 * the training range, such as ±1.8e308 standardized by a spread under 1, encodes as ±∞; the
 * first layer then sums ∞·w and −∞·w′ into NaN, and the prediction was a uniform distribution
 * whatever the model had learnt. Bounded, the network extrapolates as it does at any large
 * value (a ReLU network's outputs grow linearly with a large input, so they keep their order):
 * iris's first attribute at ±1.8e308 now gets the class it gets at 1e12.
 *
 * <p>The bound changes nothing else: encoded training values are at most about √n standard
 * deviations (or 1 in magnitude, by range or largest magnitude), and for a bounded input to
 * overflow the layers together would have to multiply it by 10²⁰⁸.
 */
final class ExtremeInputs {

  /** The largest magnitude of an encoded input at prediction. */
  static final double LIMIT = 1e100;

  private ExtremeInputs() {}

  /**
   * Bounds {@code values[from .. to)} to [−{@link #LIMIT}, {@link #LIMIT}] in place.
   *
   * @param values encoded inputs (finite or ±∞; never NaN, missing values being imputed)
   * @param from first index
   * @param to end index, exclusive
   */
  static void bound(double[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      values[i] = Math.max(-LIMIT, Math.min(LIMIT, values[i]));
    }
  }
}
