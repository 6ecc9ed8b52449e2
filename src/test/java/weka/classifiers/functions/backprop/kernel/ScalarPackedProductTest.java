package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure-Java path's row padding (its products are checked in {@link KernelsTest}). */
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
}
