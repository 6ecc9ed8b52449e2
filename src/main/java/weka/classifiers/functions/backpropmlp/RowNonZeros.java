package weka.classifiers.functions.backpropmlp;

import weka.core.Instance;

/**
 * Reusable arrays for one encoded row's non-zeros on the sparse route, grown to the longest row
 * met so far, so that encoding a streamed row allocates nothing once they are large enough.
 */
final class RowNonZeros {

  /** Column indices of the last encoded row's non-zeros, increasing. */
  int[] cols = new int[64];
  /** Their values. */
  double[] vals = new double[64];

  /**
   * Encodes a row's non-zeros into {@link #cols} and {@link #vals} from index 0, growing them
   * first if the row could need more room.
   *
   * @param rows the sparse encoder
   * @param inst the row
   * @return the number of non-zeros written
   */
  int encode(SparseRowEncoder rows, Instance inst) {
    int need = rows.maxNonZeros(inst);
    if (need > cols.length) {
      cols = new int[Math.max(need, 2 * cols.length)];
      vals = new double[cols.length];
    }
    return rows.encode(inst, cols, vals, 0);
  }
}
