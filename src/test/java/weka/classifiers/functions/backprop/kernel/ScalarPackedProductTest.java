package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure-Java path's row padding, and its products on odd inner dimensions against a plain
 * sum, whichever route {@link Kernels} uses in this JVM (its other products are checked in
 * {@link KernelsTest} and against the Vector API route in {@link KernelRouteTest}).
 */
class ScalarPackedProductTest {

  /**
   * Rows padded so that a {@code double[]} object (16-byte header, then the values) is a whole
   * number of 64-byte lines: (16 + 8 · length) mod 64 = 0, the least such length from the values
   * up, by hand.
   */
  @ParameterizedTest(name = "{0} values -> {1}")
  @CsvSource({"6, 6", "7, 14", "1, 6", "128, 134", "134, 134", "135, 142", "256, 262"})
  void rowsArePaddedToWholeCacheLines(int values, int expected) {
    assertEquals(expected, ScalarPackedProduct.paddedRowLength(values));
    assertEquals(0, (ScalarPackedProduct.ARRAY_HEADER_BYTES + Double.BYTES * expected) % 64);
  }

  @Test
  void everyRowHoldsAColumnBlock() {
    assertTrue(ScalarPackedProduct.ROW_LENGTH >= ScalarPackedProduct.NC);
    assertEquals(ScalarPackedProduct.paddedRowLength(ScalarPackedProduct.NC),
        ScalarPackedProduct.ROW_LENGTH);
  }

  /**
   * An odd number of inner steps (within a block of {@link ScalarPackedProduct#KC} or after
   * whole blocks) is paired with a zero panel row; the bits must be those of one sum per element
   * from 0 in order of p, base added last. Rows 1, 4 and 7 cover the single-row and four-row
   * loops; Y both transposed and not.
   */
  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"1, 1, 9", "4, 3, 17", "7, 5, 8", "5, 129, 33", "7, 257, 300", "4, 2, 10"})
  void oddInnerStepsGiveAPlainSumsBits(int n, int k, int m) {
    Random rnd = new Random(31L * n + 7L * k + m);
    double[] x = KernelsTest.random(rnd, n * k);
    double[] y = KernelsTest.random(rnd, k * m);
    for (boolean yTransposed : new boolean[] {false, true}) {
      double[] c = new double[n * m];
      new ScalarPackedProduct().multiply(x, 0, k, 1, y, 0, yTransposed ? k : m, yTransposed, c,
          0, 0, n, m, k, null, 0, false, m, false);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s = MultiplyAdd.madd(x[i * k + p], yTransposed ? y[j * k + p] : y[p * m + j], s);
          }
          assertEquals(Double.doubleToRawLongBits(0.0 + s),
              Double.doubleToRawLongBits(c[i * m + j]),
              "Y transposed " + yTransposed + ", element (" + i + ", " + j + ")");
        }
      }
    }
  }
}
