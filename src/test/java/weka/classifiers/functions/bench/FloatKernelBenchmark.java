package weka.classifiers.functions.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import weka.classifiers.functions.backprop.kernel.Kernels;

/**
 * Measures whether {@code float} storage would make the engine's one hot loop,
 * {@link Kernels#multiplyTransposed}, clearly faster than the {@code double} kernel it has.
 *
 * <p>{@link FloatKernel} below is a line-for-line {@code float} port of the current double
 * kernel: the same packing of Y into a {@code KC × NC} panel, the same {@code MC × NC} running
 * sums, the same four-rows-by-two-{@code p} inner loop (and its odd-{@code p} and single-row
 * remainders in separate methods), the same dot-product path below 8 columns and the same
 * summation contract (one accumulator per output element in index order, base added last), with
 * {@code float[]} arrays and {@code float} accumulators throughout. A 256-bit AVX2 register holds
 * 8 floats instead of 4 doubles and every array is half the bytes, so 2× is the ceiling.
 *
 * <p>Protocol: every shape runs through both kernels for a warm-up (training-shaped, so the JIT
 * profiles are the ones training produces), then several rounds alternate double and float on
 * each shape; each sample times enough back-to-back calls to last about 0.2 ms and the best
 * sample over all rounds is kept (wall clock, one thread). The shapes are the products training
 * with a mini-batch of 32 performs on 784-64-10 and 784-256-256-10, and the 128×784×256 product
 * of the main harness.
 *
 * <p>Precision: on Gaussian inputs the float kernel (inputs rounded to float) is compared with
 * the double kernel on the same double inputs: the largest element-wise relative difference
 * (dominated by elements that happen to cancel to near 0), the largest difference relative to
 * {@code Σ_p |X[i][p]·Y[j][p]|} (the scale of the rounding-error bound) and the largest
 * difference relative to the largest |C|.
 *
 * <p>Usage: {@code FloatKernelBenchmark [--rounds N] [--seconds S]} (S: time per shape and
 * kernel per round).
 */
public final class FloatKernelBenchmark {

  /** A product {@code C (rows × cols) = X (rows × inner) · Y (cols × inner)ᵀ}. */
  private static final class Shape {
    final String label;
    final String role;
    final int rows;
    final int inner;
    final int cols;
    final boolean bias;
    final double[] xd;
    final double[] yd;
    final double[] bd;
    final double[] cd;
    final float[] xf;
    final float[] yf;
    final float[] bf;
    final float[] cf;
    double bestDouble = Double.POSITIVE_INFINITY; // ns per call
    double bestFloat = Double.POSITIVE_INFINITY;

    Shape(String label, String role, int rows, int inner, int cols, boolean bias, Random rnd) {
      this.label = label;
      this.role = role;
      this.rows = rows;
      this.inner = inner;
      this.cols = cols;
      this.bias = bias;
      xd = gaussian(rows * inner, rnd);
      yd = gaussian(cols * inner, rnd);
      bd = bias ? gaussian(cols, rnd) : null;
      cd = new double[rows * cols];
      xf = toFloat(xd);
      yf = toFloat(yd);
      bf = bias ? toFloat(bd) : null;
      cf = new float[rows * cols];
    }

    double flops() {
      return 2.0 * rows * inner * cols;
    }

    void runDouble() {
      Kernels.multiplyTransposed(xd, 0, yd, 0, cd, 0, 0, rows, cols, inner, bd, 0, false);
    }

    void runFloat() {
      FloatKernel.multiplyTransposed(xf, 0, yf, 0, cf, 0, 0, rows, cols, inner, bf, 0, false);
    }
  }

  private FloatKernelBenchmark() {}

  public static void main(String[] args) {
    int rounds = 5;
    double seconds = 0.3;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--rounds":
          rounds = Integer.parseInt(args[++a]);
          break;
        case "--seconds":
          seconds = Double.parseDouble(args[++a]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument: " + args[a]);
      }
    }
    Random rnd = new Random(42);
    Shape[] shapes = {
      new Shape("32x784->64", "forward 784-64 (A W^T + b)", 32, 784, 64, true, rnd),
      new Shape("32x784->256", "forward 784-256", 32, 784, 256, true, rnd),
      new Shape("32x256->256", "forward 256-256", 32, 256, 256, true, rnd),
      new Shape("32x64->10", "forward 64-10", 32, 64, 10, true, rnd),
      new Shape("64x32x784", "gradient 784-64 (D^T A)", 64, 32, 784, false, rnd),
      new Shape("256x32x784", "gradient 784-256", 256, 32, 784, false, rnd),
      new Shape("128x784x256", "main harness kernel shape", 128, 784, 256, false, rnd),
    };

    System.out.printf(Locale.ROOT, "float against double: C = base + X*Y^T, one thread%n");
    System.out.printf(Locale.ROOT, "java %s (%s), %d processors; load average before %.2f%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), loadAverage());

    // ---- precision, on fresh outputs (also the first calls of each kernel) ----
    double[][] precision = new double[shapes.length][];
    boolean portExact = true;
    for (int s = 0; s < shapes.length; s++) {
      precision[s] = precision(shapes[s]);
      portExact &= Arrays.equals(shapes[s].cf, naiveFloat(shapes[s]));
    }

    // ---- JIT warm-up: every shape through both kernels ----
    long warmEnd = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (Shape sh : shapes) {
        for (int k = 0; k < 20; k++) {
          sh.runDouble();
          sh.runFloat();
        }
      }
    }

    // ---- timed rounds, double and float alternating ----
    long budget = (long) (seconds * 1e9);
    for (int r = 0; r < rounds; r++) {
      for (Shape sh : shapes) {
        sh.bestDouble = Math.min(sh.bestDouble, best(sh::runDouble, budget));
        sh.bestFloat = Math.min(sh.bestFloat, best(sh::runFloat, budget));
      }
    }

    System.out.printf(Locale.ROOT, "protocol: 3 s warm-up over all shapes, then %d rounds of "
        + "%.1f s per shape and kernel, alternating; best sample (each >= 0.2 ms of calls)%n",
        rounds, seconds);
    System.out.println();
    String head = "%-13s %-28s %8s %8s %8s %7s%n";
    System.out.printf(Locale.ROOT, head, "shape", "role", "MFLOP", "double", "float",
        "float/");
    System.out.printf(Locale.ROOT, head, "rows x in x", "", "per call", "GFLOP/s", "GFLOP/s",
        "double");
    double logSumTraining = 0;
    int training = 0;
    for (Shape sh : shapes) {
      double gd = sh.flops() / sh.bestDouble;
      double gf = sh.flops() / sh.bestFloat;
      System.out.printf(Locale.ROOT, "%-13s %-28s %8.2f %8.2f %8.2f %6.2fx%n", sh.label, sh.role,
          sh.flops() / 1e6, gd, gf, gf / gd);
      if (!sh.label.equals("128x784x256")) {
        logSumTraining += Math.log(gf / gd);
        training++;
      }
    }
    System.out.printf(Locale.ROOT, "geometric mean of float/double over the %d training shapes: "
        + "%.2fx%n", training, Math.exp(logSumTraining / training));
    System.out.println();
    System.out.println("precision: float kernel (inputs rounded to float) against the double "
        + "kernel, Gaussian X, Y (and bias)");
    String ph = "%-13s %14s %16s %16s %16s%n";
    System.out.printf(Locale.ROOT, ph, "shape", "max |df|/|d|", "median |df|/|d|",
        "max |df|/S_ij", "max |df|/max|d|");
    for (int s = 0; s < shapes.length; s++) {
      double[] p = precision[s];
      System.out.printf(Locale.ROOT, "%-13s %14.2e %16.2e %16.2e %16.2e%n", shapes[s].label,
          p[0], p[1], p[2], p[3]);
    }
    System.out.printf(Locale.ROOT, "   df = float result - double result; S_ij = |base| + "
        + "sum_p |X[i][p] Y[j][p]|; float eps = %.2e, double eps = %.2e%n",
        (double) Math.ulp(1.0f), Math.ulp(1.0));
    System.out.println("   float port equals a naive in-order float loop bit for bit on every"
        + " shape: "
        + (portExact ? "yes" : "NO"));
    System.out.printf(Locale.ROOT, "load average after %.2f%n", loadAverage());
  }

  /** Best time in ns per call: samples of back-to-back calls lasting about 0.2 ms. */
  private static double best(Runnable r, long budgetNs) {
    long t0 = System.nanoTime();
    r.run();
    long one = Math.max(1, System.nanoTime() - t0);
    int calls = (int) Math.max(1, Math.min(100_000, 200_000L / one));
    double best = Double.POSITIVE_INFINITY;
    long end = System.nanoTime() + budgetNs;
    int samples = 0;
    while (samples < 5 || System.nanoTime() < end) {
      long s0 = System.nanoTime();
      for (int k = 0; k < calls; k++) {
        r.run();
      }
      best = Math.min(best, (double) (System.nanoTime() - s0) / calls);
      samples++;
    }
    return best;
  }

  /** {max rel, median rel, max rel to S_ij, max rel to max |C|} of float against double. */
  private static double[] precision(Shape sh) {
    sh.runDouble();
    sh.runFloat();
    int m = sh.rows;
    int n = sh.cols;
    int k = sh.inner;
    double[] rel = new double[m * n];
    double maxRel = 0;
    double maxScaled = 0;
    double maxAbsDiff = 0;
    double maxAbs = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double d = sh.cd[i * n + j];
        double diff = Math.abs(sh.cf[i * n + j] - d);
        double scale = sh.bias ? Math.abs(sh.bd[j]) : 0;
        for (int p = 0; p < k; p++) {
          scale += Math.abs(sh.xd[i * k + p] * sh.yd[j * k + p]);
        }
        rel[i * n + j] = diff / Math.abs(d);
        maxRel = Math.max(maxRel, rel[i * n + j]);
        maxScaled = Math.max(maxScaled, diff / scale);
        maxAbsDiff = Math.max(maxAbsDiff, diff);
        maxAbs = Math.max(maxAbs, Math.abs(d));
      }
    }
    Arrays.sort(rel);
    return new double[] {maxRel, rel[rel.length / 2], maxScaled, maxAbsDiff / maxAbs};
  }

  /** The contract in its plainest form, in float: one accumulator in order, base last. */
  private static float[] naiveFloat(Shape sh) {
    float[] c = new float[sh.rows * sh.cols];
    for (int i = 0; i < sh.rows; i++) {
      for (int j = 0; j < sh.cols; j++) {
        float s = 0;
        for (int p = 0; p < sh.inner; p++) {
          s += sh.xf[i * sh.inner + p] * sh.yf[j * sh.inner + p];
        }
        c[i * sh.cols + j] = (sh.bias ? sh.bf[j] : 0.0f) + s;
      }
    }
    return c;
  }

  private static double[] gaussian(int len, Random rnd) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) {
      a[i] = rnd.nextGaussian();
    }
    return a;
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
  }

  /**
   * The {@code float} port of {@link Kernels#multiplyTransposed}: same blocking ({@code NC},
   * {@code KC}, {@code MC} = 128), same loop shapes, same summation contract, float arrays and
   * float accumulators. Kept in step with the double kernel by hand; used only here.
   */
  static final class FloatKernel {

    static final int NC = 128;
    static final int KC = 128;
    static final int MC = 128;
    private static final int MIN_PACKED_COLS = 8;

    private static final java.util.concurrent.atomic.AtomicReferenceArray<Buffers> POOL =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(16);

    private FloatKernel() {}

    private static final class Buffers {
      final float[][] panel = new float[KC][NC];
      final float[][] sums = new float[MC][NC];
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

    static void multiplyTransposed(
        float[] x, int xOff, float[] y, int yOff, float[] c, int cOff, int rowFrom, int rowTo,
        int cols, int inner, float[] bias, int biasOff, boolean accumulate) {
      if (rowTo <= rowFrom || cols <= 0) {
        return;
      }
      if (cols < MIN_PACKED_COLS) {
        multiplyDot(x, xOff, y, yOff, c, cOff, rowFrom, rowTo, cols, inner, bias, biasOff,
            accumulate);
        return;
      }
      Buffers b = acquire();
      try {
        multiplyPacked(b, x, xOff, y, yOff, c, cOff, rowFrom, rowTo, cols, inner, bias, biasOff,
            accumulate);
      } finally {
        release(b);
      }
    }

    private static void multiplyPacked(
        Buffers buf, float[] x, int xOff, float[] y, int yOff, float[] c, int cOff,
        int rowFrom, int rowTo, int cols, int inner, float[] bias, int biasOff,
        boolean accumulate) {
      float[][] panel = buf.panel;
      float[][] sums = buf.sums;
      for (int j0 = 0; j0 < cols; j0 += NC) {
        int nc = Math.min(NC, cols - j0);
        for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
          int mc = Math.min(MC, rowTo - i0);
          for (int r = 0; r < mc; r++) {
            Arrays.fill(sums[r], 0, nc, 0.0f);
          }
          for (int p0 = 0; p0 < inner; p0 += KC) {
            int kc = Math.min(KC, inner - p0);
            pack(y, yOff + j0 * inner + p0, inner, nc, kc, panel);
            int pairs = kc & ~1;
            int r = 0;
            for (; r + 3 < mc; r += 4) {
              int x0 = xOff + (i0 + r) * inner + p0;
              float[] s0 = sums[r];
              float[] s1 = sums[r + 1];
              float[] s2 = sums[r + 2];
              float[] s3 = sums[r + 3];
              sums4(x, x0, inner, panel, pairs, nc, s0, s1, s2, s3);
              if (pairs < kc) {
                step4(x[x0 + pairs], x[x0 + inner + pairs], x[x0 + 2 * inner + pairs],
                    x[x0 + 3 * inner + pairs], panel[pairs], nc, s0, s1, s2, s3);
              }
            }
            for (; r < mc; r++) {
              int x0 = xOff + (i0 + r) * inner + p0;
              sums1(x, x0, panel, pairs, nc, sums[r]);
              if (pairs < kc) {
                step1(x[x0 + pairs], panel[pairs], nc, sums[r]);
              }
            }
          }
          for (int r = 0; r < mc; r++) {
            float[] s = sums[r];
            int co = cOff + (i0 + r) * cols + j0;
            if (accumulate) {
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
                c[co + j] = 0.0f + s[j];
              }
            }
          }
        }
      }
    }

    private static void pack(float[] y, int yAt, int inner, int nc, int kc, float[][] panel) {
      for (int j = 0; j < nc; j++) {
        int ys = yAt + j * inner;
        for (int p = 0; p < kc; p++) {
          panel[p][j] = y[ys + p];
        }
      }
    }

    private static void sums4(float[] x, int x0, int inner, float[][] panel, int pairs, int nc,
        float[] s0, float[] s1, float[] s2, float[] s3) {
      int x1 = x0 + inner;
      int x2 = x1 + inner;
      int x3 = x2 + inner;
      for (int p = 0; p < pairs; p += 2) {
        float a00 = x[x0 + p];
        float a01 = x[x0 + p + 1];
        float a10 = x[x1 + p];
        float a11 = x[x1 + p + 1];
        float a20 = x[x2 + p];
        float a21 = x[x2 + p + 1];
        float a30 = x[x3 + p];
        float a31 = x[x3 + p + 1];
        float[] b0 = panel[p];
        float[] b1 = panel[p + 1];
        for (int j = 0; j < nc; j++) {
          float v0 = b0[j];
          float v1 = b1[j];
          s0[j] = s0[j] + a00 * v0 + a01 * v1;
          s1[j] = s1[j] + a10 * v0 + a11 * v1;
          s2[j] = s2[j] + a20 * v0 + a21 * v1;
          s3[j] = s3[j] + a30 * v0 + a31 * v1;
        }
      }
    }

    private static void step4(float a0, float a1, float a2, float a3, float[] b, int nc,
        float[] s0, float[] s1, float[] s2, float[] s3) {
      for (int j = 0; j < nc; j++) {
        float v = b[j];
        s0[j] = s0[j] + a0 * v;
        s1[j] = s1[j] + a1 * v;
        s2[j] = s2[j] + a2 * v;
        s3[j] = s3[j] + a3 * v;
      }
    }

    private static void sums1(float[] x, int x0, float[][] panel, int pairs, int nc,
        float[] s0) {
      for (int p = 0; p < pairs; p += 2) {
        float a0 = x[x0 + p];
        float a1 = x[x0 + p + 1];
        float[] b0 = panel[p];
        float[] b1 = panel[p + 1];
        for (int j = 0; j < nc; j++) {
          s0[j] = s0[j] + a0 * b0[j] + a1 * b1[j];
        }
      }
    }

    private static void step1(float a0, float[] b, int nc, float[] s0) {
      for (int j = 0; j < nc; j++) {
        s0[j] = s0[j] + a0 * b[j];
      }
    }

    static void multiplyDot(
        float[] x, int xOff, float[] y, int yOff, float[] c, int cOff, int rowFrom, int rowTo,
        int cols, int inner, float[] bias, int biasOff, boolean accumulate) {
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
          float s00 = 0;
          float s01 = 0;
          float s10 = 0;
          float s11 = 0;
          for (int p = 0; p < inner; p++) {
            float a0 = x[x0 + p];
            float a1 = x[x1 + p];
            float b0 = y[y0 + p];
            float b1 = y[y1 + p];
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
          c[c0 + j] = base(c, c0 + j, bias, biasOff + j, accumulate)
              + dot(x, x0, y, yOff + j * inner, inner);
        }
      }
    }

    private static float base(float[] c, int ci, float[] bias, int bi, boolean accumulate) {
      return accumulate ? c[ci] : bias == null ? 0 : bias[bi];
    }

    static float dot(float[] x, int xOff, float[] y, int yOff, int len) {
      float s = 0;
      for (int p = 0; p < len; p++) {
        s += x[xOff + p] * y[yOff + p];
      }
      return s;
    }
  }
}
