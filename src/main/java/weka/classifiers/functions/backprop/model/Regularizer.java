package weka.classifiers.functions.backprop.model;

/**
 * L1 and L2 penalties on the weights of a network (never on biases), added to the mini-batch
 * objective: {@code R(θ) = λ₁ Σ|w| + (λ₂/2) Σ w²}, gradient {@code λ₁ sign(w) + λ₂ w}
 * (the L1 subgradient is 0 at w = 0). Kept out of the optimizers so every optimizer sees the
 * same objective; AdamW's decoupled decay is the one exception and lives in the optimizer.
 */
public final class Regularizer implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double l1;
  private final double l2;
  private final int[] ranges;

  /**
   * The penalties λ₁ and λ₂ on the weights of {@code net}, whose index ranges it notes once here;
   * biases are never penalized.
   *
   * @param net the network whose weight ranges are penalized
   * @param l1 λ₁ ≥ 0
   * @param l2 λ₂ ≥ 0
   */
  public Regularizer(Network net, double l1, double l2) {
    this.l1 = l1;
    this.l2 = l2;
    this.ranges = weightRanges(net);
  }

  /**
   * Index ranges of the weights (not biases), as flat {@code [from, to)} pairs.
   *
   * @param net the network
   * @return {@code 2 × numLayers} indices
   */
  public static int[] weightRanges(Network net) {
    int[] r = new int[2 * net.numLayers()];
    for (int l = 0; l < net.numLayers(); l++) {
      r[2 * l] = net.weightOffset(l);
      r[2 * l + 1] = net.biasOffset(l);
    }
    return r;
  }

  /**
   * λ₂ when the penalty is L2 alone (an optimizer may then fold it into its update, {@code
   * Optimizer.updateWithL2}), else 0.
   */
  public double l2Only() {
    return l1 == 0 ? l2 : 0;
  }

  /** Whether there is anything to add. */
  public boolean isActive() {
    return l1 > 0 || l2 > 0;
  }

  /**
   * The penalty {@code R(θ)}.
   *
   * @param params parameters
   * @return penalty value
   */
  public double penalty(double[] params) {
    if (!isActive()) {
      return 0;
    }
    double abs = 0;
    double sq = 0;
    for (int r = 0; r < ranges.length; r += 2) {
      for (int i = ranges[r]; i < ranges[r + 1]; i++) {
        abs += Math.abs(params[i]);
        sq += params[i] * params[i];
      }
    }
    return l1 * abs + 0.5 * l2 * sq;
  }

  /**
   * Adds {@code ∇R(θ)} to {@code grad}.
   *
   * @param params parameters
   * @param grad gradient accumulator
   */
  public void addGradient(double[] params, double[] grad) {
    if (!isActive()) {
      return;
    }
    for (int r = 0; r < ranges.length; r += 2) {
      addWeightGradient(params, grad, ranges[r], ranges[r + 1]);
    }
  }

  /**
   * Adds {@code ∇R} for weights {@code [from, to)}, a range that holds weights only.
   *
   * @param params parameters
   * @param grad gradient accumulator
   * @param from first weight, inclusive
   * @param to last weight, exclusive
   */
  public void addWeightGradient(double[] params, double[] grad, int from, int to) {
    if (l1 == 0) { // the common case: a plain, vectorizable loop
      double l2 = this.l2;
      for (int i = from; i < to; i++) {
        grad[i] += l2 * params[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        grad[i] += l1 * Math.signum(params[i]) + l2 * params[i];
      }
    }
  }
}
