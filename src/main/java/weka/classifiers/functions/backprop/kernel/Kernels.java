package weka.classifiers.functions.backprop.kernel;

import static weka.classifiers.functions.backprop.kernel.MultiplyAdd.madd;

/**
 * The dense linear algebra of backpropagation on flat row-major {@code double[]} matrices.
 * Everything the training spends its time on passes through these products, so they are the
 * loops worth tuning.
 *
 * <p>With a mini-batch {@code A} ({@code n × in}), a layer's weights {@code W}
 * ({@code out × in}) and the batch's output gradients {@code Δ} ({@code n × out}),
 * backpropagation (Rumelhart, Hinton &amp; Williams 1986) needs three products: the forward
 * {@code Z = A·Wᵀ} ({@link #multiplyTransposed}: both operands read along their rows), the
 * propagated gradient {@code Δ_prev = Δ·W} ({@link #multiplyPlain}: W as stored) and the weight
 * gradient {@code G = Δᵀ·A} ({@link #addTransposedProduct}: Δ and A as stored). None needs a
 * transposed copy of its operands: the packing step below reads them in whichever layout they
 * have, so no training step spends time transposing matrices.
 *
 * <p><b>Summation order.</b> Every element {@code C[i][j]} is summed by one accumulator that
 * starts at 0 and adds its products for {@code p = 0, 1, …, inner−1} in that order, each with
 * {@link MultiplyAdd#madd} (a fused multiply-add where the processor has one, decided once per
 * JVM); the base (bias, old value or 0) is added last. Its value therefore does not depend on which
 * rows or columns are processed together, which is what makes the multithreaded training
 * bit-for-bit equal to the single-threaded one, and every code path below gives the same bits.
 *
 * <p><b>Speed: two routes, the same bits.</b> The order above forbids splitting the sum over
 * {@code p}, so SIMD lanes must run across output columns {@code j}. Products of eight or more
 * columns go through a blocked path ({@link PackedProduct}) that packs a block of {@code Y} and
 * keeps running sums of a block of {@code C}, after Goto &amp; van de Geijn (2008), "Anatomy of
 * high-performance matrix multiplication", ACM TOMS 34(3). It has two implementations, chosen
 * once when this class loads ({@link KernelRoute}):
 * <ul>
 *   <li>{@link ScalarPackedProduct}, plain Java that HotSpot's C2 auto-vectorizes: the default,
 *       and all a JVM without the Vector API ever loads. Its sums live in L1-resident arrays,
 *       which caps it near 45 % of an AVX-512 core's peak (why: bench/README.md).
 *   <li>{@code VectorPackedProduct}, on the incubating Vector API ({@code jdk.incubator.vector},
 *       JDK 16+): used only when the JVM was started with
 *       {@code --add-modules jdk.incubator.vector} and the system property
 *       {@code weka.backpropmlp.vector} is not {@code off}. It keeps a tile of 4 rows by 4 full
 *       vectors of sums in registers across the whole inner block, broadcasting X and streaming a
 *       packed sliver of Y; each step is a vector multiply-add of {@link MultiplyAdd}'s form, so
 *       every lane does the scalar path's {@code s ← s + x·y} in the same order. It is taken only
 *       where that form is fused (see {@link KernelRoute}).
 * </ul>
 * Both give bit-identical results (tested element by element and on whole trained models), so
 * a model does not depend on the route any more than on the thread count. The buffers come from
 * small pools shared by all threads, so the kernels allocate nothing once the pools are filled.
 */
public final class Kernels {

  /**
   * Products with fewer columns than this may go transposed ({@link #transposedPays}): the
   * column block both paths had when that route was measured (the pure-Java path's block has
   * since grown to {@link PanelSums#NC}; the Vector API path's is still 128).
   */
  static final int NARROW_COLS = 128;
  /**
   * Below this many columns the packed path, run along C's columns, costs more than it saves
   * (such products go transposed or to the dot products: {@link #transposedPays}).
   */
  private static final int MIN_PACKED_COLS = 8;
  /**
   * Below this many rows a product with Y stored {@code cols × inner} skips the packed path: its
   * packing transposes all of Y's block for these few rows (for one 784-input row and 64 units,
   * 50,000 values moved for as many multiply-adds), where dot products read Y as it is stored.
   * A single instance's prediction is such a product.
   */
  static final int MIN_PACKED_ROWS = 4;
  /** Fewest columns for which a product may be computed transposed ({@link #transposedPays}). */
  static final int MIN_TRANSPOSED_COLS = 16;
  /** Fewest columns of a product under {@link #MIN_TRANSPOSED_COLS} that goes transposed. */
  static final int MIN_VERY_NARROW_COLS = 3;
  /** Fewest rows of a product under {@link #MIN_TRANSPOSED_COLS} columns that goes transposed. */
  static final int MIN_VERY_NARROW_ROWS = 16;

  /**
   * Rows a product needs for the pure-Java path, computing it transposed ({@link
   * #transposedPays}), to run its vectorized loop at full length ({@link PanelSums#NC}):
   * how many rows a prediction block should have at least.
   */
  public static final int FULL_ROW_BLOCK = PanelSums.NC;

  /** The blocked path in use, chosen once when the class loads (see {@link KernelRoute}). */
  private static volatile PackedProduct packed = KernelRoute.select();

  private Kernels() {}

  /**
   * Which blocked path the products use: {@code "pure Java"} (with {@code ", 4 steps of p a
   * pass"} on a JVM that runs that loop, see {@code ScalarPackedProduct.steps}), or a description
   * of the Vector API path when the JVM was started with {@code --add-modules
   * jdk.incubator.vector} (and the system property {@code weka.backpropmlp.vector} is not
   * {@code off}); for benchmark reports.
   *
   * @return the name of the route
   */
  public static String route() {
    return packed.description();
  }

  /** Replaces the blocked path (tests and in-process A/B benchmarks of the two routes). */
  static void use(PackedProduct route) {
    packed = route;
  }

  /** @return the blocked path in use */
  static PackedProduct packed() {
    return packed;
  }

  /**
   * Gives the calling thread its scratch buffers now, for a thread that is about to run
   * products (each thread keeps its own, about half a megabyte): its first product then runs
   * the same code as every later one, which spares the JIT compiler a recompilation.
   */
  public static void takeThreadBuffers() {
    BufferPool.takeThreadBuffers();
  }

  /**
   * Hands the calling thread's scratch buffers back for other threads to reuse, for a thread
   * that is about to end. Calling it from a thread that will run products again is safe: its
   * next product takes a buffer anew.
   */
  public static void returnThreadBuffers() {
    BufferPool.returnThreadBuffers();
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[j][p]} for rows {@code rowFrom ≤ i < rowTo} and
   * all {@code 0 ≤ j < cols}, where {@code base} is {@code C[i][j]} itself when
   * {@code accumulate}, else {@code bias[biasOff + j]} (or 0 without bias). The sum is formed
   * in index order by one accumulator and the base added last (see the class comment).
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}, used transposed
   * @param yOff offset of Y
   * @param c result ({@code rows × cols}) at {@code cOff}
   * @param cOff offset of C
   * @param rowFrom first row of X and C, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns of C (rows of Y)
   * @param inner inner dimension
   * @param bias biases added to every row, or null
   * @param biasOff offset of the biases
   * @param accumulate add to C instead of overwriting it
   */
  public static void multiplyTransposed(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate) {
    multiplyTransposed(x, xOff, y, yOff, c, cOff, rowFrom, rowTo, cols, inner, bias, biasOff,
        accumulate, cols);
  }

  /**
   * {@link #multiplyTransposed} into a block of a wider matrix: row {@code i} of C starts at
   * {@code cOff + i · ldc}. With {@code y}, {@code cOff} and {@code biasOff} advanced to column
   * {@code j0}, this computes columns {@code [j0, j0 + cols)} of a product, which lets threads
   * split a product by columns; every element gets the same bits as in a full call.
   *
   * @param x left matrix at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}
   * @param yOff offset of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C's first computed element of row 0
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param bias biases of these columns, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   * @param ldc row stride of C (≥ cols)
   */
  public static void multiplyTransposed(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate, int ldc) {
    multiplyTransposedStrided(x, xOff, inner, y, yOff, inner, c, cOff, ldc, rowFrom, rowTo, cols,
        inner, bias, biasOff, accumulate);
  }

  /**
   * {@link #multiplyTransposed} with row strides of their own for X and Y: element
   * {@code (i, p)} of X is at {@code xOff + i·ldx + p}, element {@code (j, p)} of Y at
   * {@code yOff + j·ldy + p}. With both offsets advanced to {@code p0} this sums over the slice
   * {@code [p0, p0 + inner)} of a wider inner dimension, as the first layer's two input halves
   * do ({@code FirstLayerLayout.inputSplit}); each element is still one sum from 0 in order of p,
   * the base added last.
   *
   * @param x left matrix at {@code xOff}, row stride {@code ldx}
   * @param xOff offset of X's first used element
   * @param ldx row stride of X (≥ inner)
   * @param y right matrix ({@code cols} rows) at {@code yOff}, row stride {@code ldy}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y (≥ inner)
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param ldc row stride of C (≥ cols)
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner steps summed
   * @param bias biases of these columns, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   */
  public static void multiplyTransposedStrided(
      double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, double[] c, int cOff,
      int ldc, int rowFrom, int rowTo, int cols, int inner, double[] bias, int biasOff,
      boolean accumulate) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    int rows = rowTo - rowFrom;
    if (transposedPays(rows, cols) || packed.wideFasterTransposed(rows, cols, inner)) {
      // Cᵀ = Y·Xᵀ: the loop along C's more numerous rows, or the route packs the smaller X
      packed.multiply(y, yOff, ldy, 1, x, xOff + rowFrom * ldx, ldx, true, c,
          cOff + rowFrom * ldc, 0, cols, rows, inner, bias, biasOff, accumulate, ldc, true);
    } else if (((cols - MIN_PACKED_COLS) | (rows - MIN_PACKED_ROWS)) < 0) {
      // cols < MIN_PACKED_COLS or rows < MIN_PACKED_ROWS as one branch: its profile sees the
      // narrow outputs that take it every step, so a first short batch of a few rows on a
      // wider product does not meet a test C2 had compiled as never true (an unstable_if
      // deoptimization and a recompilation in the middle of a build)
      DotProducts.multiply(x, xOff, ldx, y, yOff, ldy, c, cOff, rowFrom, rowTo, cols, inner, bias,
          biasOff, accumulate, ldc);
    } else {
      packed.multiply(x, xOff, ldx, 1, y, yOff, ldy, true, c, cOff, rowFrom, rowTo, cols, inner,
          bias, biasOff, accumulate, ldc, false);
    }
  }

  /**
   * Whether {@link #multiplyTransposed} computes {@code Cᵀ = Y·Xᵀ} instead: for narrow products
   * ({@value #MIN_TRANSPOSED_COLS} to {@code NARROW_COLS − 1} columns) with at least 1.5 times
   * as many rows as columns, as a hidden layer of 16-127 units over a prediction block or a
   * thread's share of columns over a mini-batch; and for the very narrow ones ({@value
   * #MIN_VERY_NARROW_COLS} to {@value #MIN_TRANSPOSED_COLS} − 1 columns, an output layer of a
   * few classes) over at least {@value #MIN_VERY_NARROW_ROWS} rows, which otherwise take the
   * scalar dot products (under 8 columns) or a vectorized loop of one short pass. The vectorized
   * loop then runs over up to a block of rows of C instead of its few columns (fewer, longer
   * passes for the same multiply-adds). The bits are the same either way: each element is still
   * one sum in order of p, base last. Measured (bench/README.md, "Output layers of a few
   * classes"): a 32-row batch over 64 units into 7 outputs 1.7× faster, into 10 outputs 1.7×,
   * into 3 1.1×; into 2 or 1 output the dot products stay faster. The very narrow ones only
   * on a route that runs narrow products faster so ({@code PackedProduct.narrowFasterTransposed}):
   * the Vector API route's tiles run as fast along a few columns, and turned round, the output
   * layer over an epoch's last, shorter mini-batch (16 rows of 10,000 in batches of 32) took a
   * tile shape no full mini-batch takes, which stayed interpreted and allocated its vectors, 74
   * KB an epoch (bench/README.md, "Vector API tiles without helpers").
   */
  static boolean transposedPays(int rows, int cols) {
    if (cols < MIN_TRANSPOSED_COLS) {
      return packed.narrowFasterTransposed() && cols >= MIN_VERY_NARROW_COLS
          && rows >= MIN_VERY_NARROW_ROWS;
    }
    return narrowOverRows(rows, cols);
  }

  /** Narrow ({@link #NARROW_COLS}) with 1.5× as many rows: longer loops along the rows. */
  private static boolean narrowOverRows(int rows, int cols) {
    return cols < NARROW_COLS && 2L * rows >= 3L * cols;
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[p][j]}: {@link #multiplyTransposed} with the right
   * operand stored untransposed ({@code inner × ?} rows of stride {@code ldy}), as a layer's
   * weights {@code W} ({@code out × in}) are for the propagated gradient {@code Δ·W}. The same
   * contract and bits as {@code multiplyTransposed} with {@code Yᵀ}; the packing copies rows
   * instead of transposing.
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix at {@code yOff}: element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param ldc row stride of C (≥ cols)
   */
  public static void multiplyPlain(double[] x, int xOff, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, int ldc) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    if (inner == 1) {
      outerProduct(x, xOff, y, yOff, c, cOff, ldc, rowFrom, rowTo, cols);
      return;
    }
    if (cols < MIN_PACKED_COLS) {
      plainSums(x, xOff, inner, 1, y, yOff, ldy, c, cOff, ldc, rowFrom, rowTo, cols, inner,
          false);
      return;
    }
    packed.multiply(x, xOff, inner, 1, y, yOff, ldy, false, c, cOff, rowFrom, rowTo, cols,
        inner, null, 0, false, ldc, false);
  }

  /**
   * {@link #multiplyPlain} over one inner step, {@code C[i][j] = 0 + X[i][0]·Y[0][j]}: the gradient
   * propagated from a single output unit (a numeric class). One product per element, the bits
   * of the contract ({@code madd(a, b, +0)} and {@code 0 + a·b} agree, the sign of a zero
   * included) for finite operands, where the packed path packed a one-row panel, padded the step
   * to a pair with a zero row and kept the sums in a block: cpu's 10-fold run (6-24-1) took 6 %
   * less CPU this way (bench/README.md, "Narrow gradients turned round").
   */
  private static void outerProduct(double[] x, int xOff, double[] y, int yOff, double[] c,
      int cOff, int ldc, int rowFrom, int rowTo, int cols) {
    for (int i = rowFrom; i < rowTo; i++) {
      double a = x[xOff + i];
      for (int j = 0, co = cOff + i * ldc; j < cols; j++) {
        c[co + j] = 0.0 + a * y[yOff + j];
      }
    }
  }

  /**
   * {@code C[i][j] = bias[biasOff + j] + Σ_p X[i][p] · Y[p][j]}: {@link #multiplyPlain} with a
   * bias, for a forward product whose weights are held transposed ({@code in × out}, as a
   * prediction pass keeps them; see {@code Network.transposedWeights}). The packing then copies
   * rows instead of transposing a block of W for every block of rows; the bits are those of
   * {@link #multiplyTransposed} with W as stored. Needs {@code cols ≥ 8}, the packed path's
   * width (narrower products have to use {@code multiplyTransposed}).
   *
   * @param x left matrix ({@code rows × inner}) at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix at {@code yOff}: element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed (at least 8)
   * @param inner inner dimension
   * @param bias biases of these columns
   * @param biasOff offset of the first column's bias
   * @param ldc row stride of C (≥ cols)
   * @throws IllegalArgumentException if {@code cols} is below 8
   */
  public static void multiplyPlainWithBias(double[] x, int xOff, double[] y, int yOff, int ldy,
      double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner, double[] bias,
      int biasOff, int ldc) {
    multiplyPlainStrided(x, xOff, inner, y, yOff, ldy, c, cOff, ldc, rowFrom, rowTo, cols, inner,
        bias, biasOff, false);
  }

  /**
   * {@link #multiplyPlainWithBias} with a row stride of its own for X (element {@code (i, p)}
   * at {@code xOff + i·ldx + p}) and the choice to add to C: with X's offset advanced to
   * {@code p0} and Y's to row {@code p0}, it sums over the slice {@code [p0, p0 + inner)} of a
   * wider inner dimension (the first layer's input halves, {@code FirstLayerLayout.inputSplit}).
   * The base is C's old value when {@code accumulate}, else the bias (or 0 without one).
   *
   * @param x left matrix at {@code xOff}, row stride {@code ldx}
   * @param xOff offset of X's first used element
   * @param ldx row stride of X (≥ inner)
   * @param y right matrix at {@code yOff}: element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y's first used element
   * @param ldy row stride of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param ldc row stride of C (≥ cols)
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed (at least 8)
   * @param inner inner steps summed
   * @param bias biases of these columns, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   * @throws IllegalArgumentException if {@code cols} is below 8
   */
  public static void multiplyPlainStrided(double[] x, int xOff, int ldx, double[] y, int yOff,
      int ldy, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int cols, int inner,
      double[] bias, int biasOff, boolean accumulate) {
    if (cols < MIN_PACKED_COLS) {
      throw new IllegalArgumentException("the packed plain product needs at least "
          + MIN_PACKED_COLS + " columns, got " + cols);
    }
    if (rowTo <= rowFrom) {
      return;
    }
    packed.multiply(x, xOff, ldx, 1, y, yOff, ldy, false, c, cOff, rowFrom, rowTo, cols, inner,
        bias, biasOff, accumulate, ldc, false);
  }

  /**
   * A layer's product for a block of rows with the units along C's rows, for a prediction pass
   * that keeps hidden activations by unit ({@code ByUnitPrediction}): {@code C[u][r] = base +
   * Σ_p W[u][p] · Y[r][p]} for units {@code u < units} and rows {@code r < rows}, each element
   * one sum in order of p with the base added last, as in {@link #multiplyTransposed}, so the
   * bits are those of the same product stored by row. W is {@code units × inner} at {@code wOff}
   * with row stride {@code ldw}; Y holds row {@code r}'s value {@code p} at {@code yOff + r·ldy +
   * p} when {@code yByRow} (an input block), else at {@code yOff + p·ldy + r} (the previous
   * layer's activations by unit). With {@code cByRow} the result goes to C by row, element
   * {@code (u, r)} at {@code cOff + r·ldc + u} with base {@code bias[biasOff + u]} (the output
   * layer, whose transform needs whole rows); otherwise at {@code cOff + u·ldc + r} with base
   * C's old value when {@code accumulate}, else 0, the caller adding a unit's bias after (an
   * exact zero plus a sum is the sum, but for a sum that rounded to −0, which only a fused
   * product's underflow gives, against a bias of −0). Why: the pure-Java route
   * computes a narrow layer over a block of rows transposed anyway, with its vectorized loop
   * along the rows; by-unit activations spare it transposing each layer's result into rows and
   * back into the next layer's panel.
   *
   * @param w the weights, row stride {@code ldw}
   * @param wOff offset of unit 0's first weight used
   * @param ldw row stride of W
   * @param units units (rows of W)
   * @param y the layer's input at {@code yOff}, laid out as {@code yByRow} says
   * @param yOff offset of Y
   * @param ldy stride of Y between rows ({@code yByRow}) or between inputs
   * @param yByRow whether Y is stored by row
   * @param rows rows of the block
   * @param inner inputs summed
   * @param c result
   * @param cOff offset of C
   * @param ldc stride of C between rows ({@code cByRow}) or between units
   * @param cByRow whether C is stored by row
   * @param bias biases per unit when {@code cByRow}, else null
   * @param biasOff offset of unit 0's bias
   * @param accumulate add to C instead of overwriting it (by unit only)
   * @throws IllegalArgumentException if a by-unit product is given a bias
   */
  public static void multiplyByUnit(double[] w, int wOff, int ldw, int units, double[] y,
      int yOff, int ldy, boolean yByRow, int rows, int inner, double[] c, int cOff, int ldc,
      boolean cByRow, double[] bias, int biasOff, boolean accumulate) {
    if (!cByRow && bias != null) {
      throw new IllegalArgumentException("a product by unit takes its bias from the caller");
    }
    if (units <= 0 || rows <= 0) {
      return;
    }
    packed.multiply(w, wOff, ldw, 1, y, yOff, ldy, yByRow, c, cOff, 0, units, rows, inner, bias,
        biasOff, accumulate, ldc, cByRow);
  }

  /**
   * Whether a prediction block of {@code rows} rows through a hidden layer of {@code units}
   * units is faster with the activations by unit ({@link #multiplyByUnit}): on a route that runs
   * narrow products transposed ({@code PackedProduct.narrowFasterTransposed}), for the products
   * that route computes transposed ({@link #transposedPays}, widths of 16 to 127), and for
   * narrower layers over a block of rows that such a product would take too.
   *
   * @param rows rows of the block
   * @param units units of the hidden layer
   * @return whether to keep that layer's activations by unit
   */
  public static boolean byUnitPays(int rows, int units) {
    return packed.narrowFasterTransposed() && narrowOverRows(rows, units)
        && rows >= MIN_VERY_NARROW_ROWS;
  }

  /** Whether {@link #multiplyPlainWithBias} takes a product of {@code cols} columns. */
  public static boolean plainWithBiasTakes(int cols) {
    return cols >= MIN_PACKED_COLS;
  }

  /**
   * Whether a forward product whose weights are held both ways (as stored, and transposed as a
   * prediction pass keeps them) is faster through {@link #multiplyPlainWithBias} (or {@link
   * #multiplyPlainStrided}) than through {@link #multiplyTransposed} (or {@link
   * #multiplyTransposedStrided}): when the plain product takes it, unless it is narrow enough to
   * go transposed ({@link #transposedPays}) on a path that runs such products faster so
   * ({@code PackedProduct.narrowFasterTransposed}). Either way the bits are the same.
   *
   * @param rows rows of the product
   * @param cols columns of the product
   * @return whether to use the plain product with the transposed weights
   */
  public static boolean plainWithBiasPays(int rows, int cols) {
    return plainWithBiasTakes(cols) && !narrowTurnedRoundPays(rows, cols);
  }

  /**
   * Whether a product of {@code rows × cols} is narrow enough to go transposed ({@link
   * #transposedPays}) and the route runs such products faster so ({@code
   * PackedProduct.narrowFasterTransposed}): true on the pure-Java route only. The forward
   * products ({@link #multiplyTransposedStrided}) take {@link #transposedPays} on both routes;
   * the choice of a forward product's form where its weights are held both ways ({@link
   * #plainWithBiasPays}) and the weight gradients ({@link #addTransposedProduct}) take this,
   * because only the pure route was measured faster turned round there (bench/README.md,
   * "Narrow gradients turned round"); the Vector API route's gradients turned round by the
   * forward rule ran no faster (servo's and diabetes' 10-fold runs within ±3 %, bench/README.md,
   * "Run of 2026-12-06 (thirty-third session)").
   */
  private static boolean narrowTurnedRoundPays(int rows, int cols) {
    return packed.narrowFasterTransposed() && transposedPays(rows, cols);
  }

  /**
   * {@code C[i][j] += Σ_p X[p][i] · Y[p][j]} (or {@code =} without {@code accumulate}) for
   * {@code rowFrom ≤ i < rowTo}, {@code j < cols}: the weight gradient {@code G = Δᵀ·A} straight
   * from the batch's deltas {@code Δ} ({@code inner × ?}, row stride {@code ldx}) and
   * activations {@code A} (row stride {@code ldy}), without transposing either. Each element is
   * summed by one accumulator from 0 in the order {@code p = 0, 1, …} and then added to C (or
   * 0), as in {@link #multiplyTransposed} (so the bits equal {@code multiplyTransposed(Δᵀ, Aᵀ)}).
   *
   * @param x left operand, element {@code (p, i)} at {@code xOff + p·ldx + i}
   * @param xOff offset of X
   * @param ldx row stride of X
   * @param y right operand, element {@code (p, j)} at {@code yOff + p·ldy + j}
   * @param yOff offset of Y
   * @param ldy row stride of Y
   * @param c result, element {@code (i, j)} at {@code cOff + i·ldc + j}
   * @param cOff offset of C
   * @param ldc row stride of C
   * @param rowFrom first row of C, inclusive
   * @param rowTo last row of C, exclusive
   * @param cols columns of C
   * @param inner inner dimension (rows of X and Y)
   * @param accumulate whether to add to C; else C gets 0 + its sum without being read, the
   *     bits of adding to a C of +0
   */
  public static void addTransposedProduct(double[] x, int xOff, int ldx, double[] y, int yOff,
      int ldy, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int cols, int inner,
      boolean accumulate) {
    if (rowTo <= rowFrom || cols <= 0) {
      return;
    }
    int rows = rowTo - rowFrom;
    if (cols < MIN_PACKED_COLS && rows < MIN_PACKED_COLS) {
      // too small on both sides for the packed path (fewer than eight units and inputs)
      plainSums(x, xOff, 1, ldx, y, yOff, ldy, c, cOff, ldc, rowFrom, rowTo, cols, inner,
          accumulate);
      return;
    }
    if (cols < MIN_PACKED_COLS || narrowTurnedRoundPays(rows, cols)) {
      // C narrow but tall (a first layer with a few inputs): compute Cᵀ = Yᵀ·X, whose rows
      // are long enough for the vectorized loop, and add it to C transposed. On a route that
      // runs narrow products faster so, also for 8+ columns by the forward products' rule: a
      // first layer of 12 inputs and 48 units had its gradient's vectorized loop run along the
      // 12 inputs instead of the 48 units, and servo's 10-fold run took 7-10 % less CPU turned
      // round (bench/README.md, "Narrow gradients turned round")
      packed.multiply(y, yOff, 1, ldy, x, xOff + rowFrom, ldx, false, c, cOff + rowFrom * ldc, 0,
          cols, rows, inner, null, 0, accumulate, ldc, true);
    } else {
      packed.multiply(x, xOff, 1, ldx, y, yOff, ldy, false, c, cOff, rowFrom, rowTo, cols, inner,
          null, 0, accumulate, ldc, false);
    }
  }

  /**
   * {@code C[i][j] = base + Σ_p X[i][p] · Y[p][j]} with one plain sum per element, for products
   * too narrow for the packed path: X's element {@code (i, p)} at {@code xOff + i·xi + p·xp}
   * (as in {@link PackedProduct#multiply}), Y's {@code (p, j)} at {@code yOff + p·ldy + j}; the
   * base is C's old value when {@code accumulate}, else 0.
   */
  private static void plainSums(double[] x, int xOff, int xi, int xp, double[] y, int yOff,
      int ldy, double[] c, int cOff, int ldc, int rowFrom, int rowTo, int cols, int inner,
      boolean accumulate) {
    for (int i = rowFrom; i < rowTo; i++) {
      int c0 = cOff + i * ldc;
      for (int j = 0; j < cols; j++) {
        double s = 0;
        for (int p = 0, xa = xOff + i * xi, yb = yOff + j; p < inner; p++, xa += xp, yb += ldy) {
          s = madd(x[xa], y[yb], s);
        }
        c[c0 + j] = (accumulate ? c[c0 + j] : 0.0) + s;
      }
    }
  }

  /**
   * The unpacked path for narrow outputs: dot products along the rows of X and Y, four rows by
   * two columns of C per pass over the inner dimension (grown from the project's first kernel,
   * which had 2×2; the benchmark keeps it as a baseline). Same contract, parameters and bits as
   * {@link #multiplyTransposed}.
   *
   * @param x left matrix at {@code xOff}
   * @param xOff offset of X
   * @param y right matrix ({@code cols × inner}) at {@code yOff}
   * @param yOff offset of Y
   * @param c result at {@code cOff}, row stride {@code ldc}
   * @param cOff offset of C
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param cols columns computed
   * @param inner inner dimension
   * @param bias biases, or null
   * @param biasOff offset of the first column's bias
   * @param accumulate add to C instead of overwriting it
   * @param ldc row stride of C
   */
  public static void multiplyDot(
      double[] x, int xOff, double[] y, int yOff, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate, int ldc) {
    DotProducts.multiply(x, xOff, inner, y, yOff, inner, c, cOff, rowFrom, rowTo, cols, inner,
        bias, biasOff, accumulate, ldc);
  }

  /**
   * {@code c[cOff + j] = base + Σ_i X[i][j]} for the columns {@code from ≤ j < to} of rows
   * {@code rowFrom ≤ i < rowTo} of X (element {@code (i, j)} at {@code i · ldx + j}): each
   * column summed from +0 in order of i, then added to its base, C's old value with {@code
   * accumulate}, else none (a sum of additions from +0 is never −0, so that is the bits of adding
   * it to +0). A layer's bias gradient, {@code g_b = Σ_i Δ_i}. Eight columns a pass, so eight
   * independent sums take each row's eight neighbouring values, held in registers; the loop along
   * the rows that kept a row of running sums in memory (a load and a store per element, a loop
   * C2 leaves scalar) took about twice as long (bench/README.md, "Bias gradients by columns").
   *
   * @param x matrix, row stride {@code ldx}
   * @param ldx row stride of X
   * @param rowFrom first row, inclusive
   * @param rowTo last row, exclusive
   * @param from first column, inclusive
   * @param to last column, exclusive
   * @param c receives column j's sum at {@code cOff + j}
   * @param cOff offset of column 0's sum in C
   * @param accumulate add each sum to C's old value instead of storing it
   */
  public static void addColumnSums(double[] x, int ldx, int rowFrom, int rowTo, int from,
      int to, double[] c, int cOff, boolean accumulate) {
    int end = rowTo * ldx;
    int j = from;
    for (; j + 7 < to; j += 8) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      for (int at = rowFrom * ldx + j; at < end; at += ldx) {
        s0 += x[at];
        s1 += x[at + 1];
        s2 += x[at + 2];
        s3 += x[at + 3];
        s4 += x[at + 4];
        s5 += x[at + 5];
        s6 += x[at + 6];
        s7 += x[at + 7];
      }
      int k = cOff + j;
      c[k] = accumulate ? c[k] + s0 : s0;
      c[k + 1] = accumulate ? c[k + 1] + s1 : s1;
      c[k + 2] = accumulate ? c[k + 2] + s2 : s2;
      c[k + 3] = accumulate ? c[k + 3] + s3 : s3;
      c[k + 4] = accumulate ? c[k + 4] + s4 : s4;
      c[k + 5] = accumulate ? c[k + 5] + s5 : s5;
      c[k + 6] = accumulate ? c[k + 6] + s6 : s6;
      c[k + 7] = accumulate ? c[k + 7] + s7 : s7;
    }
    for (; j < to; j++) {
      double s = 0;
      for (int at = rowFrom * ldx + j; at < end; at += ldx) {
        s += x[at];
      }
      c[cOff + j] = accumulate ? c[cOff + j] + s : s;
    }
  }

  /**
   * Squared Euclidean norm of {@code x[from .. to)}, with eight interleaved accumulators (element
   * {@code from + 8q + r} goes to accumulator r, the tail to accumulator 0, each square added by
   * {@link MultiplyAdd#madd}) combined as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 +
   * s7))}: a fixed order, so the same bits every time. Why eight: C2 leaves a sum of doubles
   * scalar (vectorizing it would reorder the additions), so the dependent additions of one
   * accumulator bound the loop; eight fused ones took two thirds of four's time, as little as
   * sixteen (bench/README.md, "Gradient norms by eight"), and leave registers to spare where the
   * CPU has sixteen (AVX2).
   */
  public static double squaredNorm(double[] x, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = from;
    for (; i + 7 < to; i += 8) {
      s0 = MultiplyAdd.madd(x[i], x[i], s0);
      s1 = MultiplyAdd.madd(x[i + 1], x[i + 1], s1);
      s2 = MultiplyAdd.madd(x[i + 2], x[i + 2], s2);
      s3 = MultiplyAdd.madd(x[i + 3], x[i + 3], s3);
      s4 = MultiplyAdd.madd(x[i + 4], x[i + 4], s4);
      s5 = MultiplyAdd.madd(x[i + 5], x[i + 5], s5);
      s6 = MultiplyAdd.madd(x[i + 6], x[i + 6], s6);
      s7 = MultiplyAdd.madd(x[i + 7], x[i + 7], s7);
    }
    for (; i < to; i++) {
      s0 = MultiplyAdd.madd(x[i], x[i], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
