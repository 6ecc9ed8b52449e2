package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseColumns}: the present columns in increasing order, each with its rows in row
 * order and their values, for a range of a batch's rows; rebuilt for another range, with no
 * trace of the first.
 */
class SparseColumnsTest {

  @Test
  void listsEachPresentColumnsRowsInOrder() {
    // rows: 0 {1: 1, 4: 2}, 1 {}, 2 {0: 3, 4: 4}, 3 {1: 5}, 4 {4: 6}
    SparseRows batch = SparseRows.wrap(6, 5, new int[] {0, 2, 2, 4, 5, 6},
        new int[] {1, 4, 0, 4, 1, 4}, new double[] {1, 2, 3, 4, 5, 6});
    SparseColumns view = new SparseColumns(6, 6);

    view.build(batch, 0, 5);

    assertEquals(3, view.present());
    assertArrayEquals(new int[] {0, 1, 4}, Arrays.copyOf(view.columns(), 3));
    assertArrayEquals(new int[] {0, 1, 3, 6}, Arrays.copyOf(view.starts(), 4));
    assertArrayEquals(new int[] {2, 0, 3, 0, 2, 4}, Arrays.copyOf(view.rows(), 6));
    assertArrayEquals(new double[] {3, 1, 5, 2, 4, 6}, Arrays.copyOf(view.values(), 6), 0.0);

    view.build(batch, 3, 5); // rows 3 and 4 only: the first build's counts are gone

    assertEquals(2, view.present());
    assertArrayEquals(new int[] {1, 4}, Arrays.copyOf(view.columns(), 2));
    assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(view.starts(), 3));
    assertArrayEquals(new int[] {3, 4}, Arrays.copyOf(view.rows(), 2));
    assertArrayEquals(new double[] {5, 6}, Arrays.copyOf(view.values(), 2), 0.0);

    view.build(batch, 1, 2); // an empty row

    assertEquals(0, view.present());
    assertEquals(0, view.starts()[0]);
  }
}
