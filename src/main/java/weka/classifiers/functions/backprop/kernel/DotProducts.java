package weka.classifiers.functions.backprop.kernel;

import static weka.classifiers.functions.backprop.kernel.MultiplyAdd.madd;

/**
 * The unpacked path of {@link Kernels}' products, for outputs too narrow to pack: plain dot
 * products along the rows of X and Y, several independent sums in flight so that the latency of
 * the multiply-add chains does not show. Each element is summed in {@link Kernels}' order (from 0,
 * {@code p = 0, 1, …}, each term with {@link MultiplyAdd#madd}, the base added last), so this path
 * gives the blocked path's bits.
 */
final class DotProducts {

  private DotProducts() {}

  /**
   * {@link Kernels#multiplyDot} with row strides {@code ldx} and {@code ldy} of X and Y.
   *
   * @param x left matrix
   * @param xOff offset of X
   * @param ldx row stride of X
   * @param y right matrix ({@code cols × inner})
   * @param yOff offset of Y
   * @param ldy row stride of Y
   * @param c result
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param bias biases, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   * @param ldc row stride of C
   */
  static void multiply(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, double[] bias,
      int biasOff, boolean accumulate, int ldc) {
    int i = rowFrom;
    // Four rows at a time: a dot product is a chain of dependent additions, so the more
    // independent chains in flight, the less their latency shows (one output column, as for
    // a numeric class, left a single chain per element: a tenth of a small network's step).
    for (; i + 3 < rowTo; i += 4) {
      fourRows(x, xOff + i * ldx, ldx, y, yOff, ldy, c, cOff + i * ldc, cols, inner, bias,
          biasOff, accumulate, ldc);
    }
    // the last rows (at most three): eight columns per pass, eight independent sums
    for (; i < rowTo; i++) {
      oneRow(x, xOff + i * ldx, y, yOff, ldy, c, cOff + i * ldc, cols, inner, bias, biasOff,
          accumulate);
    }
  }

  /**
   * Four consecutive rows of C from X's rows at {@code x0}, {@code ldx} apart: two columns at a
   * time (eight sums in flight), then the odd column. A method of its own, as is {@link
   * #oneRow}: this path serves products of a few rows (a batch's last rows, a narrow output
   * layer), which run too rarely for the compiler to be quick about them, and the loops of
   * one large method were each compiled anew (on-stack replacement) with all the others inlined,
   * 0.14 s of compiler time the first time a data set's size left a small last batch
   * (bench/README.md, "The compiler's work in dna's timed run").
   */
  private static void fourRows(double[] x, int x0, int ldx, double[] y, int yOff, int ldy,
      double[] c, int c0, int cols, int inner, double[] bias, int biasOff, boolean accumulate,
      int ldc) {
    int x1 = x0 + ldx;
    int x2 = x1 + ldx;
    int x3 = x2 + ldx;
    int j = 0;
    for (; j + 1 < cols; j += 2) {
      int y0 = yOff + j * ldy;
      int y1 = y0 + ldy;
      double s00 = 0;
      double s01 = 0;
      double s10 = 0;
      double s11 = 0;
      double s20 = 0;
      double s21 = 0;
      double s30 = 0;
      double s31 = 0;
      for (int p = 0; p < inner; p++) {
        double b0 = y[y0 + p];
        double b1 = y[y1 + p];
        double a0 = x[x0 + p];
        double a1 = x[x1 + p];
        double a2 = x[x2 + p];
        double a3 = x[x3 + p];
        s00 = madd(a0, b0, s00);
        s01 = madd(a0, b1, s01);
        s10 = madd(a1, b0, s10);
        s11 = madd(a1, b1, s11);
        s20 = madd(a2, b0, s20);
        s21 = madd(a2, b1, s21);
        s30 = madd(a3, b0, s30);
        s31 = madd(a3, b1, s31);
      }
      store(c, c0 + j, ldc, bias, biasOff + j, 0, accumulate, s00, s10, s20, s30);
      store(c, c0 + j + 1, ldc, bias, biasOff + j + 1, 0, accumulate, s01, s11, s21, s31);
    }
    for (; j < cols; j++) {
      int y0 = yOff + j * ldy;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int p = 0; p < inner; p++) {
        double b = y[y0 + p];
        s0 = madd(x[x0 + p], b, s0);
        s1 = madd(x[x1 + p], b, s1);
        s2 = madd(x[x2 + p], b, s2);
        s3 = madd(x[x3 + p], b, s3);
      }
      store(c, c0 + j, ldc, bias, biasOff + j, 0, accumulate, s0, s1, s2, s3);
    }
  }

  /** One row of C from X's row at {@code x0}: eight columns per pass, then one at a time. */
  private static void oneRow(double[] x, int x0, double[] y, int yOff, int ldy, double[] c,
      int c0, int cols, int inner, double[] bias, int biasOff, boolean accumulate) {
    int j = 0;
    for (; j + 7 < cols; j += 8) {
      dots8(x, x0, y, yOff + j * ldy, ldy, inner, c, c0 + j, bias, biasOff + j, accumulate);
    }
    for (; j < cols; j++) {
      c[c0 + j] =
          base(c, c0 + j, bias, biasOff + j, accumulate) + dot(x, x0, y, yOff + j * ldy, inner);
    }
  }

  /**
   * Elements {@code c[ci .. ci + 8)} of one row: eight dot products of X's row at {@code x0}
   * with eight consecutive rows of Y ({@code ldy} apart) at once, each summed by its own
   * accumulator in order of p, the base added last (the bits of {@link #dot}); eight chains of
   * dependent additions in flight instead of one, which hides the multiply-add's latency.
   */
  private static void dots8(double[] x, int x0, double[] y, int y0, int ldy, int inner,
      double[] c, int ci, double[] bias, int bi, boolean accumulate) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    for (int p = 0, yp = y0; p < inner; p++, yp++) {
      double a = x[x0 + p];
      s0 = madd(a, y[yp], s0);
      s1 = madd(a, y[yp + ldy], s1);
      s2 = madd(a, y[yp + 2 * ldy], s2);
      s3 = madd(a, y[yp + 3 * ldy], s3);
      s4 = madd(a, y[yp + 4 * ldy], s4);
      s5 = madd(a, y[yp + 5 * ldy], s5);
      s6 = madd(a, y[yp + 6 * ldy], s6);
      s7 = madd(a, y[yp + 7 * ldy], s7);
    }
    store(c, ci, 1, bias, bi, 1, accumulate, s0, s1, s2, s3);
    store(c, ci + 4, 1, bias, bi + 4, 1, accumulate, s4, s5, s6, s7);
  }

  /**
   * Four elements of C, {@code step} apart from {@code ci}, each its base (see {@link #base};
   * the bias {@code biasStep} apart from {@code bi}) plus its sum: one column of four
   * consecutive rows ({@code step} = ldc, {@code biasStep} = 0), or four consecutive columns of
   * one row (both 1).
   */
  private static void store(double[] c, int ci, int step, double[] bias, int bi, int biasStep,
      boolean accumulate, double s0, double s1, double s2, double s3) {
    c[ci] = base(c, ci, bias, bi, accumulate) + s0;
    c[ci + step] = base(c, ci + step, bias, bi + biasStep, accumulate) + s1;
    c[ci + 2 * step] = base(c, ci + 2 * step, bias, bi + 2 * biasStep, accumulate) + s2;
    c[ci + 3 * step] = base(c, ci + 3 * step, bias, bi + 3 * biasStep, accumulate) + s3;
  }

  private static double base(double[] c, int ci, double[] bias, int bi, boolean accumulate) {
    return accumulate ? c[ci] : bias == null ? 0 : bias[bi];
  }

  /** Dot product with one accumulator in index order (same rounding as the blocked path). */
  static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
    double s = 0;
    for (int p = 0; p < len; p++) {
      s = madd(x[xOff + p], y[yOff + p], s);
    }
    return s;
  }
}
