package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Transpose#copy} and {@link Transpose#inPlace}: every element at its transposed place,
 * with offsets on both sides and row counts below, at and across its eight-row passes; nothing
 * outside the destination range written.
 */
class TransposeTest {

  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"1, 1", "3, 17", "8, 8", "9, 5", "64, 300", "300, 64", "17, 1", "1, 17"})
  void everyElementLandsAtItsTransposedPlace(int rows, int cols) {
    Random rnd = new Random(rows * 31L + cols);
    int srcOff = 3;
    int dstOff = 5;
    double[] src = new double[srcOff + rows * cols + 2];
    for (int i = 0; i < src.length; i++) {
      src[i] = rnd.nextGaussian();
    }
    double[] dst = new double[dstOff + rows * cols + 4];
    java.util.Arrays.fill(dst, Double.NaN);

    Transpose.copy(src, srcOff, rows, cols, dst, dstOff);

    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        assertEquals(src[srcOff + r * cols + c], dst[dstOff + c * rows + r], 0.0,
            "element " + r + "," + c);
      }
    }
    for (int i = 0; i < dstOff; i++) {
      assertEquals(Double.NaN, dst[i], "before the destination");
    }
    for (int i = dstOff + rows * cols; i < dst.length; i++) {
      assertEquals(Double.NaN, dst[i], "after the destination");
    }
    // in place, through scratch: the same values where the matrix was, the rest untouched
    double[] a = src.clone();
    Transpose.inPlace(a, srcOff, rows, cols, new double[rows * cols]);
    for (int i = 0; i < rows * cols; i++) {
      assertEquals(dst[dstOff + i], a[srcOff + i], 0.0, "in place, element " + i);
    }
    for (int i = 0; i < srcOff; i++) {
      assertEquals(src[i], a[i], 0.0, "before the matrix");
    }
    for (int i = srcOff + rows * cols; i < a.length; i++) {
      assertEquals(src[i], a[i], 0.0, "after the matrix");
    }
  }
}
