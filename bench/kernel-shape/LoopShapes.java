/**
 * Five shapes of the pure-Java kernel's inner block (ScalarPackedProduct.sums4 is "4 rows x 2 p":
 * four rows of sums updated with two steps of p per pass over 128 columns), each timed on a
 * 128 x 128 x 128 product in L1/L2, best of six rounds; for comparison with the same source
 * compiled by gcc (sums4.c in this folder). Run: java bench/kernel-shape/LoopShapes.java
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
  public static void main(String[] a) {
    double[] x = new double[(MC + 4) * KC];
    for (int i = 0; i < x.length; i++) x[i] = 1e-3 * Math.sin(i);
    double[][] pn = new double[KC][NC], s = new double[MC + 4][NC];
    for (double[] r : pn) for (int j = 0; j < NC; j++) r[j] = Math.cos(j);
    String[] names = {"4 rows x 2 p (today)", "2 rows x 2 p", "2 rows x 4 p", "1 row x 4 p", "3 rows x 2 p"};
    double[] best = new double[5];
    for (int round = 0; round < 6; round++) {
      for (int v = 0; v < 5; v++) {
        long bt = Long.MAX_VALUE;
        for (int rep = 0; rep < 30; rep++) {
          long t = System.nanoTime();
          switch (v) {
            case 0: for (int r = 0; r < MC; r += 4) r4p2(x, r * KC, pn, s[r], s[r + 1], s[r + 2], s[r + 3]); break;
            case 1: for (int r = 0; r < MC; r += 2) r2p2(x, r * KC, pn, s[r], s[r + 1]); break;
            case 2: for (int r = 0; r < MC; r += 2) r2p4(x, r * KC, pn, s[r], s[r + 1]); break;
            case 3: for (int r = 0; r < MC; r++) r1p4(x, r * KC, pn, s[r]); break;
            default: for (int r = 0; r < MC - 2; r += 3) r3p2(x, r * KC, pn, s[r], s[r + 1], s[r + 2]);
          }
          bt = Math.min(bt, System.nanoTime() - t);
        }
        double rows = v == 4 ? 126 : MC;
        best[v] = Math.max(best[v], 2.0 * rows * KC * NC / bt);
      }
    }
    for (int v = 0; v < 5; v++) System.out.printf("%-22s %6.2f GFLOP/s%n", names[v], best[v]);
  }
}
