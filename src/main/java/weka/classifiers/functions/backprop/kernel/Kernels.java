package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The dense linear algebra of backpropagation on flat row-major {@code double[]} matrices.
 * Everything the training spends its time on passes through these products, so they are the
 * loops worth tuning.
 *
 * <p>With a mini-batch {@code A} ({@code n × in}), a layer's weights {@code W}
 * ({@code out × in}) and the batch's output gradients {@code Δ} ({@code n × out}),
 * backpropagation (Rumelhart, Hinton &amp; Williams 1986) needs three products: the forward
 * {@code Z = A·Wᵀ} ({@link #multiplyTransposed}: both operands read along their rows), the
 * propagated gradient {@code Δ_prev = Δ·W} ({@link #multiplyPlain}: W as stored) and the weight
 * gradient {@code G += Δᵀ·A} ({@link #addTransposedProduct}: Δ and A as stored). None needs a
 * transposed copy of its operands: the packing step below reads them in whichever layout they
 * have, so no training step spends time transposing matrices.
 *
 * <p><b>Summation order.</b> Every element {@code C[i][j]} is summed by one accumulator that
 * starts at 0 and adds its products for {@code p = 0, 1, …, inner−1} in that order;
 * the base (bias, old value or 0) is added last. Its value therefore does not depend on which
 * rows or columns are processed together, which is what makes the multithreaded training
 * bit-for-bit equal to the single-threaded one, and every code path below gives the same bits.
 *
 * <p><b>Speed.</b> The order above forbids splitting the sum over {@code p}, so the SIMD lanes must
 * run across output columns {@code j}. The kernel copies a block of {@code Y} (transposed, if Y is
 * stored {@code cols × inner}) into a panel of {@link #KC} short rows of {@link #NC} values (one
 * array per {@code p}) and keeps the running sums of up to {@link #MC} rows of {@code C} in arrays
 * of {@code NC} values; the innermost loop then walks one panel row and four sum rows with the same
 * index, the loop shape HotSpot's C2 compiler turns into packed AVX/SSE multiplies and adds (C2 of
 * Java 17 does not vectorize a loop that stores into one array and reads another at a different
 * offset, as a plain {@code c[i + j] += a * b[k + j]} would). Each pass updates four rows of sums
 * with two values of {@code p}, so every sum loaded and stored feeds two multiply-adds and every
 * panel value four. This is the register- and cache-blocking of Goto &amp; van de Geijn (2008),
 * "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), restricted to what the JIT
 * can vectorize. The panels and sums come from a small pool of buffers shared by all threads (256
 * KB each, one per concurrent caller), so the kernel allocates nothing once the pool is filled.
 */
public final class Kernels {

  /** Columns of C per block: the length of the vectorized inner loop. */
  static final int NC = 128;
  /** Inner-dimension steps per packed panel. */
  static final int KC = 128;
  /** Rows of C whose running sums are kept per block. */
  static final int MC = 128;
  /** Below this many columns the packed path costs more than it saves. */
  private static final int MIN_PACKED_COLS = 8;
  /** Fewest columns for which a product may be computed transposed ({@link #transposedPays}). */
  static final int MIN_TRANSPOSED_COLS = 16;

  /** Reusable panel and sum buffers; a handful are kept, one per concurrent caller. */
  private static final AtomicReferenceArray<Buffers> POOL = new AtomicReferenceArray<>(16);

  private Kernels() {}

  /** One caller's packing buffers. */
  private static final class Buffers {
    final double[][] panel = new double[KC][NC];
    final double[][] sums = new double[MC][NC];
  }

  private static Buffers acquire() {
    for (int s = 0; s < POOL.length(); s++) {
      Buffers b = POOL.get(s);
      if (b != null && POOL.compareAndSet(s, b, null)) {
        return b;
      }
    }
    return new Buffers();
  }

  private static void release(Buffers b) {
    for (int s = 0; s < POOL.length(); s++) {
      if (POOL.get(s) == null && POOL.compareAndSet(s, null, b)) {
        return;
      }
    }
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[j][p]} for rows {@code rowFrom ≤ i < rowTo} and
   * all {@code 0 ≤ j < cols}, where {@code base} is {@code C[i][j]} itself when
   * {@code accumulate}, else {@code bias[biasOff + j]} (or 0 without bias). The sum is formed
   * in index order by one accumulator and the base added last (see the class comment).
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
    multiplyTransposed(x, xOff, y, yOff, c, cOff, rowFrom, rowTo, cols, inner, bias, biasOff,
        accumulate, cols);
  }

  /**
   * {@link #multiplyTransposed} into a block of a wider matrix: row {@code i} of C starts at
   * {@code cOff + i · ldc}. With {@code y}, {@code cOff} and {@code biasOff} advanced to column
   * {@code j0}, this computes columns {@code [j0, j0 + cols)} of a product, which lets threads
   * split a product by columns; every element gets the same bits as in a full call.
   *
   * @param x left matrix at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}
   * @param yOff offset of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C's first computed element of row 0
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param bias biases of these columns, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   * @param ldc row stride of C (≥ cols)
   */
  public static void multiplyTransposed(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate, int ldc) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    if (cols < MIN_PACKED_COLS) {
      multiplyDot(x, xOff, y, yOff, c, cOff, rowFrom, rowTo, cols, inner, bias, biasOff,
          accumulate, ldc);
      return;
    }
    int rows = rowTo - rowFrom;
    Buffers b = acquire();
    try {
      if (transposedPays(rows, cols)) {
        // Cᵀ = Y·Xᵀ: the vectorized loop then runs along C's (more numerous) rows
        multiplyPacked(b, y, yOff, inner, 1, x, xOff + rowFrom * inner, -1, c,
            cOff + rowFrom * ldc, 0, cols, rows, inner, bias, biasOff, accumulate, ldc, true);
      } else {
        multiplyPacked(b, x, xOff, inner, 1, y, yOff, -1, c, cOff, rowFrom, rowTo, cols, inner,
            bias, biasOff, accumulate, ldc, false);
      }
    } finally {
      release(b);
    }
  }

  /**
   * Whether {@link #multiplyTransposed} computes {@code Cᵀ = Y·Xᵀ} instead: for narrow products
   * ({@value #MIN_TRANSPOSED_COLS} to {@code NC − 1} columns) with at least 1.5 times as many
   * rows as columns, as a hidden layer of 16-127 units over a prediction block or a thread's
   * share of columns over a mini-batch. The vectorized loop then runs over up to {@link #NC}
   * rows of C instead of its few columns (fewer, longer passes for the same multiply-adds). The
   * bits are the same either way: each element is still one sum in order of p, base last.
   */
  static boolean transposedPays(int rows, int cols) {
    return cols >= MIN_TRANSPOSED_COLS && cols < NC && 2L * rows >= 3L * cols;
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[p][j]}: {@link #multiplyTransposed} with the right
   * operand stored untransposed ({@code inner × ?} rows of stride {@code ldy}), as a layer's
   * weights {@code W} ({@code out × in}) are for the propagated gradient {@code Δ·W}. The same
   * contract and bits as {@code multiplyTransposed} with {@code Yᵀ}; the packing copies rows
   * instead of transposing.
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix at {@code yOff}: element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param ldc row stride of C (≥ cols)
   */
  public static void multiplyPlain(double[] x, int xOff, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, int ldc) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    if (cols < MIN_PACKED_COLS) {
      plainSums(x, xOff, inner, 1, y, yOff, ldy, c, cOff, ldc, rowFrom, rowTo, cols, inner,
          false);
      return;
    }
    Buffers b = acquire();
    try {
      multiplyPacked(b, x, xOff, inner, 1, y, yOff, ldy, c, cOff, rowFrom, rowTo, cols, inner,
          null, 0, false, ldc, false);
    } finally {
      release(b);
    }
  }

  /**
   * {@code C[i][j] = bias[biasOff + j] + Σ_p X[i][p] · Y[p][j]}: {@link #multiplyPlain} with a
   * bias, for a forward product whose weights are held transposed ({@code in × out}, as a
   * prediction pass keeps them; see {@code Network.transposedWeights}). The packing then copies
   * rows instead of transposing a block of W for every block of rows; the bits are those of
   * {@link #multiplyTransposed} with W as stored. Needs {@code cols ≥ 8}, the packed path's
   * width (narrower products have to use {@code multiplyTransposed}).
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix at {@code yOff}: element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed (at least 8)
   * @param inner inner dimension
   * @param bias biases of these columns
   * @param biasOff offset of the first column's bias
   * @param ldc row stride of C (≥ cols)
   * @throws IllegalArgumentException if {@code cols} is below 8
   */
  public static void multiplyPlainWithBias(double[] x, int xOff, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, double[] bias,
      int biasOff, int ldc) {
    if (cols < MIN_PACKED_COLS) {
      throw new IllegalArgumentException("multiplyPlainWithBias needs at least "
          + MIN_PACKED_COLS + " columns, got " + cols);
    }
    if (rowTo <= rowFrom) {
      return;
    }
    Buffers b = acquire();
    try {
      multiplyPacked(b, x, xOff, inner, 1, y, yOff, ldy, c, cOff, rowFrom, rowTo, cols, inner,
          bias, biasOff, false, ldc, false);
    } finally {
      release(b);
    }
  }

  /** Whether {@link #multiplyPlainWithBias} takes a product of {@code cols} columns. */
  public static boolean plainWithBiasTakes(int cols) {
    return cols >= MIN_PACKED_COLS;
  }

  /**
   * {@code C[i][j] += Σ_p X[p][i] · Y[p][j]} for {@code rowFrom ≤ i < rowTo}, {@code j < cols}:
   * the weight gradient {@code G += Δᵀ·A} straight from the batch's deltas {@code Δ}
   * ({@code inner × ?}, row stride {@code ldx}) and activations {@code A} (row stride
   * {@code ldy}), without transposing either. Each element is summed by one accumulator from 0
   * in the order {@code p = 0, 1, …} and then added to C, as in {@link #multiplyTransposed}
   * (so the bits equal {@code multiplyTransposed(Δᵀ, Aᵀ)} with {@code accumulate}).
   *
   * @param x left operand, element {@code (p, i)} at {@code xOff + p·ldx + i}
   * @param xOff offset of X
   * @param ldx row stride of X
   * @param y right operand, element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y
   * @param ldy row stride of Y
   * @param c result, element {@code (i, j)} at {@code cOff + i·ldc + j}
   * @param cOff offset of C
   * @param ldc row stride of C
   * @param rowFrom first row of C, inclusive
   * @param rowTo last row of C, exclusive
   * @param cols columns of C
   * @param inner inner dimension (rows of X and Y)
   */
  public static void addTransposedProduct(double[] x, int xOff, int ldx, double[] y, int yOff,
      int ldy, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int cols, int inner) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    int rows = rowTo - rowFrom;
    if (cols < MIN_PACKED_COLS && rows < MIN_PACKED_COLS) {
      // too small on both sides for the packed path (fewer than eight units and inputs)
      plainSums(x, xOff, 1, ldx, y, yOff, ldy, c, cOff, ldc, rowFrom, rowTo, cols, inner, true);
      return;
    }
    Buffers b = acquire();
    try {
      if (cols < MIN_PACKED_COLS) {
        // C narrow but tall (a first layer with a few inputs): compute Cᵀ = Yᵀ·X, whose rows
        // are long enough for the vectorized loop, and add it to C transposed
        multiplyPacked(b, y, yOff, 1, ldy, x, xOff + rowFrom, ldx, c, cOff + rowFrom * ldc, 0,
            cols, rows, inner, null, 0, true, ldc, true);
      } else {
        multiplyPacked(b, x, xOff, 1, ldx, y, yOff, ldy, c, cOff, rowFrom, rowTo, cols, inner,
            null, 0, true, ldc, false);
      }
    } finally {
      release(b);
    }
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[p][j]} with one plain sum per element, for products
   * too narrow for the packed path: X's element {@code (i, p)} at {@code xOff + i·xi + p·xp}
   * (as in {@link #multiplyPacked}), Y's {@code (p, j)} at {@code yOff + p·ldy + j}; the base is
   * C's old value when {@code accumulate}, else 0.
   */
  private static void plainSums(double[] x, int xOff, int xi, int xp, double[] y, int yOff,
      int ldy, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int cols, int inner,
      boolean accumulate) {
    for (int i = rowFrom; i < rowTo; i++) {
      int c0 = cOff + i * ldc;
      for (int j = 0; j < cols; j++) {
        double s = 0;
        for (int p = 0, xa = xOff + i * xi, yb = yOff + j; p < inner; p++, xa += xp, yb += ldy) {
          s += x[xa] * y[yb];
        }
        c[c0 + j] = (accumulate ? c[c0 + j] : 0.0) + s;
      }
    }
  }

  /**
   * The blocked, vectorizable path of the three products: element {@code (i, p)} of X is at
   * {@code xOff + i·xi + p·xp} ({@code xi = inner, xp = 1} for a row-major X, {@code xi = 1,
   * xp = ldx} for the transposed deltas of {@link #addTransposedProduct}); Y is
   * {@code cols × inner} when {@code ldy < 0} ({@link #multiplyTransposed}), else
   * {@code inner × ?} with row stride {@code ldy}. With {@code transposeC} the product goes to C
   * transposed: element {@code (i, j)} to {@code c[cOff + j·ldc + i]}, its base being C's old
   * value when {@code accumulate}, else {@code bias[biasOff + i]} (or 0 without bias).
   */
  private static void multiplyPacked(
      Buffers buf, double[] x, int xOff, int xi, int xp, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, double[] bias,
      int biasOff, boolean accumulate, int ldc, boolean transposeC) {
    double[][] panel = buf.panel;
    double[][] sums = buf.sums;
    for (int j0 = 0; j0 < cols; j0 += NC) {
      int nc = Math.min(NC, cols - j0);
      for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
        int mc = Math.min(MC, rowTo - i0);
        for (int r = 0; r < mc; r++) {
          Arrays.fill(sums[r], 0, nc, 0.0);
        }
        for (int p0 = 0; p0 < inner; p0 += KC) {
          int kc = Math.min(KC, inner - p0);
          if (ldy < 0) {
            pack(y, yOff + j0 * inner + p0, inner, nc, kc, panel);
          } else {
            for (int p = 0; p < kc; p++) {
              System.arraycopy(y, yOff + (p0 + p) * ldy + j0, panel[p], 0, nc);
            }
          }
          int pairs = kc & ~1;
          int r = 0;
          for (; r + 3 < mc; r += 4) {
            int x0 = xOff + (i0 + r) * xi + p0 * xp;
            double[] s0 = sums[r];
            double[] s1 = sums[r + 1];
            double[] s2 = sums[r + 2];
            double[] s3 = sums[r + 3];
            sums4(x, x0, xi, xp, panel, pairs, nc, s0, s1, s2, s3);
            if (pairs < kc) {
              int xl = x0 + pairs * xp;
              step4(x[xl], x[xl + xi], x[xl + 2 * xi], x[xl + 3 * xi], panel[pairs], nc, s0, s1,
                  s2, s3);
            }
          }
          for (; r < mc; r++) {
            int x0 = xOff + (i0 + r) * xi + p0 * xp;
            sums1(x, x0, xp, panel, pairs, nc, sums[r]);
            if (pairs < kc) {
              step1(x[x0 + pairs * xp], panel[pairs], nc, sums[r]);
            }
          }
        }
        for (int r = 0; r < mc; r++) {
          double[] s = sums[r];
          int co = cOff + (i0 + r) * ldc + j0;
          if (transposeC) {
            // row i0 + r of the product is column i0 + r of C: one bias for the whole row
            double bj = bias == null ? 0.0 : bias[biasOff + i0 + r];
            for (int j = 0, at = cOff + j0 * ldc + i0 + r; j < nc; j++, at += ldc) {
              c[at] = (accumulate ? c[at] : bj) + s[j];
            }
          } else if (accumulate) {
            for (int j = 0; j < nc; j++) {
              c[co + j] = c[co + j] + s[j];
            }
          } else if (bias != null) {
            int bo = biasOff + j0;
            for (int j = 0; j < nc; j++) {
              c[co + j] = bias[bo + j] + s[j];
            }
          } else {
            for (int j = 0; j < nc; j++) {
              c[co + j] = 0.0 + s[j]; // base 0 added last, as in the contract
            }
          }
        }
      }
    }
  }

  /** {@code panel[p][j] = Y[j][p]} for the {@code nc × kc} block of Y at {@code yAt}. */
  private static void pack(double[] y, int yAt, int inner, int nc, int kc, double[][] panel) {
    for (int j = 0; j < nc; j++) {
      int ys = yAt + j * inner;
      for (int p = 0; p < kc; p++) {
        panel[p][j] = y[ys + p];
      }
    }
  }

  /**
   * Adds {@code X[r][p]·panel[p][j]} for {@code p < pairs} (even) to the sums of the four
   * consecutive rows of X starting at {@code x0} (rows {@code xi} apart, steps of {@code p}
   * {@code xp} apart), two values of {@code p} per pass, in order.
   *
   * <p>The odd last step lives in {@link #step4}, outside this method: when a branch for it sat
   * here and the profile had never seen it taken, C2 compiled this loop without vectorizing it.
   */
  private static void sums4(double[] x, int x0, int xi, int xp, double[][] panel, int pairs,
      int nc, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < pairs; p += 2) {
      int e = x0 + p * xp; // X[0][p]
      int f = e + xp; // X[0][p + 1]
      double a00 = x[e];
      double a01 = x[f];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      for (int j = 0; j < nc; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        s0[j] = s0[j] + a00 * v0 + a01 * v1;
        s1[j] = s1[j] + a10 * v0 + a11 * v1;
        s2[j] = s2[j] + a20 * v0 + a21 * v1;
        s3[j] = s3[j] + a30 * v0 + a31 * v1;
      }
    }
  }

  /** One step of {@link #sums4}: adds {@code a_r·b[j]} to the four rows of sums. */
  private static void step4(double a0, double a1, double a2, double a3, double[] b, int nc,
      double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int j = 0; j < nc; j++) {
      double v = b[j];
      s0[j] = s0[j] + a0 * v;
      s1[j] = s1[j] + a1 * v;
      s2[j] = s2[j] + a2 * v;
      s3[j] = s3[j] + a3 * v;
    }
  }

  /** {@link #sums4} for a single row. */
  private static void sums1(double[] x, int x0, int xp, double[][] panel, int pairs, int nc,
      double[] s0) {
    for (int p = 0; p < pairs; p += 2) {
      double a0 = x[x0 + p * xp];
      double a1 = x[x0 + (p + 1) * xp];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      for (int j = 0; j < nc; j++) {
        s0[j] = s0[j] + a0 * b0[j] + a1 * b1[j];
      }
    }
  }

  /** {@link #step4} for a single row. */
  private static void step1(double a0, double[] b, int nc, double[] s0) {
    for (int j = 0; j < nc; j++) {
      s0[j] = s0[j] + a0 * b[j];
    }
  }

  /**
   * The unpacked path for narrow outputs: dot products along the rows of X and Y, four rows by
   * two columns of C per pass over the inner dimension (grown from the project's first kernel,
   * which had 2×2; the benchmark keeps it as a baseline). Same contract, parameters and bits as
   * {@link #multiplyTransposed}.
   *
   * @param x left matrix at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}
   * @param yOff offset of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
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
  public static void multiplyDot(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate, int ldc) {
    int i = rowFrom;
    // Four rows at a time: a dot product is a chain of dependent additions, so the more
    // independent chains in flight, the less their latency shows (one output column, as for
    // a numeric class, left a single chain per element: a tenth of a small network's step).
    for (; i + 3 < rowTo; i += 4) {
      int x0 = xOff + i * inner;
      int x1 = x0 + inner;
      int x2 = x1 + inner;
      int x3 = x2 + inner;
      int c0 = cOff + i * ldc;
      int j = 0;
      for (; j + 1 < cols; j += 2) {
        int y0 = yOff + j * inner;
        int y1 = y0 + inner;
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
          s00 += a0 * b0;
          s01 += a0 * b1;
          s10 += a1 * b0;
          s11 += a1 * b1;
          s20 += a2 * b0;
          s21 += a2 * b1;
          s30 += a3 * b0;
          s31 += a3 * b1;
        }
        store(c, c0 + j, ldc, bias, biasOff + j, accumulate, s00, s10, s20, s30);
        store(c, c0 + j + 1, ldc, bias, biasOff + j + 1, accumulate, s01, s11, s21, s31);
      }
      for (; j < cols; j++) {
        int y0 = yOff + j * inner;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int p = 0; p < inner; p++) {
          double b = y[y0 + p];
          s0 += x[x0 + p] * b;
          s1 += x[x1 + p] * b;
          s2 += x[x2 + p] * b;
          s3 += x[x3 + p] * b;
        }
        store(c, c0 + j, ldc, bias, biasOff + j, accumulate, s0, s1, s2, s3);
      }
    }
    // the last rows (at most three): one dot product per element
    for (; i < rowTo; i++) {
      int x0 = xOff + i * inner;
      int c0 = cOff + i * ldc;
      for (int j = 0; j < cols; j++) {
        c[c0 + j] =
            base(c, c0 + j, bias, biasOff + j, accumulate) + dot(x, x0, y, yOff + j * inner, inner);
      }
    }
  }

  /** Column element {@code ci} of four consecutive rows: base (see {@link #base}) plus sum. */
  private static void store(double[] c, int ci, int ldc, double[] bias, int bi,
      boolean accumulate, double s0, double s1, double s2, double s3) {
    c[ci] = base(c, ci, bias, bi, accumulate) + s0;
    c[ci + ldc] = base(c, ci + ldc, bias, bi, accumulate) + s1;
    c[ci + 2 * ldc] = base(c, ci + 2 * ldc, bias, bi, accumulate) + s2;
    c[ci + 3 * ldc] = base(c, ci + 3 * ldc, bias, bi, accumulate) + s3;
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
   * Squared Euclidean norm of {@code x[from .. to)}, with four interleaved accumulators
   * (element {@code from + 4q + r} goes to accumulator r, the tail to accumulator 0) combined as
   * {@code (s0 + s1) + (s2 + s3)}: a fixed order, so the same bits every time, and a quarter of
   * the dependent additions of a single accumulator.
   */
  public static double squaredNorm(double[] x, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += x[i] * x[i];
      s1 += x[i + 1] * x[i + 1];
      s2 += x[i + 2] * x[i + 2];
      s3 += x[i + 3] * x[i + 3];
    }
    for (; i < to; i++) {
      s0 += x[i] * x[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
