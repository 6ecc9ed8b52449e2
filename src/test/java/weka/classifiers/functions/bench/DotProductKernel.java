package weka.classifiers.functions.bench;

/**
 * The matrix kernel {@code C = X·Yᵀ} as it was before the packed, vectorizable version in
 * {@code Kernels}: 2×2 output elements per pass, each a dot product along the rows of X and Y.
 * Kept here only so the benchmark can show the before/after figures on the same machine.
 */
final class DotProductKernel {

  private DotProductKernel() {}

  static void multiplyTransposed(double[] x, double[] y, double[] c, int rows, int cols,
      int inner) {
    int i = 0;
    for (; i + 1 < rows; i += 2) {
      int x0 = i * inner;
      int x1 = x0 + inner;
      int c0 = i * cols;
      int c1 = c0 + cols;
      int j = 0;
      for (; j + 1 < cols; j += 2) {
        int y0 = j * inner;
        int y1 = y0 + inner;
        double s00 = 0;
        double s01 = 0;
        double s10 = 0;
        double s11 = 0;
        for (int p = 0; p < inner; p++) {
          double a0 = x[x0 + p];
          double a1 = x[x1 + p];
          double b0 = y[y0 + p];
          double b1 = y[y1 + p];
          s00 += a0 * b0;
          s01 += a0 * b1;
          s10 += a1 * b0;
          s11 += a1 * b1;
        }
        c[c0 + j] = 0.0 + s00;
        c[c0 + j + 1] = 0.0 + s01;
        c[c1 + j] = 0.0 + s10;
        c[c1 + j + 1] = 0.0 + s11;
      }
      for (; j < cols; j++) {
        c[c0 + j] = 0.0 + dot(x, x0, y, j * inner, inner);
        c[c1 + j] = 0.0 + dot(x, x1, y, j * inner, inner);
      }
    }
    for (; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        c[i * cols + j] = 0.0 + dot(x, i * inner, y, j * inner, inner);
      }
    }
  }

  private static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
    double s = 0;
    for (int p = 0; p < len; p++) {
      s += x[xOff + p] * y[yOff + p];
    }
    return s;
  }

  /**
   * The textbook i-k-j loop on {@code B = Yᵀ} ({@code inner × cols}, row-major): for each row
   * of X and each {@code p}, adds {@code X[i][p]·B[p][·]} to row i of C. Same summation order as
   * the kernels above, so the same bits.
   */
  static void naiveIkj(double[] x, double[] b, double[] c, int rows, int cols, int inner) {
    java.util.Arrays.fill(c, 0, rows * cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int ci = i * cols;
      for (int p = 0; p < inner; p++) {
        double a = x[i * inner + p];
        int bp = p * cols;
        for (int j = 0; j < cols; j++) {
          c[ci + j] += a * b[bp + j];
        }
      }
    }
  }
}
