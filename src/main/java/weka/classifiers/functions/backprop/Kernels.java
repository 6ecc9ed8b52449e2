package weka.classifiers.functions.backprop;

/**
 * The dense linear algebra of backpropagation on flat row-major {@code double[]} matrices: one
 * matrix-multiply kernel and a transpose. Everything the training spends its time on passes
 * through {@link #multiplyTransposed}, so it is the one loop worth tuning.
 *
 * <p>With a mini-batch {@code A} ({@code n × in}), a layer's weights {@code W}
 * ({@code out × in}) and the batch's output gradients {@code Δ} ({@code n × out}),
 * backpropagation (Rumelhart, Hinton &amp; Williams 1986) needs three products, all of the form
 * {@code C = X·Yᵀ} once the right operand is transposed: the forward {@code Z = A·Wᵀ}, the
 * weight gradient {@code G = Δᵀ·A = (Δᵀ)·(Aᵀ)ᵀ} and the propagated gradient
 * {@code Δ_prev = Δ·W = Δ·(Wᵀ)ᵀ}. In {@code X·Yᵀ} both operands are read along contiguous
 * rows.
 *
 * <p>The kernel computes 2×2 output elements per pass over the inner dimension, so each loaded
 * value feeds two multiply-adds, and each element is summed by one accumulator in index order:
 * its value does not depend on which rows are processed together, which is what makes the
 * multithreaded training bit-for-bit equal to the single-threaded one.
 */
public final class Kernels {

  private Kernels() {}

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[j][p]} for rows {@code rowFrom ≤ i < rowTo} and
   * all {@code 0 ≤ j < cols}, where {@code base} is {@code C[i][j]} itself when
   * {@code accumulate}, else {@code bias[biasOff + j]} (or 0 without bias).
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}, used transposed
   * @param yOff offset of Y
   * @param c result ({@code rows × cols}) at {@code cOff}
   * @param cOff offset of C
   * @param rowFrom first row of X and C, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns of C (rows of Y)
   * @param inner inner dimension
   * @param bias biases added to every row, or null
   * @param biasOff offset of the biases
   * @param accumulate add to C instead of overwriting it
   */
  public static void multiplyTransposed(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate) {
    int i = rowFrom;
    for (; i + 1 < rowTo; i += 2) {
      int x0 = xOff + i * inner;
      int x1 = x0 + inner;
      int c0 = cOff + i * cols;
      int c1 = c0 + cols;
      int j = 0;
      for (; j + 1 < cols; j += 2) {
        int y0 = yOff + j * inner;
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
        c[c0 + j] = base(c, c0 + j, bias, biasOff + j, accumulate) + s00;
        c[c0 + j + 1] = base(c, c0 + j + 1, bias, biasOff + j + 1, accumulate) + s01;
        c[c1 + j] = base(c, c1 + j, bias, biasOff + j, accumulate) + s10;
        c[c1 + j + 1] = base(c, c1 + j + 1, bias, biasOff + j + 1, accumulate) + s11;
      }
      for (; j < cols; j++) {
        int y0 = yOff + j * inner;
        c[c0 + j] = base(c, c0 + j, bias, biasOff + j, accumulate) + dot(x, x0, y, y0, inner);
        c[c1 + j] = base(c, c1 + j, bias, biasOff + j, accumulate) + dot(x, x1, y, y0, inner);
      }
    }
    for (; i < rowTo; i++) {
      int x0 = xOff + i * inner;
      int c0 = cOff + i * cols;
      for (int j = 0; j < cols; j++) {
        c[c0 + j] =
            base(c, c0 + j, bias, biasOff + j, accumulate) + dot(x, x0, y, yOff + j * inner, inner);
      }
    }
  }

  private static double base(double[] c, int ci, double[] bias, int bi, boolean accumulate) {
    return accumulate ? c[ci] : bias == null ? 0 : bias[bi];
  }

  /** Dot product with one accumulator in index order (same rounding as the blocked path). */
  static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
    double s = 0;
    for (int p = 0; p < len; p++) {
      s += x[xOff + p] * y[yOff + p];
    }
    return s;
  }

  /**
   * Writes the transpose of rows {@code [rowFrom, rowTo)} of the {@code ? × cols} matrix at
   * {@code src[srcOff]} into {@code dst} as a {@code cols × (rowTo − rowFrom)} matrix.
   *
   * @param src source matrix, row-major
   * @param srcOff offset of the source matrix
   * @param cols columns of the source
   * @param rowFrom first source row, inclusive
   * @param rowTo last source row, exclusive
   * @param dst destination, row-major
   */
  public static void transpose(
      double[] src, int srcOff, int cols, int rowFrom, int rowTo, double[] dst) {
    int rows = rowTo - rowFrom;
    final int block = 32;
    for (int i0 = 0; i0 < rows; i0 += block) {
      int i1 = Math.min(rows, i0 + block);
      for (int j0 = 0; j0 < cols; j0 += block) {
        int j1 = Math.min(cols, j0 + block);
        for (int i = i0; i < i1; i++) {
          int s = srcOff + (rowFrom + i) * cols;
          for (int j = j0; j < j1; j++) {
            dst[j * rows + i] = src[s + j];
          }
        }
      }
    }
  }

  /** Squared Euclidean norm of {@code x[from .. to)}. */
  public static double squaredNorm(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i] * x[i];
    }
    return s;
  }
}
