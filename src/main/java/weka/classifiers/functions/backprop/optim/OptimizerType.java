package weka.classifiers.functions.backprop.optim;

/**
 * The update rules a user can choose, and the factory that builds one for a parameter vector.
 * Hyper-parameters not exposed as options use the values recommended by their authors:
 * Adam β₁ = 0.9, β₂ = 0.999, ε = 1e-8; RMSProp ρ = 0.9, ε = 1e-8; AdaGrad ε = 1e-10.
 */
public enum OptimizerType {
  /** Mini-batch SGD, optionally with classical or Nesterov momentum. */
  SGD,
  /** Adam with bias-corrected moment estimates. */
  ADAM,
  /** Adam with decoupled weight decay (the L2 option becomes λ). */
  ADAMW,
  /** RMSProp. */
  RMSPROP,
  /** AdaGrad. */
  ADAGRAD;

  /** Adam's β₁. */
  public static final double BETA1 = 0.9;
  /** Adam's β₂. */
  public static final double BETA2 = 0.999;
  /** ε of Adam and RMSProp. */
  public static final double EPSILON = 1e-8;
  /** RMSProp's ρ. */
  public static final double RHO = 0.9;

  /**
   * Builds an optimizer with fresh state.
   *
   * @param size number of parameters
   * @param momentum μ for SGD
   * @param nesterov Nesterov form for SGD
   * @param weightDecay decoupled decay λ for ADAMW (ignored by the others)
   * @param decayRanges flat {@code [from, to)} pairs of the parameters that decay (weights)
   * @return the optimizer
   */
  public Optimizer create(
      int size, double momentum, boolean nesterov, double weightDecay, int[] decayRanges) {
    switch (this) {
      case SGD:
        return new Sgd(size, momentum, nesterov);
      case ADAM:
        return new Adam(size, BETA1, BETA2, EPSILON, 0, decayRanges);
      case ADAMW:
        return new Adam(size, BETA1, BETA2, EPSILON, weightDecay, decayRanges);
      case RMSPROP:
        return new RmsProp(size, RHO, EPSILON);
      case ADAGRAD:
        return new AdaGrad(size, 1e-10);
      default:
        throw new AssertionError(this);
    }
  }

  /** Whether the L2 penalty is applied as decoupled weight decay rather than as a gradient. */
  public boolean decouplesWeightDecay() {
    return this == ADAMW;
  }
}
