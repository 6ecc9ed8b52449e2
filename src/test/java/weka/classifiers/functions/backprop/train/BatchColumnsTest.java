package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backprop.model.SparseRows;

/**
 * {@link BatchColumns} on a gradient that is zero outside a batch's columns, as the backward
 * pass of sparse rows leaves it: the squared norm of the whole first layer (to rounding, the
 * order of the sum differs), only the first {@code rows} rows' columns counted, and every entry
 * zero afterwards, the rest of the parameter vector untouched.
 */
class BatchColumnsTest {

  @Test
  void normAndClearingAtTheBatchColumnsAreTheWholeLayers() {
    int in = 50;
    int units = 7;
    int w0 = 3;
    double[] x = new double[4 * in];
    for (int c : new int[] {4, 17, 49}) {
      x[c] = 1;
    }
    x[in + 17] = 2;
    x[2 * in] = 5;
    x[3 * in + 30] = 1; // a fourth row, outside the batch of three
    SparseRows batch = SparseRows.fromDense(x, 4, in);
    Random r = new Random(7);
    double[] g = new double[w0 + units * in + 5];
    double expected = 0;
    for (int u = 0; u < units; u++) {
      for (int c : new int[] {0, 4, 17, 49}) {
        double v = r.nextGaussian();
        g[w0 + u * in + c] = v;
        expected += v * v;
      }
    }
    double[] rest = {1, 2, 3, 4, 5, 6, 7, 8};
    System.arraycopy(rest, 0, g, 0, w0);
    System.arraycopy(rest, w0, g, w0 + units * in, 5);
    BatchColumns columns = new BatchColumns(in, units, w0);
    columns.collect(batch, 3);
    assertEquals(expected, columns.normSq(g), 1e-12 * expected);
    columns.clear(g);
    double[] after = new double[g.length];
    System.arraycopy(rest, 0, after, 0, w0);
    System.arraycopy(rest, w0, after, w0 + units * in, 5);
    assertArrayEquals(after, g, 0.0);
  }
}
