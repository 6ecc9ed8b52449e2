package weka.classifiers.functions.backprop;

/**
 * The dense linear-algebra loops of forward and backward propagation, on flat row-major
 * {@code double[]} matrices. Everything the training spends its time on passes through here, so
 * these are the only loops worth tuning.
 *
 * <p>With a mini-batch {@code A} ({@code n × in}), a layer's weights {@code W} ({@code out × in})
 * and the batch's output gradients {@code Δ} ({@code n × out}), backpropagation needs three
 * products (Rumelhart, Hinton &amp; Williams 1986): the forward {@code Z = A·Wᵀ}, the weight
 * gradient {@code G += Δᵀ·A} and the propagated gradient {@code Δ_prev = Δ·W}.
 */
public final class Kernels {

  private Kernels() {}

  /**
   * Forward product with bias: {@code C[i][j] = bias[j] + Σ_k A[i][k] · B[j][k]} for rows
   * {@code rowFrom ≤ i < rowTo}.
   *
   * @param a left matrix, {@code n × k}, row-major
   * @param b right matrix, {@code m × k}, row-major (used transposed)
   * @param bias {@code m} biases read from {@code bias[biasOff ..]}
   * @param biasOff offset of the biases
   * @param c result, {@code n × m}, row-major
   * @param rowFrom first row of A and C, inclusive
   * @param rowTo last row, exclusive
   * @param k inner dimension
   * @param m number of columns of C
   * @param bOff offset of B in its array
   */
  public static void multiplyTransposedAddBias(
      double[] a, double[] b, int bOff, double[] bias, int biasOff, double[] c,
      int rowFrom, int rowTo, int k, int m) {
    int i = rowFrom;
    // 2 rows × 2 columns per step: each loaded value feeds two multiply-adds.
    for (; i + 1 < rowTo; i += 2) {
      int a0 = i * k;
      int a1 = a0 + k;
      int j = 0;
      for (; j + 1 < m; j += 2) {
        int b0 = bOff + j * k;
        int b1 = b0 + k;
        double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        for (int p = 0; p < k; p++) {
          double x0 = a[a0 + p];
          double x1 = a[a1 + p];
          double w0 = b[b0 + p];
          double w1 = b[b1 + p];
          s00 += x0 * w0;
          s01 += x0 * w1;
          s10 += x1 * w0;
          s11 += x1 * w1;
        }
        c[i * m + j] = s00 + bias[biasOff + j];
        c[i * m + j + 1] = s01 + bias[biasOff + j + 1];
        c[(i + 1) * m + j] = s10 + bias[biasOff + j];
        c[(i + 1) * m + j + 1] = s11 + bias[biasOff + j + 1];
      }
      for (; j < m; j++) {
        c[i * m + j] = dot(a, a0, b, bOff + j * k, k) + bias[biasOff + j];
        c[(i + 1) * m + j] = dot(a, a1, b, bOff + j * k, k) + bias[biasOff + j];
      }
    }
    for (; i < rowTo; i++) {
      for (int j = 0; j < m; j++) {
        c[i * m + j] = dot(a, i * k, b, bOff + j * k, k) + bias[biasOff + j];
      }
    }
  }

  /**
   * Weight-gradient accumulation {@code G[j][p] += Σ_i D[i][j] · A[i][p]} and bias gradient
   * {@code g[j] += Σ_i D[i][j]} over rows {@code rowFrom ≤ i < rowTo}.
   *
   * @param d output gradients, {@code n × m}
   * @param a layer inputs, {@code n × k}
   * @param g gradient array; weights at {@code gOff} ({@code m × k}), biases at {@code gBiasOff}
   * @param gOff offset of the weight gradient
   * @param gBiasOff offset of the bias gradient
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param k number of inputs
   * @param m number of outputs
   */
  public static void accumulateGradient(
      double[] d, double[] a, double[] g, int gOff, int gBiasOff, int rowFrom, int rowTo,
      int k, int m) {
    for (int i = rowFrom; i < rowTo; i++) {
      int dRow = i * m;
      int aRow = i * k;
      for (int j = 0; j < m; j++) {
        double dij = d[dRow + j];
        if (dij == 0) {
          continue; // common after ReLU
        }
        g[gBiasOff + j] += dij;
        int gRow = gOff + j * k;
        for (int p = 0; p < k; p++) {
          g[gRow + p] += dij * a[aRow + p];
        }
      }
    }
  }

  /**
   * Propagates gradients one layer down: {@code P[i][p] = Σ_j D[i][j] · W[j][p]}.
   *
   * @param d output gradients, {@code n × m}
   * @param w weights, {@code m × k}, at {@code wOff}
   * @param wOff offset of the weights
   * @param p result, {@code n × k} (overwritten)
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param k number of inputs
   * @param m number of outputs
   */
  public static void multiply(
      double[] d, double[] w, int wOff, double[] p, int rowFrom, int rowTo, int k, int m) {
    for (int i = rowFrom; i < rowTo; i++) {
      int pRow = i * k;
      java.util.Arrays.fill(p, pRow, pRow + k, 0.0);
      int dRow = i * m;
      for (int j = 0; j < m; j++) {
        double dij = d[dRow + j];
        if (dij == 0) {
          continue;
        }
        int wRow = wOff + j * k;
        for (int q = 0; q < k; q++) {
          p[pRow + q] += dij * w[wRow + q];
        }
      }
    }
  }

  /** Dot product of {@code len} elements. */
  static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
    double s0 = 0, s1 = 0;
    int p = 0;
    for (; p + 1 < len; p += 2) {
      s0 += x[xOff + p] * y[yOff + p];
      s1 += x[xOff + p + 1] * y[yOff + p + 1];
    }
    if (p < len) {
      s0 += x[xOff + p] * y[yOff + p];
    }
    return s0 + s1;
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
