package weka.classifiers.functions.backprop.kernel;

import static jdk.incubator.vector.VectorOperators.FMA;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked path of {@link Kernels}' products on the incubating Vector API, with the sums of a
 * tile of C held in vector registers: compiled separately with
 * {@code --add-modules jdk.incubator.vector} (release 17) and loaded by name only when the JVM
 * has that module ({@link KernelRoute}); nothing else refers to this class.
 *
 * <p><b>Layout.</b> For each block of {@link #NC} columns, {@link #MC} rows and {@link #KC}
 * inner steps, Y's block is packed into slivers of {@code NR = 4 × lanes} columns (32 with
 * AVX-512), each stored {@code p}-major so that one inner step of a sliver is four consecutive
 * vectors (Goto &amp; van de Geijn 2008, ACM TOMS 34(3), the micro-panels of their Fig. 10).
 * A tile of four rows by one sliver keeps its 16 vectors of sums in registers for the whole
 * inner block: per step it loads four vectors of Y, broadcasts the four rows' values of X, and
 * does 16 multiply-adds, against the pure path's loads and stores of its sums from L1
 * for every two steps. Columns past the last full vector are padded with zeros in the panel and
 * their sums never written to C; rows and slivers that do not fill a tile go through 4×1, 1×4
 * and 1×1 tiles.
 *
 * <p><b>Bits.</b> Every lane computes {@code s ← s + x·y} as a vector {@code fma} (one rounding
 * per lane, as {@link Math#fma}), which is {@link MultiplyAdd}'s form wherever this path runs
 * (only where that class fuses, {@link KernelRoute}); from 0, in the order {@code p = 0, 1, …},
 * the base added last as {@link PackedProduct#storeRow} adds it (here a vector at a time,
 * {@link #storeRow}). The results are therefore identical to {@link ScalarPackedProduct}'s,
 * element by element.
 *
 * <p><b>No helpers of our own around vectors.</b> The tiles call the Vector API directly: its
 * methods are marked for forced inlining, ours are not. A helper such as {@code madd(a, b, c)}
 * or {@code start(fresh, s, at)}, once compiled on its own, was refused inlining into tiles
 * compiled later ("already compiled into a medium method"), and its vectors then went through
 * the API's Java fallback: 70 MB allocated and 0.110 s an epoch instead of 0.099 for 784-64-10
 * Adam (bench/README.md, "Vector API tiles without helpers").
 */
final class VectorPackedProduct implements PackedProduct {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Doubles per vector: 8 with AVX-512, 4 with AVX2. */
  private static final int L = SPECIES.length();
  /** Columns per sliver and tile: four vectors. */
  private static final int NR = 4 * L;
  /** Columns of C per block (a multiple of {@link #NR} for 2 to 8 lanes). */
  static final int NC = 128;
  /** Inner steps per packed block: a sliver of 32 × KC doubles stays in L1 over a block. */
  static final int KC = 128;
  /**
   * Rows of C per block: a prediction block of 256 rows in one, so that its weights are packed
   * once instead of twice (1–4 % more rows a second than with 128, bench/README.md).
   */
  static final int MC = 256;

  /** Panel and sum buffers, 128 and 256 KB, one per concurrent caller. */
  private static final BufferPool<Buffers> POOL = new BufferPool<>(Buffers::new);

  /** One caller's packed panel and sums. */
  private static final class Buffers {
    final double[] panel = new double[KC * NC];
    final double[] sums = new double[MC * NC];
    /** A block of X copied by row ({@link #copyRows}). */
    final double[] rows = new double[MC * KC];
  }

  /**
   * Refuses vectors of fewer than four doubles (SSE only), where this path would not beat the
   * auto-vectorized pure one, and products that are not fused ({@link KernelRoute} never asks
   * for this path then).
   *
   * @throws IllegalStateException if the preferred species has fewer than four lanes, or the
   *     products are not fused
   */
  VectorPackedProduct() {
    if (L < 4) {
      throw new IllegalStateException("Vector API vectors of " + L + " doubles are too short");
    }
    if (!MultiplyAdd.fused()) { // the tiles' fma would not be the scalar path's form
      throw new IllegalStateException("the products are not fused here");
    }
  }

  @Override
  public String description() {
    return "Vector API, " + L + " doubles per vector";
  }

  /**
   * Keeps narrow products plain on the Vector API path, where a 784-64-10 prediction measured
   * slower transposed.
   *
   * @return false: the register tiles run as fast along a few columns
   */
  @Override
  public boolean narrowFasterTransposed() {
    return false;
  }

  /**
   * True for a product with at least twice as many columns as rows over 64 inner steps or more,
   * such as a mini-batch of 32 rows through a layer of 64 units or more: packing X instead of Y
   * moves half the values or fewer, and the register tiles run as fast along a mini-batch's rows
   * as along the units. Measured on products of 8 to 32 rows over 64 to 784 inner steps, one
   * thread: 1.0–1.4× faster turned round (2.0× for 8 rows × 64 units), where fewer inner steps
   * (0.82–0.93× over 6 to 32) or fewer columns per row (24 rows × 32 units 0.85×, 48 × 64 0.97×)
   * lost (bench/README.md, "Run of 2026-12-05 (twenty-sixth session)").
   */
  @Override
  public boolean wideFasterTransposed(int rows, int cols, int inner) {
    return inner >= 64 && 2L * rows <= cols;
  }

  @Override
  public void multiply(double[] x, int xOff, int xi, int xp, double[] y, int yOff, int ldy,
      boolean yTransposed, double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner,
      double[] bias, int biasOff, boolean accumulate, int ldc, boolean transposeC) {
    Buffers buf = POOL.acquire();
    double[] panel = buf.panel;
    double[] sums = buf.sums;
    for (int j0 = 0; j0 < cols; j0 += NC) {
      int nc = Math.min(NC, cols - j0);
      int ncv = (nc + L - 1) / L * L; // padded to whole vectors
      for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
        int mc = Math.min(MC, rowTo - i0);
        if (inner <= 0) { // no inner block to start the sums: C gets its base alone
          for (int r = 0; r < mc; r++) {
            Arrays.fill(sums, r * NC, r * NC + ncv, 0.0);
          }
        }
        for (int p0 = 0; p0 < inner; p0 += KC) {
          int kc = Math.min(KC, inner - p0);
          pack(y, yOff, ldy, yTransposed, j0, p0, nc, ncv, kc, panel);
          int xa = xOff + i0 * xi + p0 * xp;
          double[] xr = x;
          int ri = xi;
          if (xp != 1) { // the tiles read X with a step of one
            copyRows(x, xa, xi, xp, mc, kc, buf.rows);
            xr = buf.rows;
            xa = 0;
            ri = kc;
          }
          for (int jt = 0; jt < ncv; jt += NR) {
            sliver(xr, xa, ri, panel, jt * kc, Math.min(NR, ncv - jt), kc, mc, sums, jt,
                p0 == 0);
          }
        }
        for (int r = 0; r < mc; r++) {
          storeRow(sums, r * NC, nc, i0 + r, j0, c, cOff, ldc, bias, biasOff, accumulate,
              transposeC);
        }
      }
    }
  }

  /**
   * {@link PackedProduct#storeRow} a vector at a time where C is stored by row: each lane adds
   * the same base to the same sum, so the bits are the same, where C2 leaves the scalar loop
   * unvectorized (its arrays sit at different offsets). The columns past the last whole vector,
   * and a row stored as a column of C, take the scalar loop. Measured on the 784-64-10 weight
   * gradient (64 × 784 over 32 rows): 32.7–35.2 → 39.2–42.0 GFLOP/s; one-thread SGD epochs
   * 0–9 % shorter (bench/README.md, "Run of 2026-12-05 (twenty-sixth session)").
   */
  private static void storeRow(double[] s, int sOff, int nc, int i, int j0, double[] c,
      int cOff, int ldc, double[] bias, int biasOff, boolean accumulate, boolean transposeC) {
    int j = 0;
    if (!transposeC) {
      int at = cOff + i * ldc + j0;
      int whole = SPECIES.loopBound(nc);
      if (accumulate || bias != null) { // the base read from C's old row or the biases
        double[] base = accumulate ? c : bias;
        int bo = accumulate ? at : biasOff + j0;
        for (; j < whole; j += L) {
          DoubleVector.fromArray(SPECIES, base, bo + j)
              .add(DoubleVector.fromArray(SPECIES, s, sOff + j)).intoArray(c, at + j);
        }
      } else {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (; j < whole; j += L) {
          zero.add(DoubleVector.fromArray(SPECIES, s, sOff + j)).intoArray(c, at + j);
        }
      }
    }
    PackedProduct.storeRow(s, sOff + j, nc - j, i, j0 + j, c, cOff, ldc, bias, biasOff,
        accumulate, transposeC);
  }

  /**
   * Adds the products of one packed sliver ({@code w} columns at {@code bo}, row stride
   * {@code w}) to the sums of all {@code mc} rows, whose X values start at {@code xa}, rows
   * {@code xi} apart and steps of p one apart.
   */
  private static void sliver(double[] x, int xa, int xi, double[] b, int bo, int w, int kc,
      int mc, double[] s, int jt, boolean fresh) {
    if (w == NR) {
      int r = 0;
      for (; r + 3 < mc; r += 4) {
        tile4x4(x, xa + r * xi, xi, b, bo, kc, s, r * NC + jt, fresh);
      }
      for (; r < mc; r++) {
        tile1x4(x, xa + r * xi, b, bo, kc, s, r * NC + jt, fresh);
      }
      return;
    }
    for (int v = 0; v < w; v += L) {
      int r = 0;
      for (; r + 3 < mc; r += 4) {
        tile4x1(x, xa + r * xi, xi, b, bo + v, w, kc, s, r * NC + jt + v, fresh);
      }
      for (; r < mc; r++) {
        tile1x1(x, xa + r * xi, b, bo + v, w, kc, s, r * NC + jt + v, fresh);
      }
    }
  }

  /**
   * Copies rows {@code 0..mc} of X's block at {@code xa} (row stride {@code xi}, step
   * {@code xp}) by row into {@code rows}, row r at {@code r·kc}: the weight gradient's deltas, read
   * down a column, for the tiles' step of one. Only data moves, so the bits do not change.
   */
  private static void copyRows(double[] x, int xa, int xi, int xp, int mc, int kc,
      double[] rows) {
    for (int r = 0; r < mc; r++) {
      for (int p = 0, at = xa + r * xi; p < kc; p++, at += xp) {
        rows[r * kc + p] = x[at];
      }
    }
  }

  /**
   * Packs the {@code kc × nc} block of Y at inner step {@code p0}, column {@code j0} into
   * slivers of {@link #NR} columns ({@code p}-major, each {@code kc × w}), zero-padded to
   * {@code ncv} columns.
   */
  private static void pack(double[] y, int yOff, int ldy, boolean yTransposed, int j0, int p0,
      int nc, int ncv, int kc, double[] panel) {
    for (int jt = 0; jt < ncv; jt += NR) {
      int w = Math.min(NR, ncv - jt);
      int real = Math.min(w, nc - jt);
      int bo = jt * kc;
      if (yTransposed) { // Y stored cols × ?: transpose while packing
        for (int jj = 0; jj < real; jj++) {
          int ys = yOff + (j0 + jt + jj) * ldy + p0;
          for (int p = 0, at = bo + jj; p < kc; p++, at += w) {
            panel[at] = y[ys + p];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(y, yOff + (p0 + p) * ldy + j0 + jt, panel, bo + p * w, real);
        }
      }
      if (real < w) {
        for (int p = 0; p < kc; p++) {
          Arrays.fill(panel, bo + p * w + real, bo + (p + 1) * w, 0.0);
        }
      }
    }
  }

  /**
   * Four rows by four vectors: 16 sums in registers over {@code kc} steps. X's rows are read
   * with a step of one (a block of X stored otherwise is copied by row first, {@link
   * #copyRows}), a constant, so that C2 can take the bounds checks of X's four reads out of the
   * loop.
   */
  private static void tile4x4(double[] x, int xa, int xi, double[] b, int bo, int kc,
      double[] s, int so, boolean fresh) {
    int s1 = so + NC;
    int s2 = s1 + NC;
    int s3 = s2 + NC;
    DoubleVector zero = DoubleVector.zero(SPECIES); // the first block's sums: +0
    DoubleVector c00 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so);
    DoubleVector c01 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + L);
    DoubleVector c02 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 2 * L);
    DoubleVector c03 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 3 * L);
    DoubleVector c10 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s1);
    DoubleVector c11 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s1 + L);
    DoubleVector c12 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s1 + 2 * L);
    DoubleVector c13 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s1 + 3 * L);
    DoubleVector c20 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s2);
    DoubleVector c21 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s2 + L);
    DoubleVector c22 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s2 + 2 * L);
    DoubleVector c23 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s2 + 3 * L);
    DoubleVector c30 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s3);
    DoubleVector c31 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s3 + L);
    DoubleVector c32 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s3 + 2 * L);
    DoubleVector c33 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, s3 + 3 * L);
    for (int p = 0, bp = bo, xq = xa; p < kc; p++, bp += NR, xq++) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + L);
      DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, bp + 2 * L);
      DoubleVector b3 = DoubleVector.fromArray(SPECIES, b, bp + 3 * L);
      DoubleVector a = DoubleVector.broadcast(SPECIES, x[xq]);
      c00 = a.lanewise(FMA, b0, c00);
      c01 = a.lanewise(FMA, b1, c01);
      c02 = a.lanewise(FMA, b2, c02);
      c03 = a.lanewise(FMA, b3, c03);
      a = DoubleVector.broadcast(SPECIES, x[xq + xi]);
      c10 = a.lanewise(FMA, b0, c10);
      c11 = a.lanewise(FMA, b1, c11);
      c12 = a.lanewise(FMA, b2, c12);
      c13 = a.lanewise(FMA, b3, c13);
      a = DoubleVector.broadcast(SPECIES, x[xq + 2 * xi]);
      c20 = a.lanewise(FMA, b0, c20);
      c21 = a.lanewise(FMA, b1, c21);
      c22 = a.lanewise(FMA, b2, c22);
      c23 = a.lanewise(FMA, b3, c23);
      a = DoubleVector.broadcast(SPECIES, x[xq + 3 * xi]);
      c30 = a.lanewise(FMA, b0, c30);
      c31 = a.lanewise(FMA, b1, c31);
      c32 = a.lanewise(FMA, b2, c32);
      c33 = a.lanewise(FMA, b3, c33);
    }
    c00.intoArray(s, so);
    c01.intoArray(s, so + L);
    c02.intoArray(s, so + 2 * L);
    c03.intoArray(s, so + 3 * L);
    c10.intoArray(s, s1);
    c11.intoArray(s, s1 + L);
    c12.intoArray(s, s1 + 2 * L);
    c13.intoArray(s, s1 + 3 * L);
    c20.intoArray(s, s2);
    c21.intoArray(s, s2 + L);
    c22.intoArray(s, s2 + 2 * L);
    c23.intoArray(s, s2 + 3 * L);
    c30.intoArray(s, s3);
    c31.intoArray(s, s3 + L);
    c32.intoArray(s, s3 + 2 * L);
    c33.intoArray(s, s3 + 3 * L);
  }

  /** One row by four vectors. */
  private static void tile1x4(double[] x, int xa, double[] b, int bo, int kc,
      double[] s, int so, boolean fresh) {
    DoubleVector zero = DoubleVector.zero(SPECIES); // the first block's sums: +0
    DoubleVector c0 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so);
    DoubleVector c1 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + L);
    DoubleVector c2 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 2 * L);
    DoubleVector c3 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 3 * L);
    for (int p = 0, bp = bo, xq = xa; p < kc; p++, bp += NR, xq++) {
      DoubleVector a = DoubleVector.broadcast(SPECIES, x[xq]);
      c0 = a.lanewise(FMA, DoubleVector.fromArray(SPECIES, b, bp), c0);
      c1 = a.lanewise(FMA, DoubleVector.fromArray(SPECIES, b, bp + L), c1);
      c2 = a.lanewise(FMA, DoubleVector.fromArray(SPECIES, b, bp + 2 * L), c2);
      c3 = a.lanewise(FMA, DoubleVector.fromArray(SPECIES, b, bp + 3 * L), c3);
    }
    c0.intoArray(s, so);
    c1.intoArray(s, so + L);
    c2.intoArray(s, so + 2 * L);
    c3.intoArray(s, so + 3 * L);
  }

  /** Four rows by one vector of a sliver {@code w} columns wide. */
  private static void tile4x1(double[] x, int xa, int xi, double[] b, int bo, int w,
      int kc, double[] s, int so, boolean fresh) {
    DoubleVector zero = DoubleVector.zero(SPECIES); // the first block's sums: +0
    DoubleVector c0 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so);
    DoubleVector c1 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + NC);
    DoubleVector c2 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 2 * NC);
    DoubleVector c3 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so + 3 * NC);
    for (int p = 0, bp = bo, xq = xa; p < kc; p++, bp += w, xq++) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, b, bp);
      c0 = DoubleVector.broadcast(SPECIES, x[xq]).lanewise(FMA, v, c0);
      c1 = DoubleVector.broadcast(SPECIES, x[xq + xi]).lanewise(FMA, v, c1);
      c2 = DoubleVector.broadcast(SPECIES, x[xq + 2 * xi]).lanewise(FMA, v, c2);
      c3 = DoubleVector.broadcast(SPECIES, x[xq + 3 * xi]).lanewise(FMA, v, c3);
    }
    c0.intoArray(s, so);
    c1.intoArray(s, so + NC);
    c2.intoArray(s, so + 2 * NC);
    c3.intoArray(s, so + 3 * NC);
  }

  /** One row by one vector of a sliver {@code w} columns wide. */
  private static void tile1x1(double[] x, int xa, double[] b, int bo, int w, int kc,
      double[] s, int so, boolean fresh) {
    DoubleVector zero = DoubleVector.zero(SPECIES); // the first block's sums: +0
    DoubleVector c0 = fresh ? zero : DoubleVector.fromArray(SPECIES, s, so);
    for (int p = 0, bp = bo, xq = xa; p < kc; p++, bp += w, xq++) {
      c0 = DoubleVector.broadcast(SPECIES, x[xq])
          .lanewise(FMA, DoubleVector.fromArray(SPECIES, b, bp), c0);
    }
    c0.intoArray(s, so);
  }
}
