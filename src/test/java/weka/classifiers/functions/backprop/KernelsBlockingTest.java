package weka.classifiers.functions.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Kernels#multiplyTransposed} on sizes that cross the packed path's block boundaries
 * ({@link Kernels#NC} columns, {@link Kernels#KC} inner steps, {@link Kernels#MC} rows, and the
 * four-row and two-step remainders), compared bit for bit with the naive loop that defines its
 * contract: one accumulator per element, summed in index order, base added last.
 */
class KernelsBlockingTest {

  private static double[] random(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextInt(7) == 0 ? 0 : rnd.nextGaussian() * Math.exp(3 * rnd.nextGaussian());
    }
    return a;
  }

  /** rows n, inner k, columns m, row range [from, to). */
  @ParameterizedTest(name = "n={0} k={1} m={2} rows [{3},{4})")
  @CsvSource({
      "131, 263, 259, 0, 131", "131, 263, 259, 3, 130", "260, 129, 130, 1, 258",
      "6, 257, 8, 0, 6", "35, 1, 300, 0, 35", "9, 128, 128, 2, 9", "1, 300, 9, 0, 1"
  })
  void matchesTheNaiveLoopExactly(int n, int k, int m, int from, int to) {
    Random rnd = new Random(17L * n + 5L * k + m + from);
    int xOff = 3;
    int yOff = 1;
    int cOff = 2;
    double[] x = random(rnd, xOff + n * k);
    double[] y = random(rnd, yOff + m * k);
    double[] bias = random(rnd, 4 + m);
    for (int mode = 0; mode < 3; mode++) { // 0: no bias, 1: bias, 2: accumulate
      double[] c = random(rnd, cOff + n * m);
      double[] c0 = c.clone();
      Kernels.multiplyTransposed(x, xOff, y, yOff, c, cOff, from, to, m, k,
          mode == 1 ? bias : null, 4, mode == 2);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          int ci = cOff + i * m + j;
          if (i < from || i >= to) {
            assertEquals(c0[ci], c[ci], 0.0, "row " + i + " outside the range was written");
            continue;
          }
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += x[xOff + i * k + p] * y[yOff + j * k + p];
          }
          double base = mode == 2 ? c0[ci] : mode == 1 ? bias[4 + j] : 0;
          assertEquals(base + s, c[ci], 0.0, "mode " + mode + " C[" + i + "][" + j + "]");
        }
      }
    }
  }

  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"133, 200, 140", "32, 784, 64", "64, 32, 784"})
  void rowGroupingDoesNotChangeTheBits(int n, int k, int m) {
    Random rnd = new Random(n + 31L * k + m);
    double[] x = random(rnd, n * k);
    double[] y = random(rnd, m * k);
    double[] together = new double[n * m];
    Kernels.multiplyTransposed(x, 0, y, 0, together, 0, 0, n, m, k, null, 0, false);
    double[] pieces = new double[n * m];
    int[] cuts = {0, 1, 5, n / 2, n - 3, n};
    for (int c = 0; c + 1 < cuts.length; c++) {
      Kernels.multiplyTransposed(x, 0, y, 0, pieces, 0, cuts[c], cuts[c + 1], m, k, null, 0,
          false);
    }
    for (int i = 0; i < together.length; i++) {
      assertEquals(Double.doubleToRawLongBits(together[i]), Double.doubleToRawLongBits(pieces[i]),
          "element " + i);
    }
  }
}
