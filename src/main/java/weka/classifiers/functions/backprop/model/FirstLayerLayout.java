package weka.classifiers.functions.backprop.model;

import weka.classifiers.functions.backprop.kernel.Transpose;

/**
 * Where a {@link Network}'s first-layer weights lie in its flat parameters. A saved, copied or
 * predicting network keeps them row-major (unit {@code j}'s weight of input {@code p} at {@code
 * w0 + j·in + p}, {@code w0} = {@link Network#weightOffset}{@code (0)}); a training epoch may
 * switch to one of two layouts that suit its threads or its rows, and back at its end:
 *
 * <ul>
 *   <li>two blocks, one per input half ({@link #toSplitLayout}), for dense rows of at least
 *       {@value #SPLIT_MIN_INPUTS} inputs on two threads;
 *   <li>stored by input ({@link #toInputMajorLayout}), for sparse rows.
 * </ul>
 *
 * Kept apart from the network because it is training's business: the passes ask which layout
 * holds ({@link #inSplitLayout}, {@link #inInputMajorLayout}) and where a half's weights start
 * ({@link #blockRow}); the network refuses to be copied, saved or transposed for prediction
 * while either training layout holds. Not serialized: a network read back is row-major.
 */
public final class FirstLayerLayout {

  /**
   * Fewest inputs for which the first layer's dense forward product is summed in two halves
   * ({@link #inputSplit()}): 784-wide images and the like, where that product is most of a step.
   */
  public static final int SPLIT_MIN_INPUTS = 256;

  private final double[] params;
  private final int w0;
  private final int inputs;
  private final int units;
  /** Whether the weights are in the two-block layout ({@link #toSplitLayout}). */
  private volatile boolean splitLayout;
  /** Whether the weights are stored by input ({@link #toInputMajorLayout}). */
  private volatile boolean inputMajor;

  /**
   * The layout of a row-major first layer.
   *
   * @param params the network's parameters
   * @param w0 where the first layer's weights start in them
   * @param inputs the network's inputs
   * @param units the first layer's units
   */
  FirstLayerLayout(double[] params, int w0, int inputs, int units) {
    this.params = params;
    this.w0 = w0;
    this.inputs = inputs;
    this.units = units;
  }

  /**
   * Where the first layer's dense forward product is cut in two, or 0 when it is summed whole
   * (fewer than {@link #SPLIT_MIN_INPUTS} inputs). With a cut {@code h}, each pre-activation is
   * {@code z_j = (b_j + Σ_{p<h} x_p w_jp) + Σ_{p≥h} x_p w_jp}, each partial sum in order of p,
   * for any number of threads (prediction included), so models stay bit-identical whatever the
   * thread count. What it buys: two threads can each own half of the inputs (their columns of
   * the batch, of W, of its gradient and of the optimizer's state) and exchange only the
   * {@code batch × units} partial sums and deltas, instead of both reading all of W and the
   * batch from the other core's cache every step (bench/README.md, "Inputs split in two").
   * The cut is rounded up to a multiple of 8 values, so that each half of a row starts on a
   * 64-byte line when the row does. Sparse input batches ignore it (their products run over
   * the non-zeros).
   *
   * @return the first input of the second half, or 0
   */
  public int inputSplit() {
    return splitPoint(inputs);
  }

  /**
   * First input of input half {@code half} (0 or 1) of a cut first layer ({@link #inputSplit}).
   *
   * @param half 0 or 1
   * @return 0 for the first half, {@link #inputSplit()} for the second
   */
  public int halfStart(int half) {
    return half == 0 ? 0 : inputSplit();
  }

  /**
   * Inputs in input half {@code half} (0 or 1) of a cut first layer ({@link #inputSplit}).
   *
   * @param half 0 or 1
   * @return the half's width
   */
  public int halfWidth(int half) {
    return half == 0 ? inputSplit() : inputs - inputSplit();
  }

  /**
   * Where unit {@code j}'s weights of input half {@code half} start in the parameters when the
   * first layer is in two blocks ({@link #toSplitLayout}): the first half's block holds every
   * unit's first-half weights, then the second's every unit's second-half weights.
   *
   * @param half 0 or 1
   * @param j unit of the first hidden layer
   * @return the index of the weight of input {@link #halfStart}{@code (half)}
   */
  public int blockRow(int half, int j) {
    int h = inputSplit();
    return w0 + (half == 0 ? j * h : units * h + j * (inputs - h));
  }

  /** Whether the weights are stored in two blocks ({@link #toSplitLayout}), not row-major. */
  public boolean inSplitLayout() {
    return splitLayout;
  }

  /** Whether the weights are stored by input ({@link #toInputMajorLayout}). */
  public boolean inInputMajorLayout() {
    return inputMajor;
  }

  /**
   * Reorders the first layer's weights, in the parameters and in each of {@code companions}
   * (arrays indexed like the parameters: the optimizer's state), from row-major into two
   * blocks: every unit's weights of the first input half, then every unit's of the second
   * ({@link #blockRow}). Why: during a training epoch on two threads each thread computes,
   * updates and keeps in its core's cache one half of the inputs' weights, gradient and
   * optimizer state; in row-major order each row changes halves in the middle of a cache line,
   * which both threads then write every step (bench/README.md, "Inputs split in two"). The
   * passes read either layout; the network's {@code copy}, {@code transposedWeights} and
   * serialization refuse this one, which only the trainer uses, between {@code toSplitLayout}
   * and {@link #toRowMajorLayout}.
   *
   * @param scratch at least {@code inputs · units} values to copy through (its contents are
   *     lost; the trainer lends its gradient buffer, which it clears before the next step anyway)
   * @param companions arrays as long as the parameters, reordered the same way
   * @throws IllegalStateException if the first layer is not cut ({@link #inputSplit()} is 0) or
   *     is not row-major
   */
  public void toSplitLayout(double[] scratch, double[]... companions) {
    if (inputSplit() == 0 || splitLayout || inputMajor) {
      throw new IllegalStateException(splitLayout || inputMajor
          ? "the first layer is not row-major" : "a first layer of " + inputs
              + " inputs is not split");
    }
    reorder(params, true, scratch);
    for (double[] a : companions) {
      reorder(a, true, scratch);
    }
    splitLayout = true;
  }

  /**
   * Stores the first layer's weights by input: unit {@code j}'s weight of input {@code p} at
   * {@code w0 + p·units + j}. Why: on sparse rows a training step reads, and updates, only the
   * weights of the inputs present in the batch; stored by input, those of one input are one
   * contiguous run that the forward product, the weight gradient and the optimizer each handle
   * in one vectorized loop, where row-major order scatters them over {@code units} rows of a
   * matrix as large as 10 MB (bench/README.md, "The wide first layer stored by input"). Only
   * passes over a sparse input batch read this layout; the network's {@code copy}, {@code
   * transposedWeights} and serialization refuse it, and {@link #toRowMajorLayout} undoes it.
   *
   * @param scratch at least {@code inputs · units} values to copy through, as for {@link
   *     #toSplitLayout}
   * @throws IllegalStateException if the first layer is not row-major
   */
  public void toInputMajorLayout(double[] scratch) {
    if (splitLayout || inputMajor) {
      throw new IllegalStateException("the first layer is not row-major");
    }
    transpose(params, true, scratch);
    inputMajor = true;
  }

  /**
   * Transposes the first layer's weights within {@code a}, an array laid out as the parameters
   * (the parameters themselves, or a per-parameter optimizer state that follows them): to
   * stored by input, as {@link #toInputMajorLayout} stores the weights, or back to row-major.
   * Only data moves.
   *
   * @param a the array
   * @param toInputMajor to stored by input (from row-major), else back
   * @param scratch as for {@link #toInputMajorLayout}
   */
  public void transpose(double[] a, boolean toInputMajor, double[] scratch) {
    if (toInputMajor) {
      Transpose.inPlace(a, w0, units, inputs, scratch);
    } else {
      Transpose.inPlace(a, w0, inputs, units, scratch);
    }
  }

  /**
   * Inverse of {@link #toSplitLayout} and of {@link #toInputMajorLayout}: the first layer's
   * weights back in row-major order, in the parameters and, from two blocks, in each of
   * {@code companions}; nothing when they are row-major already.
   *
   * @param scratch as for {@link #toSplitLayout}
   * @param companions the arrays passed to {@link #toSplitLayout}
   */
  public void toRowMajorLayout(double[] scratch, double[]... companions) {
    if (inputMajor) {
      transpose(params, false, scratch);
      inputMajor = false;
      return;
    }
    if (!splitLayout) {
      return;
    }
    reorder(params, false, scratch);
    for (double[] a : companions) {
      reorder(a, false, scratch);
    }
    splitLayout = false;
  }

  /**
   * Moves {@code a}'s first-layer weights into the two blocks, or back to row-major, through
   * {@code old} (no allocation: a fresh 400 KB array per array and epoch cost 4–10 ms an epoch in
   * collections, against 0.1 ms for the copies).
   */
  private void reorder(double[] a, boolean toBlocks, double[] old) {
    System.arraycopy(a, w0, old, 0, units * inputs);
    for (int j = 0; j < units; j++) {
      for (int half = 0; half < 2; half++) {
        int rowMajor = w0 + j * inputs + halfStart(half);
        int block = blockRow(half, j);
        if (toBlocks) {
          System.arraycopy(old, rowMajor - w0, a, block, halfWidth(half));
        } else {
          System.arraycopy(old, block - w0, a, rowMajor, halfWidth(half));
        }
      }
    }
  }

  /** Refuses an operation that reads the weights row-major while a training layout holds. */
  void requireRowMajor(String what) {
    if (splitLayout || inputMajor) {
      throw new IllegalStateException(what + " during a training epoch (the first layer's"
          + " weights are " + (splitLayout ? "in two blocks)" : "stored by input)"));
    }
  }

  /** {@link #inputSplit()} of a first layer with {@code inputs} inputs. */
  static int splitPoint(int inputs) {
    return inputs < SPLIT_MIN_INPUTS ? 0 : (inputs / 2 + 7) / 8 * 8;
  }
}
