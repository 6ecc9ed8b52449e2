package weka.classifiers.functions.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three matrix products of {@link Kernels} against naive triple loops on random matrices of
 * odd sizes (so the 2×2 register-blocked paths and their remainders all run), with non-zero
 * offsets into the parameter array and row sub-ranges: rows outside the range must be left
 * untouched, {@code accumulateGradient} must add to what is there, {@code multiply} must
 * overwrite. Some gradient entries are exactly zero to exercise the skip-on-zero shortcut.
 */
class KernelsTest {

  static final double TOL = 1e-12;

  static double[] random(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextGaussian();
    }
    return a;
  }

  /** rows n, inner k, columns m, row range [from, to). */
  @ParameterizedTest(name = "n={0} k={1} m={2} rows [{3},{4})")
  @CsvSource({
      "7, 5, 3, 0, 7",
      "7, 5, 3, 2, 5",
      "9, 11, 13, 1, 8",
      "9, 11, 13, 3, 4",
      "1, 1, 1, 0, 1",
      "5, 1, 7, 0, 5",
      "6, 7, 1, 1, 6",
      "13, 3, 2, 4, 13",
      "8, 4, 6, 0, 8",
  })
  void productsMatchNaiveLoops(int n, int k, int m, int from, int to) {
    Random rnd = new Random(31L * n + 7L * k + m + from);
    double[] a = random(rnd, n * k); // batch activations n × k
    int wOff = 3; // weights m × k at an offset, followed by m biases
    double[] params = random(rnd, wOff + m * k + m + 2);
    int biasOff = wOff + m * k;
    double[] d = random(rnd, n * m); // output gradients n × m

    // Z = A·Wᵀ + b
    double[] c = new double[n * m];
    Arrays.fill(c, Double.NaN);
    Kernels.multiplyTransposedAddBias(a, params, wOff, params, biasOff, c, from, to, k, m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        if (i < from || i >= to) {
          assertEquals(Double.NaN, c[i * m + j], "row " + i + " outside the range was written");
          continue;
        }
        double s = params[biasOff + j];
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * params[wOff + j * k + p];
        }
        assertEquals(s, c[i * m + j], TOL, "Z[" + i + "][" + j + "]");
      }
    }

    // G += Δᵀ·A, g += Σ_i Δ[i]
    double[] g = random(rnd, params.length);
    double[] g0 = g.clone();
    Kernels.accumulateGradient(d, a, g, wOff, biasOff, from, to, k, m);
    for (int j = 0; j < m; j++) {
      double bias = g0[biasOff + j];
      for (int i = from; i < to; i++) {
        bias += d[i * m + j];
      }
      assertEquals(bias, g[biasOff + j], TOL, "bias gradient " + j);
      for (int p = 0; p < k; p++) {
        double s = g0[wOff + j * k + p];
        for (int i = from; i < to; i++) {
          s += d[i * m + j] * a[i * k + p];
        }
        assertEquals(s, g[wOff + j * k + p], TOL, "G[" + j + "][" + p + "]");
      }
    }
    for (int i = 0; i < wOff; i++) {
      assertEquals(g0[i], g[i], 0.0, "gradient before the layer was written");
    }
    for (int i = biasOff + m; i < g.length; i++) {
      assertEquals(g0[i], g[i], 0.0, "gradient after the layer was written");
    }

    // P = Δ·W (overwrites rows in range)
    double[] prev = random(rnd, n * k);
    double[] prev0 = prev.clone();
    Kernels.multiply(d, params, wOff, prev, from, to, k, m);
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < k; p++) {
        if (i < from || i >= to) {
          assertEquals(prev0[i * k + p], prev[i * k + p], 0.0, "row " + i + " outside range");
          continue;
        }
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += d[i * m + j] * params[wOff + j * k + p];
        }
        assertEquals(s, prev[i * k + p], TOL, "P[" + i + "][" + p + "]");
      }
    }

    // squared norm of a sub-range
    double sq = 0;
    for (int i = 1; i < a.length; i++) {
      sq += a[i] * a[i];
    }
    assertEquals(sq, Kernels.squaredNorm(a, 1, a.length), TOL * Math.max(1, sq));
  }
}
