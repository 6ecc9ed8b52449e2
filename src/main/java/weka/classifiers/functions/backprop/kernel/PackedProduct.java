package weka.classifiers.functions.backprop.kernel;

/**
 * The blocked path of {@link Kernels}' three products, of which there are two implementations:
 * {@link ScalarPackedProduct} in plain Java (the default, left to HotSpot's auto-vectorizer) and
 * {@code VectorPackedProduct} on the incubating Vector API, used only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector} ({@link KernelRoute}). Both give every element
 * the same bits: one sum per element from 0 in the order {@code p = 0, 1, …}, each term added in
 * the form of {@link MultiplyAdd} (fused where the processor has FMA), the base added last.
 */
interface PackedProduct {

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[p][j]} for {@code rowFrom ≤ i < rowTo},
   * {@code j < cols}: element {@code (i, p)} of X is at {@code xOff + i·xi + p·xp}; element
   * {@code (p, j)} of Y is at {@code yOff + j·ldy + p} when {@code yTransposed} (Y stored
   * {@code cols × ?}, as a layer's weights are for the forward product), else at
   * {@code yOff + p·ldy + j}; the base is C's old value when {@code accumulate}, else the bias
   * of the column (or 0 without bias). With {@code transposeC} the element goes to
   * {@code c[cOff + j·ldc + i]} and the bias is the row's, {@code bias[biasOff + i]}. Needs
   * {@code cols ≥ 1}.
   *
   * @param x left operand
   * @param xOff offset of X
   * @param xi step between rows of X
   * @param xp step between inner indices of X
   * @param y right operand
   * @param yOff offset of Y
   * @param ldy row stride of Y (at least {@code inner} when {@code yTransposed})
   * @param yTransposed whether Y is stored {@code cols × ?} (read along its rows)
   * @param c result
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns
   * @param inner inner dimension
   * @param bias biases, or null
   * @param biasOff offset of the first bias
   * @param accumulate add to C instead of overwriting it
   * @param ldc row stride of C
   * @param transposeC store the product transposed
   */
  void multiply(double[] x, int xOff, int xi, int xp, double[] y, int yOff, int ldy,
      boolean yTransposed, double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner,
      double[] bias, int biasOff, boolean accumulate, int ldc, boolean transposeC);

  /** @return a short name of the route, for benchmark reports ("pure Java", "Vector API ...") */
  String description();

  /**
   * Whether a narrow product ({@link Kernels#transposedPays}) whose weights are also held
   * transposed, as a prediction pass holds them, runs faster transposed (the vectorized loop
   * along C's rows, the input block packed) than plain from the transposed weights (the loop
   * along C's few columns). Measured on a 784-64-10 prediction (bench/README.md, "Prediction
   * blocks computed transposed"): the pure-Java path 1.2× faster transposed, the Vector API path
   * 0.88× (its register tiles do not need long rows).
   *
   * @return whether {@link Kernels#plainWithBiasPays} should send narrow products transposed
   */
  boolean narrowFasterTransposed();

  /**
   * Whether {@link Kernels#multiplyTransposed} should compute a product this route's own way
   * round, {@code Cᵀ = Y·Xᵀ}, beyond {@link Kernels#transposedPays}'s rule (the bits are the same
   * either way). Each product packs its right operand: Y ({@code cols × inner}) as it stands, X
   * ({@code rows × inner}) when turned round.
   *
   * @param rows rows of C
   * @param cols columns of C
   * @param inner inner dimension
   * @return whether to turn the product round; false unless a route overrides it
   */
  default boolean wideFasterTransposed(int rows, int cols, int inner) {
    return false;
  }

  /**
   * Writes one finished row of sums to C, the base added last (see {@link #multiply}): sums
   * {@code s[sOff .. sOff + nc)} are columns {@code j0 ..} of product row {@code i}.
   *
   * @param s the sums
   * @param sOff offset of the row's first sum
   * @param nc columns in the row
   * @param i product row
   * @param j0 product column of the first sum
   * @param c result
   * @param cOff offset of C
   * @param ldc row stride of C
   * @param bias biases, or null
   * @param biasOff offset of the first bias
   * @param accumulate add to C's old values
   * @param transposeC store the row as a column of C
   */
  static void storeRow(double[] s, int sOff, int nc, int i, int j0, double[] c, int cOff,
      int ldc, double[] bias, int biasOff, boolean accumulate, boolean transposeC) {
    if (transposeC) {
      // row i of the product is column i of C: one bias for the whole row
      double bi = bias == null ? 0.0 : bias[biasOff + i];
      for (int j = 0, at = cOff + j0 * ldc + i; j < nc; j++, at += ldc) {
        c[at] = (accumulate ? c[at] : bi) + s[sOff + j];
      }
      return;
    }
    int co = cOff + i * ldc + j0;
    if (accumulate) {
      for (int j = 0; j < nc; j++) {
        c[co + j] = c[co + j] + s[sOff + j];
      }
    } else if (bias != null) {
      int bo = biasOff + j0;
      for (int j = 0; j < nc; j++) {
        c[co + j] = bias[bo + j] + s[sOff + j];
      }
    } else {
      for (int j = 0; j < nc; j++) {
        c[co + j] = 0.0 + s[sOff + j]; // base 0 added last, as in the contract
      }
    }
  }
}
