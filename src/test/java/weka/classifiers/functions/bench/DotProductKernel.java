package weka.classifiers.functions.bench;

import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.MultiplyAdd;

/**
 * The textbook matrix multiply the benchmark compares {@code Kernels} with. (The previous,
 * unpacked kernel is {@code Kernels.multiplyDot}, still the engine's path for narrow outputs.)
 */
final class DotProductKernel {

  private DotProductKernel() {}

  /**
   * The textbook i-k-j loop on {@code B = Yᵀ} ({@code inner × cols}, row-major): for each row
   * of X and each {@code p}, adds {@code X[i][p]·B[p][·]} to row i of C. Same summation order as
   * {@code Kernels} and its multiply-add ({@link MultiplyAdd#madd}), so the same bits.
   */
  static void naiveIkj(double[] x, double[] b, double[] c, int rows, int cols, int inner) {
    java.util.Arrays.fill(c, 0, rows * cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int ci = i * cols;
      for (int p = 0; p < inner; p++) {
        double a = x[i * inner + p];
        int bp = p * cols;
        for (int j = 0; j < cols; j++) {
          c[ci + j] = MultiplyAdd.madd(a, b[bp + j], c[ci + j]);
        }
      }
    }
  }
}
