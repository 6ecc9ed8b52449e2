package weka.classifiers.functions.backpropmlp;

/**
 * Bounds the encoded inputs of rows to predict at ±{@value #LIMIT} where their outputs came out
 * non-finite. Why: a value far outside the training range, such as ±1.8e308 standardized by a
 * spread under 1, encodes as ±∞ (or overflows in the first layer); the first layer then sums
 * ∞·w and −∞·w′ into NaN, and the prediction was a uniform distribution whatever the model had
 * learnt. Bounded, the network extrapolates as it does at any large value (a ReLU network's
 * outputs grow linearly with a large input, so they keep their order): iris's first attribute
 * at ±1.8e308 now gets the class it gets at 1e12.
 *
 * <p>Only rows whose outputs are not all finite, the sign of such an input, are bounded, and
 * their block predicted again (each row's outputs depend on its own inputs alone, so the other
 * rows' come out as before: bounding the whole block had changed them, and a row's class had
 * depended on the rows predicted with it): checking the outputs costs a few comparisons a row,
 * where bounding every input had cost 4 % of a 784-input prediction. Nothing else changes: encoded
 * training values are at most about √n standard deviations (or 1 in magnitude, by range or
 * largest magnitude), and for a bounded input to overflow the layers together would have to
 * multiply it by 10²⁰⁸.
 */
final class ExtremeInputs {

  /** The largest magnitude of an encoded input at prediction. */
  static final double LIMIT = 1e100;

  private ExtremeInputs() {}

  /**
   * Runs {@code predict}, which writes {@code outputs[0 .. outputCount)} from {@code
   * inputs[0 .. inputCount)}; where an output is not finite, bounds the inputs and runs it again.
   *
   * @param predict the forward pass
   * @param outputs where it writes the outputs
   * @param outputCount outputs it writes
   * @param inputs the encoded inputs it reads
   * @param inputCount inputs it reads
   */
  static void predict(Runnable predict, double[] outputs, int outputCount, double[] inputs,
      int inputCount) {
    predict(predict, outputs, 1, outputCount, inputs, null, inputCount);
  }

  /**
   * {@link #predict(Runnable, double[], int, int, double[], int[], int)} of a dense block, row
   * {@code r}'s inputs at {@code [r·width, (r+1)·width)}.
   *
   * @param predict the forward pass of the block
   * @param outputs where it writes the outputs, {@code perRow} a row
   * @param rows the block's rows
   * @param perRow outputs a row
   * @param inputs the encoded inputs it reads
   * @param width inputs a row
   */
  static void predictDense(Runnable predict, double[] outputs, int rows, int perRow,
      double[] inputs, int width) {
    predict(predict, outputs, rows, perRow, inputs, null, width);
  }

  /**
   * Runs {@code predict} on a block of rows; where a row's outputs are not all finite, bounds
   * that row's inputs, and runs it again if any row was bounded.
   *
   * @param predict the forward pass of the block
   * @param outputs where it writes the outputs, {@code perRow} a row
   * @param rows the block's rows
   * @param perRow outputs a row
   * @param inputs the encoded inputs it reads
   * @param rowStart where each row's inputs start in {@code inputs}, and the end at {@code rows};
   *     null for rows of {@code width} inputs each
   * @param width inputs a row where {@code rowStart} is null
   */
  static void predict(Runnable predict, double[] outputs, int rows, int perRow, double[] inputs,
      int[] rowStart, int width) {
    predict.run();
    if (finite(outputs, 0, rows * perRow)) { // the common case, in one pass
      return;
    }
    boolean bounded = false;
    for (int r = 0; r < rows; r++) {
      if (!finite(outputs, r * perRow, (r + 1) * perRow)) {
        bound(inputs, rowStart == null ? r * width : rowStart[r],
            rowStart == null ? (r + 1) * width : rowStart[r + 1]);
        bounded = true;
      }
    }
    if (bounded) {
      predict.run();
    }
  }

  /**
   * @param values outputs of the network
   * @param from first index
   * @param to end index, exclusive
   * @return whether {@code values[from .. to)} are all finite
   */
  static boolean finite(double[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!(Math.abs(values[i]) <= Double.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }

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
