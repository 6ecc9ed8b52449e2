package weka.classifiers.functions.backprop.kernel;

import static weka.classifiers.functions.backprop.kernel.MultiplyAdd.madd;

/**
 * The first layer's two products when its input mini-batch {@code X} ({@code n × in}) is sparse,
 * stored by rows in compressed sparse row (CSR) form: row {@code i}'s non-zeros are
 * {@code vals[k]} at column {@code cols[k]} for {@code rowStart[i] ≤ k < rowStart[i+1]}, columns
 * increasing. With the layer's weights {@code W} ({@code out × in}, row-major, as stored in the
 * network) and the batch's deltas {@code Δ} ({@code n × out}):
 *
 * <ul>
 *   <li>forward {@code Z = X·Wᵀ + b}: {@code Z[i][j] = b_j + Σ_{k ∈ row i} vals[k] · W[j][cols[k]]}
 *       ({@link #multiplyTransposed}; {@link #multiplyByInput} reads the same weights stored by
 *       input, as a prediction pass and a training epoch have them);
 *   <li>weight gradient {@code G += Δᵀ·X}: {@code G[j][cols[k]] += Σ_i Δ[i][j] · vals[k]}, only
 *       the columns present in the batch touched ({@link #addTransposedProduct};
 *       {@link #addTransposedProductByColumn} with G stored by input, as in a training epoch).
 * </ul>
 *
 * The delta propagated into the input, {@code Δ·W}, is never needed, so there is no kernel for
 * it. Work is proportional to the non-zeros times the units instead of {@code in} times the
 * units: a hundred times less at 1 % density.
 *
 * <p><b>Summation order</b>, as in {@link Kernels}: each {@code Z[i][j]} is one accumulator from 0
 * over the row's non-zeros in column order, the bias added last, so it equals the dense sum
 * without its zero terms (the same bits up to the sign of a zero); each {@code G[j][c]} receives
 * its row terms in row order, added to G one by one (the dense kernel sums them from 0 and adds
 * the sum, which is the same bits whenever G starts at 0, as a step's gradient does). Neither
 * depends on which rows or units a call covers, so splitting
 * the forward by rows (or units) and the gradient by units gives the same bits for any number of
 * threads.
 */
public final class SparseKernels {

  private SparseKernels() {}

  /**
   * {@code C[i][j] = base_j + Σ_k vals[k] · W[j][cols[k]]} over the non-zeros of rows
   * {@code rowFrom ≤ i < rowTo}, for units {@code 0 ≤ j < units}, where {@code base_j} is
   * {@code bias[biasOff + j]} (or 0 without bias). With {@code wOff}, {@code cOff} and
   * {@code biasOff} advanced to unit {@code j0}, this computes units {@code [j0, j0 + units)}
   * of a layer, which lets threads split a small batch by units.
   *
   * @param rowStart CSR row starts of X
   * @param cols CSR column indices of X
   * @param vals CSR values of X
   * @param w weights, unit {@code j}'s row at {@code wOff + j·in}
   * @param wOff offset of the first computed unit's weights
   * @param in inputs (row length of W)
   * @param c result, element {@code (i, j)} at {@code cOff + i·ldc + j}
   * @param cOff offset of the first computed unit in row 0 of C
   * @param ldc row stride of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param units units computed
   * @param bias biases of these units, or null
   * @param biasOff offset of the first computed unit's bias
   */
  public static void multiplyTransposed(int[] rowStart, int[] cols, double[] vals, double[] w,
      int wOff, int in, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int units,
      double[] bias, int biasOff) {
    for (int i = rowFrom; i < rowTo; i++) {
      int k0 = rowStart[i];
      int k1 = rowStart[i + 1];
      int ci = cOff + i * ldc;
      int j = 0;
      // four units per pass over the row: four independent chains of additions in flight
      for (; j + 3 < units; j += 4) {
        int w0 = wOff + j * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = k0; k < k1; k++) {
          int p = cols[k];
          double v = vals[k];
          s0 = madd(v, w[w0 + p], s0);
          s1 = madd(v, w[w1 + p], s1);
          s2 = madd(v, w[w2 + p], s2);
          s3 = madd(v, w[w3 + p], s3);
        }
        c[ci + j] = base(bias, biasOff + j) + s0;
        c[ci + j + 1] = base(bias, biasOff + j + 1) + s1;
        c[ci + j + 2] = base(bias, biasOff + j + 2) + s2;
        c[ci + j + 3] = base(bias, biasOff + j + 3) + s3;
      }
      for (; j < units; j++) {
        int w0 = wOff + j * in;
        double s = 0;
        for (int k = k0; k < k1; k++) {
          s = madd(vals[k], w[w0 + cols[k]], s);
        }
        c[ci + j] = base(bias, biasOff + j) + s;
      }
    }
  }

  /**
   * {@link #multiplyTransposed} with the weights stored by input (word) instead of by unit, as
   * {@code Network.transposedWeights} gives them for a prediction pass and
   * {@code FirstLayerLayout.toInputMajorLayout} for a training epoch: unit {@code j}'s weight of
   * input {@code p} at {@code wt[p·ldw + wOff + j]}. The units of one input then sit next to each
   * other, so each non-zero of a row adds one contiguous run of weights into C's row, a loop
   * C2 vectorizes, instead of gathering from a row of W per unit (10 MB for 64 units over
   * 20,000 words; bench/README.md, "A lead for sparse data"). The same sums in the same order,
   * so the same bits.
   *
   * @param rowStart CSR row starts of X
   * @param cols CSR column indices of X
   * @param vals CSR values of X
   * @param wt weights by input, row stride {@code ldw}
   * @param wOff offset of the first computed unit within a row of {@code wt}
   * @param ldw row stride of {@code wt} (the layer's units)
   * @param c result, element {@code (i, j)} at {@code cOff + i·ldc + j}
   * @param cOff offset of the first computed unit in row 0 of C
   * @param ldc row stride of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param units units computed
   * @param bias biases of these units, or null
   * @param biasOff offset of the first computed unit's bias
   */
  public static void multiplyByInput(int[] rowStart, int[] cols, double[] vals, double[] wt,
      int wOff, int ldw, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int units,
      double[] bias, int biasOff) {
    for (int i = rowFrom; i < rowTo; i++) {
      int ci = cOff + i * ldc;
      int k = rowStart[i];
      int k1 = rowStart[i + 1];
      // C's row is the running sum of every unit, from 0, one non-zero after the other: a
      // loop over the units that C2 vectorizes; four non-zeros per pass through the row, one
      // after the other within each element, so the row round-trips memory a quarter as often
      for (int j = 0; j < units; j++) {
        c[ci + j] = 0.0;
      }
      for (; k + 3 < k1; k += 4) {
        int q0 = cols[k] * ldw + wOff;
        int q1 = cols[k + 1] * ldw + wOff;
        int q2 = cols[k + 2] * ldw + wOff;
        int q3 = cols[k + 3] * ldw + wOff;
        double v0 = vals[k];
        double v1 = vals[k + 1];
        double v2 = vals[k + 2];
        double v3 = vals[k + 3];
        for (int j = 0; j < units; j++) {
          c[ci + j] = madd(v3, wt[q3 + j],
              madd(v2, wt[q2 + j], madd(v1, wt[q1 + j], madd(v0, wt[q0 + j], c[ci + j]))));
        }
      }
      for (; k < k1; k++) {
        int q = cols[k] * ldw + wOff;
        double v = vals[k];
        for (int j = 0; j < units; j++) {
          c[ci + j] = madd(v, wt[q + j], c[ci + j]);
        }
      }
      addBase(bias, biasOff, c, ci, units);
    }
  }

  /** {@code c[at + j] = base_j + c[at + j]} (base 0 without bias, which makes −0 into +0). */
  private static void addBase(double[] bias, int biasOff, double[] c, int at, int units) {
    if (bias == null) {
      for (int j = 0; j < units; j++) {
        c[at + j] = 0.0 + c[at + j];
      }
    } else {
      for (int j = 0; j < units; j++) {
        c[at + j] = bias[biasOff + j] + c[at + j];
      }
    }
  }

  private static double base(double[] bias, int at) {
    return bias == null ? 0.0 : bias[at];
  }

  /**
   * {@code G[j][cols[k]] += Δ[i][j] · vals[k]} for units {@code unitFrom ≤ j < unitTo}, over the
   * non-zeros of rows {@code rowFrom ≤ i < rowTo} in row order: the first layer's weight
   * gradient {@code G += Δᵀ·X}, touching only the columns present in the batch. A row whose delta
   * for unit {@code j} is exactly 0 (a rectifier's inactive unit, a dropped unit) adds nothing
   * and is skipped.
   *
   * @param d deltas, element {@code (i, j)} at {@code dOff + i·ldd + j}
   * @param dOff offset of Δ
   * @param ldd row stride of Δ (units of the layer)
   * @param rowStart CSR row starts of X
   * @param cols CSR column indices of X
   * @param vals CSR values of X
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param g gradient, element {@code (j, p)} at {@code gOff + j·ldg + p}
   * @param gOff offset of the layer's weight gradient
   * @param ldg row stride of G (the layer's inputs)
   * @param unitFrom first unit, inclusive
   * @param unitTo last unit, exclusive
   */
  public static void addTransposedProduct(double[] d, int dOff, int ldd, int[] rowStart,
      int[] cols, double[] vals, int rowFrom, int rowTo, double[] g, int gOff, int ldg,
      int unitFrom, int unitTo) {
    for (int j = unitFrom; j < unitTo; j++) {
      int gj = gOff + j * ldg;
      for (int i = rowFrom; i < rowTo; i++) {
        double dij = d[dOff + i * ldd + j];
        if (dij == 0) {
          continue;
        }
        for (int k = rowStart[i], k1 = rowStart[i + 1]; k < k1; k++) {
          int at = gj + cols[k];
          g[at] = madd(dij, vals[k], g[at]);
        }
      }
    }
  }

  /**
   * {@link #addTransposedProduct} with the gradient stored by input, as the weights are during a
   * training epoch on sparse rows ({@code FirstLayerLayout.toInputMajorLayout}), and the batch
   * given by columns ({@code model.SparseColumns}): {@code G[c][j] += Δ[i][j] · x_ic} over the
   * entries {@code (i, x_ic)} of each present column {@code c}, unit {@code j}'s gradient of input
   * {@code c} at {@code g[gOff + c·ldg + j]}, for present columns {@code [from, to)}. Each
   * column's run of G is copied to a buffer of this thread, summed there over all its rows (four
   * entries per pass through the run) and copied back. Why the buffer and Δ one array per row:
   * the loop over the units then reads and writes every array from index 0, which C2 vectorizes;
   * on a run of G and a row of Δ at offsets of their own it cannot tell the two arrays apart and
   * runs the loop scalar, on Java 17 and 25 alike (bench/README.md, "The sparse gradient's rows
   * at offset 0"). Every element receives its row terms in row order, as in {@link
   * #addTransposedProduct}; a zero delta adds {@code ±0}, which leaves a gradient that started at
   * +0 as it was, so the result is the same bits as that kernel's, which skips those rows. Which
   * columns a call covers does not change any element, so threads may split the columns any way.
   *
   * @param d deltas, row {@code i}'s {@code units} values from index 0 of {@code d[i]}
   * @param columns the present columns
   * @param starts entry ranges: column {@code columns[t]}'s are {@code [starts[t],
   *     starts[t + 1])}
   * @param rows row of each entry, increasing within a column
   * @param values value of each entry
   * @param from first present column, inclusive
   * @param to last present column, exclusive
   * @param g gradient by input, element {@code (j, c)} at {@code gOff + c·ldg + j}
   * @param gOff offset of the layer's weight gradient
   * @param ldg row stride of G by input (the layer's units)
   * @param units units of the layer
   */
  public static void addTransposedProductByColumn(double[][] d, int[] columns, int[] starts,
      int[] rows, double[] values, int from, int to, double[] g, int gOff, int ldg, int units) {
    double[] run = RUN.acquire().of(units);
    for (int t = from; t < to; t++) {
      int q = gOff + columns[t] * ldg;
      int e = starts[t];
      int e1 = starts[t + 1];
      System.arraycopy(g, q, run, 0, units);
      for (; e + 3 < e1; e += 4) {
        double[] d0 = d[rows[e]];
        double[] d1 = d[rows[e + 1]];
        double[] d2 = d[rows[e + 2]];
        double[] d3 = d[rows[e + 3]];
        double v0 = values[e];
        double v1 = values[e + 1];
        double v2 = values[e + 2];
        double v3 = values[e + 3];
        for (int j = 0; j < units; j++) {
          run[j] = madd(d3[j], v3, madd(d2[j], v2, madd(d1[j], v1, madd(d0[j], v0, run[j]))));
        }
      }
      for (; e < e1; e++) {
        double[] d0 = d[rows[e]];
        double v = values[e];
        for (int j = 0; j < units; j++) {
          run[j] = madd(d0[j], v, run[j]);
        }
      }
      System.arraycopy(run, 0, g, q, units);
    }
  }

  /** One column's run of the gradient, per thread ({@link #addTransposedProductByColumn}). */
  private static final BufferPool<Run> RUN = new BufferPool<>(Run::new);

  /** A buffer that grows to the widest layer asked for. */
  private static final class Run {
    private double[] values = new double[0];

    double[] of(int n) {
      if (values.length < n) {
        values = new double[n];
      }
      return values;
    }
  }
}
