package weka.classifiers.functions.backprop.kernel;

import static weka.classifiers.functions.backprop.kernel.MultiplyAdd.madd;

/**
 * The inner loops of {@link ScalarPackedProduct}: each adds the products of a few rows of X with
 * a packed panel of Y to those rows' running sums, every sum in order of {@code p}, so all give
 * the same bits. {@link ScalarPackedProduct} chooses the loop for each group of rows (by the
 * block's width and the steps of {@code p} a pass the JVM vectorizes); here is only the
 * arithmetic, in the shapes C2's auto-vectorizer turns into packed fused multiply-adds: the
 * innermost loop walks panel rows and sum rows with one index. The four loops of three steps
 * are copies of one loop with the four constant widths, because C2 vectorizes it only when both
 * its bounds are constants (see {@link #sums4x3}).
 */
final class PanelSums {

  /** Columns of C per block of {@link ScalarPackedProduct}: the length of the vectorized loop. */
  static final int NC = 256;
  /**
   * Columns of a half block, the other width with a loop of its own ({@link #sums4x3Half}): the
   * width of 128-unit layers, and of each thread's half of a 256-unit layer split by columns.
   */
  static final int HALF_NC = NC / 2;
  /**
   * Columns of a quarter block ({@link #sums4x3Quarter}): the width of 64-unit layers, whose
   * forward product over a mini-batch and prediction blocks of few rows have this many columns.
   */
  static final int QUARTER_NC = NC / 4;
  /**
   * Columns of an eighth block ({@link #sums4x3Eighth}): a mini-batch of 32 rows, the width of a
   * narrow layer's forward product turned round (units by rows).
   */
  static final int EIGHTH_NC = NC / 8;
  /** Inner-dimension steps per packed panel of {@link ScalarPackedProduct}. */
  static final int KC = 128;
  /** Steps of a panel rounded up to a multiple of three: the bound of {@link #sums4x3}'s loop. */
  static final int KC_IN_THREES = (KC + 2) / 3 * 3;

  private PanelSums() {}

  /**
   * Adds {@code X[r][p]·panel[p][j]} for {@code p < pairs} (even) to the sums of the four
   * consecutive rows of X starting at {@code x0} (rows {@code xi} apart, steps of {@code p}
   * {@code xp} apart), two values of {@code p} per pass, in order. X is read at steps up to
   * {@code last} only: when {@code pairs} is {@code last + 2}, the last pass's second step reads
   * step {@code last} again and meets the zero panel row.
   *
   * <p>No branch may sit here for the odd step: when one did and the profile had never seen it
   * taken, C2 compiled this loop without vectorizing it.
   */
  static void sums4(double[] x, int x0, int xi, int xp, double[][] panel, int pairs,
      int last, int nc, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < pairs; p += 2) {
      int e = x0 + p * xp; // X[0][p]
      int f = x0 + Math.min(p + 1, last) * xp; // X[0][p + 1], or X[0][p] against the zero row
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
        s0[j] = madd(a01, v1, madd(a00, v0, s0[j]));
        s1[j] = madd(a11, v1, madd(a10, v0, s1[j]));
        s2[j] = madd(a21, v1, madd(a20, v0, s2[j]));
        s3[j] = madd(a31, v1, madd(a30, v0, s3[j]));
      }
    }
  }

  /**
   * {@link #sums4} with four values of {@code p} per pass, still added to each sum in order of
   * {@code p}, so the bits are the same: {@code quads} is the block's steps rounded up to a
   * multiple of four, the steps past {@code last} reading X at step {@code last} against zero
   * panel rows. Each sum is loaded and stored once per four multiply-adds instead of two; the
   * loop needs 16 values of X, four panel rows and four sums rows, within AVX-512's 32 vector
   * registers (see {@link ScalarPackedProduct#steps} for the JVMs that vectorize it).
   */
  static void sums4x4(double[] x, int x0, int xi, int xp, double[][] panel, int quads,
      int last, int nc, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < quads; p += 4) {
      int e = x0 + p * xp;
      int f = x0 + Math.min(p + 1, last) * xp;
      int g = x0 + Math.min(p + 2, last) * xp;
      int h = x0 + Math.min(p + 3, last) * xp;
      double a00 = x[e];
      double a01 = x[f];
      double a02 = x[g];
      double a03 = x[h];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a12 = x[g + xi];
      double a13 = x[h + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a22 = x[g + 2 * xi];
      double a23 = x[h + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double a32 = x[g + 3 * xi];
      double a33 = x[h + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      double[] b3 = panel[p + 3];
      for (int j = 0; j < nc; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        double v2 = b2[j];
        double v3 = b3[j];
        s0[j] = madd(a03, v3, madd(a02, v2, madd(a01, v1, madd(a00, v0, s0[j]))));
        s1[j] = madd(a13, v3, madd(a12, v2, madd(a11, v1, madd(a10, v0, s1[j]))));
        s2[j] = madd(a23, v3, madd(a22, v2, madd(a21, v1, madd(a20, v0, s2[j]))));
        s3[j] = madd(a33, v3, madd(a32, v2, madd(a31, v1, madd(a30, v0, s3[j]))));
      }
    }
  }

  /**
   * {@link #sums4} with three values of {@code p} per pass over a whole block of {@link #NC}
   * columns, still added to each sum in order of {@code p}, so the bits are the same: {@code
   * triples} is the block's steps rounded up to a multiple of three, the steps past {@code last}
   * reading X at step {@code last} against zero panel rows. Both loops' bounds are constants, the
   * outer one ({@link #KC_IN_THREES}) left early: with either bound a variable, C2 (Java 17 and
   * 25) compiled the inner loop without vectorizing it ({@link
   * ScalarPackedProduct#threesPerPass}).
   */
  static void sums4x3(double[] x, int x0, int xi, int xp, double[][] panel, int triples,
      int last, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC_IN_THREES; p += 3) {
      if (p >= triples) {
        break;
      }
      int e = x0 + p * xp;
      int f = x0 + Math.min(p + 1, last) * xp;
      int g = x0 + Math.min(p + 2, last) * xp;
      double a00 = x[e];
      double a01 = x[f];
      double a02 = x[g];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a12 = x[g + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a22 = x[g + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double a32 = x[g + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        double v2 = b2[j];
        s0[j] = madd(a02, v2, madd(a01, v1, madd(a00, v0, s0[j])));
        s1[j] = madd(a12, v2, madd(a11, v1, madd(a10, v0, s1[j])));
        s2[j] = madd(a22, v2, madd(a21, v1, madd(a20, v0, s2[j])));
        s3[j] = madd(a32, v2, madd(a31, v1, madd(a30, v0, s3[j])));
      }
    }
  }

  /**
   * {@link #sums4x3} for a half block, {@link #HALF_NC} columns: the same loop with the other
   * constant width. A copy, because C2 vectorizes the loop only with both bounds constant and every
   * array read at the loop's own index: one loop over a half block at a given offset
   * ({@code s0[o + j]}), called twice for a whole block, ran scalar (13 GFLOP/s against 64), and
   * blocks of 128 columns throughout ({@code NC} = 128) made a 784-64-10 epoch 0.099-0.13 s instead
   * of 0.082-0.088 (bench/README.md, "Three steps of p on half blocks").
   */
  static void sums4x3Half(double[] x, int x0, int xi, int xp, double[][] panel,
      int triples, int last, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC_IN_THREES; p += 3) {
      if (p >= triples) {
        break;
      }
      int e = x0 + p * xp;
      int f = x0 + Math.min(p + 1, last) * xp;
      int g = x0 + Math.min(p + 2, last) * xp;
      double a00 = x[e];
      double a01 = x[f];
      double a02 = x[g];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a12 = x[g + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a22 = x[g + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double a32 = x[g + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      for (int j = 0; j < HALF_NC; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        double v2 = b2[j];
        s0[j] = madd(a02, v2, madd(a01, v1, madd(a00, v0, s0[j])));
        s1[j] = madd(a12, v2, madd(a11, v1, madd(a10, v0, s1[j])));
        s2[j] = madd(a22, v2, madd(a21, v1, madd(a20, v0, s2[j])));
        s3[j] = madd(a32, v2, madd(a31, v1, madd(a30, v0, s3[j])));
      }
    }
  }

  /**
   * {@link #sums4x3} for a quarter block, {@link #QUARTER_NC} columns: another copy with another
   * constant width, for the same reason as {@link #sums4x3Half}. On the Intel host of
   * bench/README.md ("Three steps of p on blocks of 64 and 32 columns") a 784-64-10 layer's forward
   * product over a mini-batch of 32 ran 1.16-1.25× faster, prediction products of 64 columns
   * 1.18-1.32×, and a one-thread training epoch took 11 % less time.
   */
  static void sums4x3Quarter(double[] x, int x0, int xi, int xp, double[][] panel,
      int triples, int last, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC_IN_THREES; p += 3) {
      if (p >= triples) {
        break;
      }
      int e = x0 + p * xp;
      int f = x0 + Math.min(p + 1, last) * xp;
      int g = x0 + Math.min(p + 2, last) * xp;
      double a00 = x[e];
      double a01 = x[f];
      double a02 = x[g];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a12 = x[g + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a22 = x[g + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double a32 = x[g + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      for (int j = 0; j < QUARTER_NC; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        double v2 = b2[j];
        s0[j] = madd(a02, v2, madd(a01, v1, madd(a00, v0, s0[j])));
        s1[j] = madd(a12, v2, madd(a11, v1, madd(a10, v0, s1[j])));
        s2[j] = madd(a22, v2, madd(a21, v1, madd(a20, v0, s2[j])));
        s3[j] = madd(a32, v2, madd(a31, v1, madd(a30, v0, s3[j])));
      }
    }
  }

  /**
   * {@link #sums4x3} for an eighth block, {@link #EIGHTH_NC} columns: a mini-batch of 32 rows in
   * the products turned round (the output layer's forward product over 32 rows, 1.07-1.13× faster
   * on the same host).
   */
  static void sums4x3Eighth(double[] x, int x0, int xi, int xp, double[][] panel,
      int triples, int last, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC_IN_THREES; p += 3) {
      if (p >= triples) {
        break;
      }
      int e = x0 + p * xp;
      int f = x0 + Math.min(p + 1, last) * xp;
      int g = x0 + Math.min(p + 2, last) * xp;
      double a00 = x[e];
      double a01 = x[f];
      double a02 = x[g];
      double a10 = x[e + xi];
      double a11 = x[f + xi];
      double a12 = x[g + xi];
      double a20 = x[e + 2 * xi];
      double a21 = x[f + 2 * xi];
      double a22 = x[g + 2 * xi];
      double a30 = x[e + 3 * xi];
      double a31 = x[f + 3 * xi];
      double a32 = x[g + 3 * xi];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      for (int j = 0; j < EIGHTH_NC; j++) {
        double v0 = b0[j];
        double v1 = b1[j];
        double v2 = b2[j];
        s0[j] = madd(a02, v2, madd(a01, v1, madd(a00, v0, s0[j])));
        s1[j] = madd(a12, v2, madd(a11, v1, madd(a10, v0, s1[j])));
        s2[j] = madd(a22, v2, madd(a21, v1, madd(a20, v0, s2[j])));
        s3[j] = madd(a32, v2, madd(a31, v1, madd(a30, v0, s3[j])));
      }
    }
  }

  /** {@link #sums4} for a single row. */
  static void sums1(double[] x, int x0, int xp, double[][] panel, int pairs, int last,
      int nc, double[] s0) {
    for (int p = 0; p < pairs; p += 2) {
      double a0 = x[x0 + p * xp];
      double a1 = x[x0 + Math.min(p + 1, last) * xp];
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      for (int j = 0; j < nc; j++) {
        s0[j] = madd(a1, b1[j], madd(a0, b0[j], s0[j]));
      }
    }
  }
}
