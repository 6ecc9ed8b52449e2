package weka.classifiers.functions.backprop.model;

/**
 * The pieces of a training step on a first layer in two blocks ({@link
 * FirstLayerLayout#toSplitLayout}) for two threads that each run one input half of every step of
 * an epoch and meet only where the halves' results must cross ({@code PairedSteps}): each
 * thread's half of the forward product and of the weight gradient, and, on one thread, the rest
 * of the forward pass and of the backward pass. Every element is computed by the same operations
 * in the same order as in {@link Network#forward} and {@link Network#backward}, so the model is
 * the same to the bit. One object per thread, kept for many epochs, so that a step allocates
 * nothing; {@link #bind} before an epoch's steps, {@link #unbind} after.
 */
public final class HalfStepPass {

  private final BatchPass pass;

  HalfStepPass(Network net) {
    pass = new BatchPass(net);
  }

  /**
   * Binds the workspace whose input batch is in blocks ({@link Workspace#setInputInBlocks}), and
   * the dropout of the thread that runs the rest of the passes (null on the other).
   *
   * @param ws the epoch's workspace
   * @param dropout the step's dropout, or null
   */
  public void bind(Workspace ws, Dropout dropout) {
    pass.bind(ws, dropout);
  }

  /** Lets go of the workspace and dropout. */
  public void unbind() {
    pass.unbind();
  }

  /**
   * Input half {@code half}'s partial sums of the first layer over rows {@code [0, rows)}.
   *
   * @param half 0 or 1
   * @param rows rows of the batch
   */
  public void forwardHalf(int half, int rows) {
    pass.forwardHalf(half, 0, rows);
  }

  /**
   * The rest of the forward pass, after both halves' partial sums.
   *
   * @param rows rows of the batch
   */
  public void forwardRest(int rows) {
    pass.forwardAfterHalves(0, rows);
  }

  /**
   * The backward pass down to the first layer's deltas: every gradient but the first layer's.
   *
   * @param rows rows of the batch
   * @param scale divisor of every example's weight in the gradient (the batch size)
   * @param grad the gradient, stored into where {@code overwrite}, else added to
   * @param overwrite whether to store the gradient (a dense batch's step)
   * @return {@code Σ_i w_i · loss_i} over the rows, summed in row order
   */
  public double backwardRest(int rows, double scale, double[] grad, boolean overwrite) {
    return pass.backward(0, rows, scale, grad, null, overwrite, 1);
  }

  /**
   * Input half {@code half}'s block of the first layer's weight gradient, with the biases' for
   * the first half, after {@link #backwardRest}.
   *
   * @param half 0 or 1
   * @param rows rows of the batch
   * @param grad the gradient
   * @param overwrite whether to store the gradient instead of adding it
   */
  public void gradientHalf(int half, int rows, double[] grad, boolean overwrite) {
    pass.gradientHalf(half, 0, rows, grad, overwrite);
  }
}
