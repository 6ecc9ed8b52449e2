package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The products of {@link Kernels} against naive loops on random matrices of odd sizes and
 * sizes that cross the packed path's block boundaries, with offsets, a row sub-range, bias and
 * accumulate modes. The kernel's contract is that each element is one accumulator summed in
 * index order with {@link MultiplyAdd#madd}, so the comparison is exact, and computing rows one
 * at a time gives the very same bits as computing them together (what makes multithreaded
 * training reproducible).
 */
class KernelsTest {

  static double[] random(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      // zeros and magnitudes over many orders, so rounding differences would show
      a[i] = rnd.nextInt(7) == 0 ? 0 : rnd.nextGaussian() * Math.exp(3 * rnd.nextGaussian());
    }
    return a;
  }

  /** rows n, inner k, columns m, row range [from, to). */
  @ParameterizedTest(name = "n={0} k={1} m={2} rows [{3},{4})")
  @CsvSource({
      "7, 5, 3, 0, 7", "7, 5, 3, 2, 5", "9, 11, 13, 1, 8", "9, 11, 13, 3, 4", "1, 1, 1, 0, 1",
      "5, 1, 7, 0, 5", "6, 7, 1, 1, 6", "13, 3, 2, 4, 13", "8, 4, 6, 0, 8",
      // sizes crossing the packed path's blocks (NC columns, KC inner steps, MC rows) and the
      // four-row and two-step remainders
      "131, 263, 259, 0, 131", "131, 263, 259, 3, 130", "260, 129, 130, 1, 258",
      "6, 257, 8, 0, 6", "35, 1, 300, 0, 35", "9, 128, 128, 2, 9", "1, 300, 9, 0, 1",
      // narrow products computed transposed (16-127 columns, rows >= 1.5x columns), with the
      // product's 128-column blocks crossed and odd inner sizes
      "100, 50, 64, 0, 100", "200, 37, 127, 3, 197", "32, 130, 16, 0, 32", "40, 9, 17, 1, 39",
      "300, 131, 20, 5, 290",
      // output layers of a few classes computed transposed (3-15 columns, 16 rows or more),
      // with the four-row remainders of their few rows of Cᵀ and odd inner sizes
      "32, 64, 7, 0, 32", "100, 64, 10, 0, 100", "40, 33, 3, 5, 37", "17, 19, 15, 0, 17",
      // fewer rows than the packed path takes (dot products, eight columns at a time, and the
      // remainder one by one): a single instance's prediction and a short last batch
      "1, 784, 64, 0, 1", "3, 392, 70, 0, 3", "5, 33, 19, 2, 4",
      // at least twice as many columns as rows over 64 or more inner steps, which the Vector
      // API route computes turned round (PackedProduct.wideFasterTransposed): a mini-batch's
      // first layer, a row range, and sizes crossing that route's 32-column slivers
      "32, 784, 64, 0, 32", "13, 65, 40, 2, 11", "8, 129, 300, 0, 8"
  })
  void productMatchesNaiveLoopExactly(int n, int k, int m, int from, int to) {
    Random rnd = new Random(31L * n + 7L * k + m + from);
    int xOff = 2;
    int yOff = 3;
    int cOff = 1;
    double[] x = random(rnd, xOff + n * k);
    double[] y = random(rnd, yOff + m * k + m); // Y followed by m biases
    int biasOff = yOff + m * k;
    for (int mode = 0; mode < 3; mode++) { // 0: no bias, 1: bias, 2: accumulate
      double[] c = random(rnd, cOff + n * m);
      double[] c0 = c.clone();
      Kernels.multiplyTransposed(x, xOff, y, yOff, c, cOff, from, to, m, k,
          mode == 1 ? y : null, biasOff, mode == 2);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          int ci = cOff + i * m + j;
          if (i < from || i >= to) {
            assertEquals(c0[ci], c[ci], 0.0, "row " + i + " outside the range was written");
            continue;
          }
          double s = 0;
          for (int p = 0; p < k; p++) {
            s = MultiplyAdd.madd(x[xOff + i * k + p], y[yOff + j * k + p], s);
          }
          double base = mode == 2 ? c0[ci] : mode == 1 ? y[biasOff + j] : 0;
          assertEquals(base + s, c[ci], 0.0, "mode " + mode + " C[" + i + "][" + j + "]");
        }
      }
    }
  }

  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"9, 33, 7", "16, 64, 10", "5, 3, 5", "133, 200, 140", "32, 784, 64", "64, 32, 784"})
  void resultDoesNotDependOnRowGrouping(int n, int k, int m) {
    Random rnd = new Random(n * 1000 + k);
    double[] x = random(rnd, n * k);
    double[] y = random(rnd, m * k);
    double[] together = new double[n * m];
    Kernels.multiplyTransposed(x, 0, y, 0, together, 0, 0, n, m, k, null, 0, false);
    double[] oneByOne = new double[n * m];
    for (int i = 0; i < n; i++) {
      Kernels.multiplyTransposed(x, 0, y, 0, oneByOne, 0, i, i + 1, m, k, null, 0, false);
    }
    double[] oddSplit = new double[n * m];
    Kernels.multiplyTransposed(x, 0, y, 0, oddSplit, 0, 0, 1, m, k, null, 0, false);
    Kernels.multiplyTransposed(x, 0, y, 0, oddSplit, 0, 1, n, m, k, null, 0, false);
    assertArrayEquals(together, oneByOne, 0.0);
    assertArrayEquals(together, oddSplit, 0.0);
  }

  /**
   * The narrow shapes that go transposed, and the boundaries around them; the very narrow ones
   * (under 16 columns) only on a route that runs narrow products faster so (the pure-Java one).
   */
  @ParameterizedTest(name = "rows {0}, cols {1}: {2}")
  @CsvSource({"24, 16, true", "23, 16, false", "96, 64, true", "95, 64, false", "100, 15, true",
      "191, 127, true", "500, 128, false", "32, 10, true", "16, 3, true", "15, 7, false",
      "100, 2, false", "32, 1, false"})
  void transposedPathIsChosenForNarrowTallProducts(int rows, int cols, boolean expected) {
    boolean route = cols >= 16 || Kernels.packed().narrowFasterTransposed();
    assertEquals(expected && route, Kernels.transposedPays(rows, cols));
  }

  /**
   * A prediction pass holding W both ways takes the plain product of Wᵀ unless the product is
   * narrow and tall enough to go transposed on a path that runs those faster so (the pure-Java
   * one); under 8 columns it never can.
   */
  @ParameterizedTest(name = "rows {0}, cols {1}: narrow {2}")
  @CsvSource({"256, 64, true", "100, 64, true", "32, 64, false", "256, 200, false",
      "256, 10, true", "256, 7, true", "4, 7, true"})
  void plainProductOfTransposedWeightsGivesWayToTheTransposedRoute(int rows, int cols,
      boolean narrowOrUnder8) {
    boolean transposed = narrowOrUnder8 && (cols < 8 || Kernels.packed().narrowFasterTransposed());
    assertEquals(!transposed, Kernels.plainWithBiasPays(rows, cols));
  }

  /**
   * {@code multiplyPlainWithBias} (W held transposed) gives the bits of {@code multiplyTransposed}
   * with W as stored, on a column block of a wider C; fewer than 8 columns are refused.
   */
  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"100, 784, 64", "7, 9, 8", "130, 131, 140", "33, 5, 10"})
  void plainProductWithBiasEqualsTheTransposedOne(int n, int k, int m) {
    Random rnd = new Random(3L * n + k + m);
    double[] x = random(rnd, n * k);
    double[] w = random(rnd, m * k + m); // W (m × k) then m biases
    double[] wt = new double[k * m];
    for (int j = 0; j < m; j++) {
      for (int p = 0; p < k; p++) {
        wt[p * m + j] = w[j * k + p];
      }
    }
    int ldc = m + 3;
    double[] expected = random(rnd, n * ldc);
    double[] actual = expected.clone();
    Kernels.multiplyTransposed(x, 0, w, 0, expected, 2, 1, n, m, k, w, m * k, false, ldc);
    Kernels.multiplyPlainWithBias(x, 0, wt, 0, m, actual, 2, 1, n, m, k, w, m * k, ldc);
    assertArrayEquals(expected, actual, 0.0);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> Kernels.multiplyPlainWithBias(x, 0, wt, 0, m, actual, 0, 0, n, 7, k, w, 0, ldc));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("7"), e.getMessage());
  }

  /**
   * The strided products over a slice {@code [p0, p0 + len)} of a wider inner dimension (how the
   * first layer's two input halves are summed) against naive loops: exact, for the dot-product
   * path (fewer than 8 columns), the transposed route and the packed one, with bias, without,
   * and accumulating; and the plain product of W held transposed gives the same bits.
   */
  @ParameterizedTest(name = "n={0} k={1} m={2} slice [{3}, {3}+{4})")
  @CsvSource({"32, 784, 64, 392, 392", "32, 784, 64, 0, 392", "7, 300, 5, 150, 150",
      "100, 61, 40, 8, 30", "9, 270, 130, 135, 135", "3, 20, 9, 1, 18"})
  void innerSliceMatchesNaiveLoopExactly(int n, int k, int m, int p0, int len) {
    Random rnd = new Random(17L * n + 5L * k + m + p0);
    double[] x = random(rnd, 1 + n * k);
    double[] w = random(rnd, 2 + m * k + m); // W (m × k) then m biases
    int biasOff = 2 + m * k;
    double[] wt = new double[k * m];
    for (int j = 0; j < m; j++) {
      for (int p = 0; p < k; p++) {
        wt[p * m + j] = w[2 + j * k + p];
      }
    }
    int ldc = m + 1;
    for (int mode = 0; mode < 3; mode++) { // 0: no bias, 1: bias, 2: accumulate
      double[] c0 = random(rnd, n * ldc);
      double[] c = c0.clone();
      double[] bias = mode == 1 ? w : null;
      Kernels.multiplyTransposedStrided(x, 1 + p0, k, w, 2 + p0, k, c, 0, ldc, 0, n, m, len,
          bias, biasOff, mode == 2);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = p0; p < p0 + len; p++) {
            s = MultiplyAdd.madd(x[1 + i * k + p], w[2 + j * k + p], s);
          }
          double base = mode == 2 ? c0[i * ldc + j] : mode == 1 ? w[biasOff + j] : 0;
          assertEquals(base + s, c[i * ldc + j], 0.0, "mode " + mode + " C[" + i + "][" + j + "]");
        }
      }
      if (Kernels.plainWithBiasTakes(m)) {
        double[] plain = c0.clone();
        Kernels.multiplyPlainStrided(x, 1 + p0, k, wt, p0 * m, m, plain, 0, ldc, 0, n, m, len,
            bias, biasOff, mode == 2);
        assertArrayEquals(c, plain, 0.0, "plain product, mode " + mode);
      }
    }
  }

  /**
   * Splitting a product by columns (C's row stride wider than the columns computed), as threads
   * do for small batches, gives the bits of the whole product, whichever path each part takes.
   */
  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"32, 784, 64", "100, 50, 64", "40, 33, 48"})
  void columnSplitGivesTheWholeProductsBits(int n, int k, int m) {
    Random rnd = new Random(7L * n + k);
    double[] x = random(rnd, n * k);
    double[] y = random(rnd, m * k + m);
    int biasOff = m * k;
    double[] whole = new double[n * m];
    Kernels.multiplyTransposed(x, 0, y, 0, whole, 0, 0, n, m, k, y, biasOff, false);
    double[] parts = new double[n * m];
    int[] cuts = {0, 16, m / 2 + 3, m};
    for (int q = 0; q + 1 < cuts.length; q++) {
      int j0 = cuts[q];
      Kernels.multiplyTransposed(x, 0, y, j0 * k, parts, j0, 0, n, cuts[q + 1] - j0, k, y,
          biasOff + j0, false, m);
    }
    assertArrayEquals(whole, parts, 0.0);
  }

  /**
   * The products that read their operands as stored: {@code Δ·W} ({@link Kernels#multiplyPlain})
   * and {@code G += Δᵀ·A} ({@link Kernels#addTransposedProduct}), with row strides wider than
   * the used columns, offsets and a row sub-range, against the naive loop in the documented
   * order (exact: zero products the second one skips cannot change a sum).
   */
  @ParameterizedTest(name = "n={0} k={1} m={2} rows [{3},{4})")
  @CsvSource({
      "7, 5, 3, 0, 7", "9, 11, 13, 3, 4", "1, 1, 1, 0, 1", "6, 7, 1, 1, 6", "8, 4, 6, 0, 8",
      "131, 263, 259, 3, 130", "260, 129, 130, 1, 258", "6, 257, 8, 0, 6", "35, 1, 300, 0, 35",
      "9, 128, 128, 2, 9", "1, 300, 9, 0, 1", "64, 8, 4, 0, 64", "3, 8, 64, 0, 3",
      // narrow gradients turned round: 12 inputs under 48 units, a row sub-range, 100 columns
      "48, 8, 12, 0, 48", "48, 7, 12, 5, 41", "200, 9, 100, 0, 200", "30, 3, 19, 2, 30",
      // one inner step (Δ·W from a single output unit): an outer product
      "8, 1, 24, 0, 8", "48, 1, 24, 3, 40"
  })
  void untransposedProductsMatchNaiveLoopsExactly(int n, int k, int m, int from, int to) {
    // on the route in use and on the pure-Java one, which turns narrow gradients round
    PackedProduct saved = Kernels.packed();
    try {
      untransposedProductsMatchNaiveLoopsExactly(n, k, m, from, to, saved);
      Kernels.use(new ScalarPackedProduct());
      untransposedProductsMatchNaiveLoopsExactly(n, k, m, from, to, Kernels.packed());
    } finally {
      Kernels.use(saved);
    }
  }

  private static void untransposedProductsMatchNaiveLoopsExactly(int n, int k, int m, int from,
      int to, PackedProduct route) {
    Random rnd = new Random(17L * n + 5L * k + m + to);
    int ldc = m + 3; // every operand row has extra columns the products must not touch
    // multiplyPlain: C (n × m) = X (n × k) · Y (k × m, stride ldc)
    double[] x = random(rnd, 2 + n * k);
    double[] y = random(rnd, 1 + k * ldc);
    double[] c = random(rnd, 4 + n * ldc);
    double[] c0 = c.clone();
    Kernels.multiplyPlain(x, 2, y, 1, ldc, c, 4, from, to, m, k, ldc);
    assertProduct(c0, c, 4, ldc, n, m, from, to, false,
        (i, p) -> x[2 + i * k + p], (j, p) -> y[1 + p * ldc + j], k, "plain");
    // addTransposedProduct: C (n × m) += Xᵀ·Y, X (k × n, stride n + 3)
    double[] xt = random(rnd, 5 + k * (n + 3));
    double[] d = random(rnd, 4 + n * ldc);
    double[] d0 = d.clone();
    Kernels.addTransposedProduct(xt, 5, n + 3, y, 1, ldc, d, 4, ldc, from, to, m, k, true);
    assertProduct(d0, d, 4, ldc, n, m, from, to, true,
        (i, p) -> xt[5 + p * (n + 3) + i], (j, p) -> y[1 + p * ldc + j], k,
        "transposed, " + route.description());
    // and without accumulating: C (n × m) = Xᵀ·Y, the old values never read
    double[] e = random(rnd, 4 + n * ldc);
    double[] e0 = e.clone();
    Kernels.addTransposedProduct(xt, 5, n + 3, y, 1, ldc, e, 4, ldc, from, to, m, k, false);
    assertProduct(e0, e, 4, ldc, n, m, from, to, false,
        (i, p) -> xt[5 + p * (n + 3) + i], (j, p) -> y[1 + p * ldc + j], k,
        "transposed, stored, " + route.description());
  }

  /** Element {@code (i, p)} of the left operand or {@code (j, p)} of the right one. */
  @FunctionalInterface
  private interface Operand {
    double at(int row, int p);
  }

  /**
   * Checks rows {@code [from, to)} and columns {@code [0, m)} of C against the naive sum of
   * {@code left(i, p)·right(j, p)} over {@code p < k} from 0 in order ({@link MultiplyAdd#madd}),
   * plus the old value when accumulating, and that every other element of the {@code n × ldc}
   * matrix is unchanged.
   */
  private static void assertProduct(double[] before, double[] after, int off, int ldc, int n,
      int m, int from, int to, boolean accumulate, Operand left, Operand right, int k,
      String what) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ldc; j++) {
        int ci = off + i * ldc + j;
        if (i < from || i >= to || j >= m) {
          assertEquals(before[ci], after[ci], 0.0, what + ": element outside the product written");
          continue;
        }
        double s = 0;
        for (int p = 0; p < k; p++) {
          s = MultiplyAdd.madd(left.at(i, p), right.at(j, p), s);
        }
        assertEquals((accumulate ? before[ci] : 0.0) + s, after[ci], 0.0,
            what + " C[" + i + "][" + j + "]");
      }
    }
  }

  @ParameterizedTest(name = "length {0}")
  @CsvSource({"1", "7", "8", "10", "101"})
  void squaredNormOfASubRange(int n) {
    double[] a = random(new Random(n), n + 1);
    // the documented order: element 1 + 8q + r into accumulator r (tail into 0), each square
    // added by the JVM's multiply-add, then ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    double[] s = new double[8];
    int full = n / 8 * 8;
    for (int i = 0; i < n; i++) {
      int r = i < full ? i % 8 : 0;
      s[r] = MultiplyAdd.madd(a[1 + i], a[1 + i], s[r]);
    }
    double expected = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    assertEquals(expected, Kernels.squaredNorm(a, 1, n + 1), 0.0);
  }

  /**
   * The bias gradient's column sums: bit for bit each column's plain sum from +0 in row order,
   * stored or added to C's old value, for column ranges around the eight-column passes and row
   * ranges that skip rows at both ends; C outside the range stays untouched.
   */
  @ParameterizedTest(name = "{0} x {1}, rows [{2},{3}), columns [{4},{5}), accumulate {6}")
  @CsvSource({
      "8, 24, 0, 8, 0, 24, false", "8, 1, 0, 8, 0, 1, false", "8, 3, 0, 8, 0, 3, true",
      "32, 64, 0, 32, 0, 64, true", "9, 17, 2, 7, 3, 16, false", "5, 10, 1, 5, 0, 9, true",
      "1, 8, 0, 1, 0, 8, false", "4, 30, 2, 2, 5, 29, false"})
  void columnSumsAreEachColumnsPlainSum(int rows, int cols, int rowFrom, int rowTo, int from,
      int to, boolean accumulate) {
    Random rnd = new Random(rows * 31 + cols);
    double[] x = random(rnd, rows * cols);
    double[] c = random(rnd, cols + 5);
    double[] expected = c.clone();
    for (int j = from; j < to; j++) {
      double s = 0;
      for (int i = rowFrom; i < rowTo; i++) {
        s += x[i * cols + j];
      }
      expected[2 + j] = accumulate ? c[2 + j] + s : s;
    }
    Kernels.addColumnSums(x, cols, rowFrom, rowTo, from, to, c, 2, accumulate);
    for (int k = 0; k < c.length; k++) {
      assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(c[k]),
          "element " + k);
    }
  }
}
