package weka.classifiers.functions.backprop.kernel;

/**
 * Copies a row-major matrix into another array transposed: the layout changes of a layer's
 * weights ({@code Network.transposedWeights} for prediction, {@code
 * FirstLayerLayout.toInputMajorLayout} for a training epoch on sparse rows). A pure data move, so
 * no value changes.
 */
public final class Transpose {

  /**
   * Rows of the source read together: each pass down the source's columns then writes eight
   * consecutive values of one destination row, a whole cache line, while the eight source rows
   * stream in order (a column at a time over all rows would write a new line of a 10 MB
   * destination for every value of a 64 × 20,000 layer).
   */
  private static final int ROWS_PER_PASS = 8;

  private Transpose() {}

  /**
   * {@code dst[dstOff + c·rows + r] = src[srcOff + r·cols + c]} for {@code r < rows},
   * {@code c < cols}. The two ranges must not overlap.
   *
   * @param src the matrix, row-major
   * @param srcOff offset of its element (0, 0)
   * @param rows its rows
   * @param cols its columns
   * @param dst receives the transposed matrix, row-major ({@code cols × rows})
   * @param dstOff offset of the transpose's element (0, 0)
   */
  public static void copy(double[] src, int srcOff, int rows, int cols, double[] dst,
      int dstOff) {
    for (int r0 = 0; r0 < rows; r0 += ROWS_PER_PASS) {
      int r1 = Math.min(rows, r0 + ROWS_PER_PASS);
      for (int c = 0; c < cols; c++) {
        int d = dstOff + c * rows;
        for (int r = r0, s = srcOff + r0 * cols + c; r < r1; r++, s += cols) {
          dst[d + r] = src[s];
        }
      }
    }
  }

  /**
   * Transposes the row-major {@code rows × cols} matrix at {@code a[off ..]} in place, through
   * {@code scratch}: afterwards it is the {@code cols × rows} transpose, row-major.
   *
   * @param a the array holding the matrix
   * @param off offset of its element (0, 0)
   * @param rows its rows
   * @param cols its columns
   * @param scratch at least {@code rows · cols} values to copy through (their contents are lost)
   */
  public static void inPlace(double[] a, int off, int rows, int cols, double[] scratch) {
    System.arraycopy(a, off, scratch, 0, rows * cols);
    copy(scratch, 0, rows, cols, a, off);
  }
}
