package weka.classifiers.functions.backprop.model;

/**
 * Training losses, chosen with an {@link OutputActivation} by {@link OutputLayer}.
 *
 * <p>Per-example losses, summed over the output units:
 *
 * <ul>
 *   <li>{@link #CROSS_ENTROPY}: {@code −Σ y_k log p_k} with softmax outputs; the fused gradient
 *       w.r.t. the pre-activations is {@code p − y} (Bridle 1990).
 *   <li>{@link #BINARY_CROSS_ENTROPY}: {@code −Σ [y log p + (1 − y) log(1 − p)]} with sigmoid
 *       outputs, computed from the logit as {@code max(z,0) − y z + log(1 + e^−|z|)}; gradient
 *       {@code p − y}.
 *   <li>{@link #SQUARED_ERROR}: {@code ½ Σ (a − y)²}.
 *   <li>{@link #ABSOLUTE_ERROR}: {@code Σ |a − y|} (subgradient 0 at the kink).
 *   <li>{@link #HUBER}: {@code ½ r²} for {@code |r| ≤ 1}, else {@code |r| − ½}, with
 *       {@code r = a − y} measured in standardized target units (Huber 1964).
 * </ul>
 */
public enum Loss {
  /** Softmax cross-entropy (multinomial log-likelihood). */
  CROSS_ENTROPY,
  /** Sigmoid cross-entropy, one independent Bernoulli per output unit. */
  BINARY_CROSS_ENTROPY,
  /** Half the squared error. */
  SQUARED_ERROR,
  /** Absolute error (L1), robust to outliers. */
  ABSOLUTE_ERROR,
  /** Huber loss with threshold 1: quadratic near zero, linear beyond. */
  HUBER;

  /** Threshold of the {@link #HUBER} loss. */
  public static final double HUBER_DELTA = 1.0;

  /** Whether this loss compares outputs with real-valued targets (and suits a numeric class). */
  public boolean isRegression() {
    return this == SQUARED_ERROR || this == ABSOLUTE_ERROR || this == HUBER;
  }

  /**
   * The loss per row of outputs that say nothing, every class equally likely: {@code ln K} for
   * {@link #CROSS_ENTROPY} over K classes, {@code K · ln 2} for {@link #BINARY_CROSS_ENTROPY}
   * (every output ½), whatever the targets (label smoothing included); NaN for the regression
   * losses, whose scale the targets set. Why: a reference for a stream's loss that neither the
   * stream's drift nor its first rows move ({@code StreamingTrainer}'s divergence check).
   *
   * @param outputs output units, K
   * @return that loss, or NaN for a regression loss
   */
  public double uninformedLoss(int outputs) {
    switch (this) {
      case CROSS_ENTROPY:
        return Math.log(outputs);
      case BINARY_CROSS_ENTROPY:
        return outputs * Math.log(2);
      default:
        return Double.NaN;
    }
  }

  /**
   * The weighted loss sum of outputs that are all 0, for a regression loss: {@code Σ_r w_r Σ_k
   * loss(0 − y_rk)}. The engine's numeric targets are centred on their mean (a stream's on its
   * running mean), so this is what predicting that mean costs on these rows. Why: a reference
   * for a stream's loss that moves with the targets' drift ({@code StreamingTrainer}'s
   * divergence check).
   *
   * @param y targets, {@code outputs} per row from 0
   * @param w row weights
   * @param rows rows
   * @param outputs targets per row
   * @return the sum
   * @throws IllegalStateException if this is not a regression loss
   */
  public double lossOfZeroOutputs(double[] y, double[] w, int rows, int outputs) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      double row = 0;
      for (int k = 0; k < outputs; k++) {
        row += residualLoss(-y[r * outputs + k]);
      }
      sum += w[r] * row;
    }
    return sum;
  }

  /**
   * Value of a regression loss for one residual {@code r = a − y}.
   *
   * @param r residual
   * @return the loss contribution
   */
  double residualLoss(double r) {
    switch (this) {
      case SQUARED_ERROR:
        return 0.5 * r * r;
      case ABSOLUTE_ERROR:
        return Math.abs(r);
      case HUBER:
        double ar = Math.abs(r);
        return ar <= HUBER_DELTA ? 0.5 * r * r : HUBER_DELTA * (ar - 0.5 * HUBER_DELTA);
      default:
        throw new IllegalStateException(this + " is not a regression loss");
    }
  }

  /**
   * Derivative of a regression loss w.r.t. the output for one residual {@code r = a − y}.
   *
   * @param r residual
   * @return ∂loss/∂a
   */
  double residualGradient(double r) {
    switch (this) {
      case SQUARED_ERROR:
        return r;
      case ABSOLUTE_ERROR:
        return Math.signum(r);
      case HUBER:
        return Math.max(-HUBER_DELTA, Math.min(HUBER_DELTA, r));
      default:
        throw new IllegalStateException(this + " is not a regression loss");
    }
  }
}
