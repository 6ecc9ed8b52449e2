package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SparseRows}: the CSR form of a dense matrix and back, the checks on wrapped arrays, a
 * batch buffer's capacities, and the non-zero bound a batch buffer is sized by.
 */
class SparseRowsTest {

  private static final double[] DENSE = {
    0, 0, 0, 0, // empty row
    1, 0, -2, 0,
    3, 4, 5, 6, // full row
    0, 0, 0, 7
  };

  @Test
  void denseRoundTrip() {
    SparseRows m = SparseRows.fromDense(DENSE, 4, 4);
    assertEquals(4, m.rows());
    assertEquals(4, m.columns());
    assertEquals(7, m.nonZeros());
    assertEquals(0, m.rowLength(0));
    assertEquals(4, m.rowLength(2));
    assertArrayEquals(new int[] {0, 0, 2, 6, 7}, m.rowStart());
    assertArrayEquals(new int[] {0, 2, 0, 1, 2, 3, 3}, m.columnIndices());
    double[] back = new double[16];
    java.util.Arrays.fill(back, 9);
    for (int i = 0; i < 4; i++) {
      m.copyRowDense(i, back, i * 4);
    }
    assertArrayEquals(DENSE, back);
  }

  @Test
  void wrapChecksTheArrays() {
    SparseRows ok = SparseRows.wrap(4, 2, new int[] {0, 1, 3}, new int[] {3, 0, 2},
        new double[] {1, 2, 3});
    assertEquals(3, ok.nonZeros());
    assertThrows(IllegalArgumentException.class, () -> SparseRows.wrap(4, 1, new int[] {0, 2},
        new int[] {2, 1}, new double[] {1, 2})); // columns not increasing
    assertThrows(IllegalArgumentException.class, () -> SparseRows.wrap(4, 1, new int[] {0, 2},
        new int[] {1, 1}, new double[] {1, 2})); // repeated column
    assertThrows(IllegalArgumentException.class, () -> SparseRows.wrap(4, 1, new int[] {0, 1},
        new int[] {4}, new double[] {1})); // column out of range
    assertThrows(IllegalArgumentException.class, () -> SparseRows.wrap(4, 2, new int[] {0, 1, 0},
        new int[] {1}, new double[] {1})); // starts decrease
    assertThrows(IllegalArgumentException.class, () -> SparseRows.wrap(4, 1, new int[] {1, 1},
        new int[] {1}, new double[] {1})); // first start not 0
  }

  @Test
  void bufferAppendsRowsWithinItsCapacities() {
    SparseRows src = SparseRows.fromDense(DENSE, 4, 4);
    SparseRows buf = new SparseRows(4, 2, 5);
    buf.appendRow(src, 2);
    assertTrue(buf.fits(1));
    assertFalse(buf.fits(2));
    buf.appendRow(src, 0);
    assertFalse(buf.fits(0)); // no row left
    assertThrows(IllegalArgumentException.class, () -> buf.appendRow(src, 3));
    assertEquals(2, buf.rows());
    assertEquals(4, buf.nonZeros());
    buf.clear();
    buf.appendRow(src, 1);
    assertEquals(1, buf.rows());
    assertArrayEquals(new int[] {0, 2}, java.util.Arrays.copyOf(buf.columnIndices(), 2));
    assertArrayEquals(new double[] {1, -2}, java.util.Arrays.copyOf(buf.values(), 2));
    assertThrows(IllegalArgumentException.class,
        () -> new SparseRows(5, 1, 9).appendRow(src, 1)); // other width
  }

  @Test
  void maxNonZerosIsTheLongestRows() {
    SparseRows m = SparseRows.fromDense(DENSE, 4, 4);
    assertEquals(4, m.maxNonZeros(1));
    assertEquals(6, m.maxNonZeros(2));
    assertEquals(7, m.maxNonZeros(3));
    assertEquals(7, m.maxNonZeros(10));
  }
}
