import java.lang.reflect.Field;
import java.util.Locale;

/**
 * Six shapes of the pure-Java kernel's inner block (ScalarPackedProduct.sums4 is "4 rows x 2 p":
 * four rows of sums updated with two steps of p per pass over 128 columns; sums4x4, which Java 25
 * and later run, is "4 rows x 4 p"), each timed on a
 * 128 x 128 x 128 product in L1/L2, best of six rounds; for comparison with the same source
 * compiled by gcc (sums4.c in this folder).
 *
 * <p>With the argument {@code align} it asks instead whether the arrays' alignment matters: it
 * times "4 rows x 2 p" with the panel rows and the sum rows placed at each 8-byte offset modulo
 * the 64-byte cache line, printing GFLOP/s with the offsets of the first elements, read through
 * sun.misc.Unsafe (a probe, never product code). Rows are 134 doubles (1,088 bytes, 17 cache
 * lines) so every row of a set shares its first row's offset; a spacer array shifts each set.
 *
 * <pre>java -Xmx1g bench/kernel-shape/LoopShapes.java [align]</pre>
 */
public class LoopShapes {
  static final int NC = 128, KC = 128, MC = 128;
  static void r4p2(double[] x, int x0, double[][] pn, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC; p += 2) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a10 = x[e + KC], a11 = x[e + KC + 1];
      double a20 = x[e + 2 * KC], a21 = x[e + 2 * KC + 1], a30 = x[e + 3 * KC], a31 = x[e + 3 * KC + 1];
      double[] b0 = pn[p], b1 = pn[p + 1];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j];
        s0[j] = Math.fma(a01, v1, Math.fma(a00, v0, s0[j]));
        s1[j] = Math.fma(a11, v1, Math.fma(a10, v0, s1[j]));
        s2[j] = Math.fma(a21, v1, Math.fma(a20, v0, s2[j]));
        s3[j] = Math.fma(a31, v1, Math.fma(a30, v0, s3[j]));
      }
    }
  }
  static void r2p2(double[] x, int x0, double[][] pn, double[] s0, double[] s1) {
    for (int p = 0; p < KC; p += 2) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a10 = x[e + KC], a11 = x[e + KC + 1];
      double[] b0 = pn[p], b1 = pn[p + 1];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j];
        s0[j] = Math.fma(a01, v1, Math.fma(a00, v0, s0[j]));
        s1[j] = Math.fma(a11, v1, Math.fma(a10, v0, s1[j]));
      }
    }
  }
  static void r2p4(double[] x, int x0, double[][] pn, double[] s0, double[] s1) {
    for (int p = 0; p < KC; p += 4) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a02 = x[e + 2], a03 = x[e + 3];
      double a10 = x[e + KC], a11 = x[e + KC + 1], a12 = x[e + KC + 2], a13 = x[e + KC + 3];
      double[] b0 = pn[p], b1 = pn[p + 1], b2 = pn[p + 2], b3 = pn[p + 3];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j], v2 = b2[j], v3 = b3[j];
        s0[j] = Math.fma(a03, v3, Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, s0[j]))));
        s1[j] = Math.fma(a13, v3, Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, s1[j]))));
      }
    }
  }
  static void r1p4(double[] x, int x0, double[][] pn, double[] s0) {
    for (int p = 0; p < KC; p += 4) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a02 = x[e + 2], a03 = x[e + 3];
      double[] b0 = pn[p], b1 = pn[p + 1], b2 = pn[p + 2], b3 = pn[p + 3];
      for (int j = 0; j < NC; j++) {
        s0[j] = Math.fma(a03, b3[j], Math.fma(a02, b2[j], Math.fma(a01, b1[j], Math.fma(a00, b0[j], s0[j]))));
      }
    }
  }
  static void r3p2(double[] x, int x0, double[][] pn, double[] s0, double[] s1, double[] s2) {
    for (int p = 0; p < KC; p += 2) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a10 = x[e + KC], a11 = x[e + KC + 1], a20 = x[e + 2 * KC], a21 = x[e + 2 * KC + 1];
      double[] b0 = pn[p], b1 = pn[p + 1];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j];
        s0[j] = Math.fma(a01, v1, Math.fma(a00, v0, s0[j]));
        s1[j] = Math.fma(a11, v1, Math.fma(a10, v0, s1[j]));
        s2[j] = Math.fma(a21, v1, Math.fma(a20, v0, s2[j]));
      }
    }
  }
  static void r4p4(double[] x, int x0, double[][] pn, double[] s0, double[] s1, double[] s2, double[] s3) {
    for (int p = 0; p < KC; p += 4) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a02 = x[e + 2], a03 = x[e + 3];
      double a10 = x[e + KC], a11 = x[e + KC + 1], a12 = x[e + KC + 2], a13 = x[e + KC + 3];
      double a20 = x[e + 2 * KC], a21 = x[e + 2 * KC + 1], a22 = x[e + 2 * KC + 2], a23 = x[e + 2 * KC + 3];
      double a30 = x[e + 3 * KC], a31 = x[e + 3 * KC + 1], a32 = x[e + 3 * KC + 2], a33 = x[e + 3 * KC + 3];
      double[] b0 = pn[p], b1 = pn[p + 1], b2 = pn[p + 2], b3 = pn[p + 3];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j], v2 = b2[j], v3 = b3[j];
        s0[j] = Math.fma(a03, v3, Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, s0[j]))));
        s1[j] = Math.fma(a13, v3, Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, s1[j]))));
        s2[j] = Math.fma(a23, v3, Math.fma(a22, v2, Math.fma(a21, v1, Math.fma(a20, v0, s2[j]))));
        s3[j] = Math.fma(a33, v3, Math.fma(a32, v2, Math.fma(a31, v1, Math.fma(a30, v0, s3[j]))));
      }
    }
  }
  public static void main(String[] a) throws Exception {
    if (a.length > 0 && a[0].equals("align")) {
      alignment();
      return;
    }
    double[] x = new double[(MC + 4) * KC];
    for (int i = 0; i < x.length; i++) x[i] = 1e-3 * Math.sin(i);
    double[][] pn = new double[KC][NC], s = new double[MC + 4][NC];
    for (double[] r : pn) for (int j = 0; j < NC; j++) r[j] = Math.cos(j);
    String[] names = {"4 rows x 2 p (Java 17)", "2 rows x 2 p", "2 rows x 4 p", "1 row x 4 p", "3 rows x 2 p",
        "4 rows x 4 p (Java 25)"};
    double[] best = new double[6];
    for (int round = 0; round < 6; round++) {
      for (int v = 0; v < 6; v++) {
        long bt = Long.MAX_VALUE;
        for (int rep = 0; rep < 30; rep++) {
          long t = System.nanoTime();
          switch (v) {
            case 0: for (int r = 0; r < MC; r += 4) r4p2(x, r * KC, pn, s[r], s[r + 1], s[r + 2], s[r + 3]); break;
            case 1: for (int r = 0; r < MC; r += 2) r2p2(x, r * KC, pn, s[r], s[r + 1]); break;
            case 2: for (int r = 0; r < MC; r += 2) r2p4(x, r * KC, pn, s[r], s[r + 1]); break;
            case 3: for (int r = 0; r < MC; r++) r1p4(x, r * KC, pn, s[r]); break;
            case 5: for (int r = 0; r < MC; r += 4) r4p4(x, r * KC, pn, s[r], s[r + 1], s[r + 2], s[r + 3]); break;
            default: for (int r = 0; r < MC - 2; r += 3) r3p2(x, r * KC, pn, s[r], s[r + 1], s[r + 2]);
          }
          bt = Math.min(bt, System.nanoTime() - t);
        }
        double rows = v == 4 ? 126 : MC;
        best[v] = Math.max(best[v], 2.0 * rows * KC * NC / bt);
      }
    }
    for (int v = 0; v < 6; v++) System.out.printf("%-22s %6.2f GFLOP/s%n", names[v], best[v]);
  }

  static Object keep;
  static final int LEN = 134;

  /** The alignment probe: see the class comment. */
  static void alignment() throws Exception {
    Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
    f.setAccessible(true);
    sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
    double[] x = new double[MC * KC];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1e-3 * Math.sin(i);
    }
    double[][] panel = new double[KC][];
    double[][] sums = new double[MC][];
    double lo = Double.MAX_VALUE, hi = 0;
    for (int round = 0; round < 2; round++) { // the first round warms the JIT up
      for (int mp = 0; mp < 8; mp++) {
        StringBuilder line = new StringBuilder();
        for (int ms = 0; ms < 8; ms++) {
          keep = new double[mp];
          for (int p = 0; p < KC; p++) {
            panel[p] = new double[LEN];
            for (int j = 0; j < NC; j++) {
              panel[p][j] = Math.cos(j);
            }
          }
          keep = new double[ms];
          for (int r = 0; r < MC; r++) {
            sums[r] = new double[LEN];
          }
          long best = Long.MAX_VALUE;
          for (int rep = 0; rep < 20; rep++) {
            long t = System.nanoTime();
            for (int r = 0; r < MC; r += 4) {
              r4p2(x, r * KC, panel, sums[r], sums[r + 1], sums[r + 2], sums[r + 3]);
            }
            best = Math.min(best, System.nanoTime() - t);
          }
          double g = 2.0 * MC * KC * NC / best;
          if (round == 1) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
          }
          line.append(String.format(Locale.ROOT, " p%2d s%2d %5.1f |",
              lineOffset(u, panel[0]), lineOffset(u, sums[0]), g));
        }
        if (round == 1) {
          System.out.println(line);
        }
      }
    }
    System.out.printf(Locale.ROOT, "GFLOP/s over the 64 placements: %.1f to %.1f%n", lo, hi);
  }

  /** Offset of a double[]'s first element within its cache line (heaps under 32 GB). */
  static long lineOffset(sun.misc.Unsafe u, double[] a) {
    Object[] holder = {a};
    long ref = u.getInt(holder, (long) u.arrayBaseOffset(Object[].class)) & 0xffffffffL;
    // compressed references: unscaled when the heap ends below 4 GB (run with -Xmx1g), else
    // shifted by 3 (zero-based, heaps up to 32 GB); -Dcoops.shift=N overrides the guess
    int guess = Runtime.getRuntime().maxMemory() <= (3L << 30) ? 0 : 3;
    int shift = Integer.getInteger("coops.shift", guess);
    long address = ref << shift;
    return (address + u.arrayBaseOffset(double[].class)) % 64;
  }
}
