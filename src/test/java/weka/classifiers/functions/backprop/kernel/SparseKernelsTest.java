package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import weka.classifiers.functions.backprop.model.SparseColumns;
import weka.classifiers.functions.backprop.model.SparseRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SparseKernels} against the dense {@link Kernels} on the same matrices written densely:
 * random sparse inputs of densities 0.01 to 0.5 with an empty row and a row with every column
 * present, odd sizes and sizes crossing the dense kernel's blocks. The forward product is the
 * dense sum without its zero terms, so it must agree exactly (up to the sign of a zero); the
 * gradient too when G starts at 0, and to rounding (1e-12 relative) when it does not. Splitting
 * by units or rows must give the very same bits.
 */
class SparseKernelsTest {

  /** A dense {@code rows × cols} matrix of the given density, row 0 empty, row 1 full. */
  static double[] sparseDense(Random rnd, int rows, int cols, double density) {
    double[] x = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int p = 0; p < cols; p++) {
        boolean present = i == 1 || (i != 0 && rnd.nextDouble() < density);
        x[i * cols + p] = present ? rnd.nextGaussian() * Math.exp(2 * rnd.nextGaussian()) : 0;
      }
    }
    return x;
  }

  /** CSR arrays {rowStart, cols} and values of a dense matrix. */
  static Object[] csr(double[] x, int rows, int cols) {
    int[] start = new int[rows + 1];
    int nnz = 0;
    for (double v : x) {
      nnz += v != 0 ? 1 : 0;
    }
    int[] idx = new int[nnz];
    double[] vals = new double[nnz];
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int p = 0; p < cols; p++) {
        if (x[i * cols + p] != 0) {
          idx[k] = p;
          vals[k++] = x[i * cols + p];
        }
      }
      start[i + 1] = k;
    }
    return new Object[] {start, idx, vals};
  }

  static double[] gaussian(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextGaussian();
    }
    return a;
  }

  /** rows n, inputs in, units out, density. */
  @ParameterizedTest(name = "n={0} in={1} out={2} density {3}")
  @CsvSource({
      "7, 5, 3, 0.5", "9, 300, 13, 0.01", "40, 1000, 17, 0.01", "33, 257, 130, 0.05",
      "130, 129, 9, 0.2", "2, 7, 1, 0.3", "12, 64, 64, 0.5"
  })
  void forwardEqualsTheDenseProduct(int n, int in, int out, double density) {
    Random rnd = new Random(17L * n + in + 3L * out);
    double[] x = sparseDense(rnd, n, in, density);
    Object[] m = csr(x, n, in);
    int wOff = 5;
    double[] w = gaussian(rnd, wOff + out * in + out); // W then the biases
    int bOff = wOff + out * in;
    for (boolean withBias : new boolean[] {false, true}) {
      double[] bias = withBias ? w : null;
      double[] dense = new double[n * out];
      Kernels.multiplyTransposed(x, 0, w, wOff, dense, 0, 0, n, out, in, bias, bOff, false);
      double[] sparse = new double[n * out];
      SparseKernels.multiplyTransposed((int[]) m[0], (int[]) m[1], (double[]) m[2], w, wOff, in,
          sparse, 0, out, 0, n, out, bias, bOff);
      for (int e = 0; e < n * out; e++) {
        assertEquals(dense[e], sparse[e], 0.0, "element " + e + ", bias " + withBias);
      }
      // units split in three and rows one at a time: the same bits
      double[] split = new double[n * out];
      int[] cuts = {0, out / 3, 2 * out / 3, out};
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < n; i++) {
          SparseKernels.multiplyTransposed((int[]) m[0], (int[]) m[1], (double[]) m[2], w,
              wOff + cuts[c] * in, in, split, cuts[c], out, i, i + 1, cuts[c + 1] - cuts[c],
              bias, bOff + cuts[c]);
        }
      }
      assertArrayEquals(sparse, split, "split by units and rows");
      // the weights stored by input (a prediction pass's Wᵀ), whole and split by units: the
      // same bits
      double[] wt = new double[in * out];
      for (int j = 0; j < out; j++) {
        for (int p = 0; p < in; p++) {
          wt[p * out + j] = w[wOff + j * in + p];
        }
      }
      double[] byInput = new double[n * out];
      SparseKernels.multiplyByInput((int[]) m[0], (int[]) m[1], (double[]) m[2], wt, 0, out,
          byInput, 0, out, 0, n, out, bias, bOff);
      assertArrayEquals(sparse, byInput, "weights by input");
      double[] byInputSplit = new double[n * out];
      for (int c = 0; c < 3; c++) {
        SparseKernels.multiplyByInput((int[]) m[0], (int[]) m[1], (double[]) m[2], wt, cuts[c],
            out, byInputSplit, cuts[c], out, 0, n, cuts[c + 1] - cuts[c], bias, bOff + cuts[c]);
      }
      assertArrayEquals(sparse, byInputSplit, "weights by input, split by units");
    }
  }

  @ParameterizedTest(name = "n={0} in={1} out={2} density {3}")
  @CsvSource({
      "7, 5, 3, 0.5", "9, 300, 13, 0.01", "40, 1000, 17, 0.01", "33, 257, 130, 0.05",
      "130, 129, 9, 0.2", "2, 7, 1, 0.3", "12, 64, 64, 0.5", "5, 4, 6, 0.4"
  })
  void gradientEqualsTheDenseProduct(int n, int in, int out, double density) {
    Random rnd = new Random(29L * n + in + 5L * out);
    double[] x = sparseDense(rnd, n, in, density);
    Object[] m = csr(x, n, in);
    double[] d = gaussian(rnd, n * out);
    for (int e = 0; e < d.length; e += 3) {
      d[e] = 0; // inactive units, as a rectifier or dropout leaves them
    }
    int gOff = 4;
    for (boolean fromZero : new boolean[] {true, false}) {
      double[] g0 = fromZero ? new double[gOff + out * in] : gaussian(rnd, gOff + out * in);
      double[] dense = g0.clone();
      Kernels.addTransposedProduct(d, 0, out, x, 0, in, dense, gOff, in, 0, out, in, n, true);
      double[] sparse = g0.clone();
      SparseKernels.addTransposedProduct(d, 0, out, (int[]) m[0], (int[]) m[1], (double[]) m[2],
          0, n, sparse, gOff, in, 0, out);
      for (int e = 0; e < dense.length; e++) {
        if (fromZero) {
          assertEquals(dense[e], sparse[e], 0.0, "element " + e);
        } else {
          double tol = 1e-12 * Math.max(1, Math.abs(dense[e]));
          assertEquals(dense[e], sparse[e], tol, "element " + e);
        }
      }
      // units one at a time: the same bits
      double[] split = g0.clone();
      for (int j = out - 1; j >= 0; j--) {
        SparseKernels.addTransposedProduct(d, 0, out, (int[]) m[0], (int[]) m[1],
            (double[]) m[2], 0, n, split, gOff, in, j, j + 1);
      }
      assertArrayEquals(sparse, split, "split by units");
      if (fromZero) {
        // the gradient stored by input (a training epoch's layout) from the batch by columns,
        // whole and split by columns: the same bits as the unit-major kernel's, transposed
        SparseColumns byColumns = new SparseColumns(in, x.length);
        byColumns.build(SparseRows.wrap(in, n, (int[]) m[0], (int[]) m[1], (double[]) m[2]), 0,
            n);
        int present = byColumns.present();
        double[][] dRows = new double[n][];
        for (int i = 0; i < n; i++) {
          dRows[i] = Arrays.copyOfRange(d, i * out, (i + 1) * out);
        }
        double[] byInput = new double[gOff + in * out];
        SparseKernels.addTransposedProductByColumn(dRows, byColumns.columns(),
            byColumns.starts(), byColumns.rows(), byColumns.values(), 0, present, byInput, gOff,
            out, out);
        double[] byInputSplit = new double[gOff + in * out];
        int[] cuts = {0, present / 3, 2 * present / 3, present};
        for (int c = 2; c >= 0; c--) {
          SparseKernels.addTransposedProductByColumn(dRows, byColumns.columns(),
              byColumns.starts(), byColumns.rows(), byColumns.values(), cuts[c], cuts[c + 1],
              byInputSplit, gOff, out, out);
        }
        assertArrayEquals(byInput, byInputSplit, "by input, split by columns");
        for (int j = 0; j < out; j++) {
          for (int p = 0; p < in; p++) {
            assertEquals(Double.doubleToRawLongBits(sparse[gOff + j * in + p]),
                Double.doubleToRawLongBits(byInput[gOff + p * out + j]),
                "unit " + j + ", input " + p);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "rows [{0}, {1})")
  @CsvSource({"0, 0", "3, 3", "2, 6"})
  void rowRangesTouchOnlyTheirRowsAndColumns(int from, int to) {
    Random rnd = new Random(3);
    int n = 8;
    int in = 50;
    int out = 5;
    double[] x = sparseDense(rnd, n, in, 0.05);
    Object[] m = csr(x, n, in);
    double[] w = gaussian(rnd, out * in);
    double[] z = new double[n * out];
    java.util.Arrays.fill(z, Double.NaN);
    SparseKernels.multiplyTransposed((int[]) m[0], (int[]) m[1], (double[]) m[2], w, 0, in, z,
        0, out, from, to, out, null, 0);
    for (int e = 0; e < z.length; e++) {
      int i = e / out;
      assertEquals(i >= from && i < to, !Double.isNaN(z[e]), "element " + e);
    }
    double[] d = gaussian(rnd, n * out);
    double[] g = new double[out * in];
    SparseKernels.addTransposedProduct(d, 0, out, (int[]) m[0], (int[]) m[1], (double[]) m[2],
        from, to, g, 0, in, 0, out);
    for (int p = 0; p < in; p++) {
      boolean present = false;
      for (int i = from; i < to; i++) {
        present |= x[i * in + p] != 0;
      }
      for (int j = 0; j < out; j++) {
        assertTrue(present || g[j * in + p] == 0, "column " + p + " absent but written");
      }
    }
  }
}
