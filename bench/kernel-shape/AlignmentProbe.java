import java.lang.reflect.Field;
import java.util.Locale;

/**
 * Does the alignment of the pure-Java kernel's arrays matter? Times ScalarPackedProduct.sums4's
 * loop (four rows of sums, two panel rows, 128 columns) with the panel rows and the sum rows
 * placed at each 8-byte offset modulo the 64-byte cache line, and prints GFLOP/s with the
 * offsets of the first element, read through sun.misc.Unsafe (a probe, never product code).
 * Rows are 134 doubles (1,088 bytes, 17 cache lines) so every row of a set shares its first
 * row's offset; a spacer array shifts each set.
 *
 * <pre>java bench/kernel-shape/AlignmentProbe.java</pre>
 */
public final class AlignmentProbe {
  static final int NC = 128, KC = 128, MC = 128, LEN = 134;
  static Object keep;

  static void sums4(double[] x, int x0, double[][] panel, double[] s0, double[] s1, double[] s2,
      double[] s3) {
    for (int p = 0; p < KC; p += 2) {
      int e = x0 + p;
      double a00 = x[e], a01 = x[e + 1], a10 = x[e + KC], a11 = x[e + KC + 1];
      double a20 = x[e + 2 * KC], a21 = x[e + 2 * KC + 1];
      double a30 = x[e + 3 * KC], a31 = x[e + 3 * KC + 1];
      double[] b0 = panel[p], b1 = panel[p + 1];
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j];
        s0[j] = Math.fma(a01, v1, Math.fma(a00, v0, s0[j]));
        s1[j] = Math.fma(a11, v1, Math.fma(a10, v0, s1[j]));
        s2[j] = Math.fma(a21, v1, Math.fma(a20, v0, s2[j]));
        s3[j] = Math.fma(a31, v1, Math.fma(a30, v0, s3[j]));
      }
    }
  }

  public static void main(String[] args) throws Exception {
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
              sums4(x, r * KC, panel, sums[r], sums[r + 1], sums[r + 2], sums[r + 3]);
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
    int shift = Integer.parseInt(System.getProperty("coops.shift", "-1"));
    long address = shift >= 0 ? ref << shift : ref; // unscaled references below 4 GB of heap
    return (address + u.arrayBaseOffset(double[].class)) % 64;
  }
}
