package weka.classifiers.functions.backprop.train;

/**
 * Dense feature rows produced on demand rather than held in one matrix: the {@link Trainer} asks
 * for the rows of each mini-batch as it draws them and the source writes them into the
 * trainer's own input buffer. A caller whose data already lives elsewhere (Weka's {@code
 * Instances}) thus trains without a second, encoded copy of the whole data set, which for
 * 60,000 × 784 images would be 376 MB.
 *
 * <p>A source must return, for the same row, the same values on every call (the model is then
 * bit-identical to one trained on the eager copy), and must allow concurrent calls from several
 * threads with different buffers: λ₂ candidates train side by side on one data set. It is
 * Serializable: a trainer kept to resume training is saved with its model.
 */
public interface DenseRowSource extends java.io.Serializable {

  /** @return the number of rows */
  int rows();

  /** @return the number of features per row */
  int columns();

  /**
   * Writes rows {@code rows[from .. from + count)} into {@code out}, the k-th of them at {@code
   * out[k · columns() ..]}, without allocating.
   *
   * @param rows row indices (of this source)
   * @param from first position in {@code rows}
   * @param count how many rows to write
   * @param out destination, at least {@code count · columns()} values
   */
  default void fill(int[] rows, int from, int count, double[] out) {
    fill(rows, from, count, out, 0);
  }

  /**
   * As {@link #fill(int[], int, int, double[])}, the k-th row at {@code out[(outRow + k) ·
   * columns() ..]}: threads fill disjoint parts of one mini-batch (the trainer splits the
   * encoding of each batch over its pool this way), so concurrent calls writing different rows
   * of one buffer must be safe too.
   *
   * @param rows row indices (of this source)
   * @param from first position in {@code rows}
   * @param count how many rows to write
   * @param out destination, at least {@code (outRow + count) · columns()} values
   * @param outRow row of {@code out} that receives the first row
   */
  void fill(int[] rows, int from, int count, double[] out, int outRow);
}
