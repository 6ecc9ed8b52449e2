package weka.classifiers.functions.backprop.model;

import java.io.Serializable;

/**
 * The output transform together with the loss it is trained with: computes the network's
 * output from the last pre-activations, and the per-example loss and its gradient w.r.t. those
 * pre-activations.
 *
 * <p>Softmax + cross-entropy and sigmoid + binary cross-entropy are fused, so their gradient is
 * the numerically benign {@code p − y}; the regression losses are chained through the output
 * transform's derivative. Label smoothing (Szegedy et al. 2016) replaces a target {@code y} by
 * {@code (1 − ε) y + ε / K} for the cross-entropies, with K the number of classes for softmax and
 * K = 2 per unit for sigmoid outputs (each unit is its own two-class problem). The fused softmax
 * cross-entropy gradient {@code p − y} assumes targets that sum to 1, as one-hot and smoothed
 * targets do.
 */
public final class OutputLayer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final OutputActivation activation;
  private final Loss loss;
  private final double labelSmoothing;

  /**
   * Pairs an output transform with a loss.
   *
   * @param activation output transform
   * @param loss training loss
   * @param labelSmoothing ε in [0, 1) for the cross-entropy losses (ignored by the others)
   * @throws IllegalArgumentException for a pairing that is not a proper likelihood
   */
  public OutputLayer(OutputActivation activation, Loss loss, double labelSmoothing) {
    if (loss == Loss.CROSS_ENTROPY && activation != OutputActivation.SOFTMAX) {
      throw new IllegalArgumentException("CROSS_ENTROPY needs SOFTMAX outputs, not " + activation);
    }
    if (loss == Loss.BINARY_CROSS_ENTROPY && activation != OutputActivation.SIGMOID) {
      throw new IllegalArgumentException(
          "BINARY_CROSS_ENTROPY needs SIGMOID outputs, not " + activation);
    }
    if (loss.isRegression() && activation == OutputActivation.SOFTMAX) {
      throw new IllegalArgumentException(loss + " is not supported with SOFTMAX outputs");
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "label smoothing must be in [0, 1), got " + labelSmoothing);
    }
    this.activation = activation;
    this.loss = loss;
    this.labelSmoothing = labelSmoothing;
  }

  /** The output transform. */
  public OutputActivation activation() {
    return activation;
  }

  /** The training loss. */
  public Loss loss() {
    return loss;
  }

  /**
   * Whether this layer trains on smoothed targets; a regression loss never does, as smoothing is
   * defined for class probabilities.
   *
   * @return whether label smoothing changes this layer's targets: ε > 0 and a cross-entropy
   */
  public boolean smoothsTargets() {
    return labelSmoothing > 0 && !loss.isRegression();
  }

  /** The label-smoothing ε used by the cross-entropy losses. */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  /**
   * Output transform of one row: {@code a[off .. off+width) = g(z[off .. off+width))}.
   *
   * @param z pre-activations
   * @param a outputs (may alias {@code z} only for IDENTITY)
   * @param off row offset
   * @param width number of output units
   * @return for SOFTMAX the row's {@code log Σ_k exp(z_k) = max z + log Σ_k exp(z_k − max z)},
   *     which {@link #lossAndDelta} takes instead of computing the same exponentials again; NaN
   *     for the other transforms
   */
  public double activate(double[] z, double[] a, int off, int width) {
    switch (activation) {
      case SOFTMAX:
        double max = Double.NEGATIVE_INFINITY;
        for (int k = off; k < off + width; k++) {
          max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = off; k < off + width; k++) {
          double e = Math.exp(z[k] - max);
          a[k] = e;
          sum += e;
        }
        double inv = 1 / sum;
        for (int k = off; k < off + width; k++) {
          a[k] *= inv;
        }
        return max + Math.log(sum);
      case SIGMOID:
        for (int k = off; k < off + width; k++) {
          a[k] = Activation.sigmoid(z[k]);
        }
        return Double.NaN;
      default:
        System.arraycopy(z, off, a, off, width);
        return Double.NaN;
    }
  }

  /**
   * Loss of one row and its gradient w.r.t. the pre-activations.
   *
   * @param z pre-activations of the output layer
   * @param a outputs, as computed by {@link #activate}
   * @param y targets (one-hot for the cross-entropies), same layout as {@code z}
   * @param yOff offset of this row's targets in {@code y}
   * @param off offset of this row in {@code z}, {@code a} and {@code delta}
   * @param width number of output units
   * @param scale factor applied to the gradient (instance weight / batch size)
   * @param delta receives {@code scale · ∂loss/∂z}
   * @param logSumExp what {@link #activate} returned for this row (used by CROSS_ENTROPY: the
   *     same sum in the same order, so the same bits as computing it again)
   * @return the unscaled loss of this row
   */
  public double lossAndDelta(
      double[] z, double[] a, double[] y, int yOff, int off, int width, double scale,
      double[] delta, double logSumExp) {
    double total = 0;
    switch (loss) {
      case CROSS_ENTROPY: {
        // log p_k = z_k − logsumexp(z); loss = −Σ y_k log p_k; ∂/∂z = p − y (Σ y = 1)
        double uniform = labelSmoothing / width;
        for (int k = 0; k < width; k++) {
          double t = (1 - labelSmoothing) * y[yOff + k] + uniform;
          if (t != 0) {
            total -= t * (z[off + k] - logSumExp);
          }
          delta[off + k] = scale * (a[off + k] - t);
        }
        return total;
      }
      case BINARY_CROSS_ENTROPY: {
        for (int k = 0; k < width; k++) {
          double t = (1 - labelSmoothing) * y[yOff + k] + 0.5 * labelSmoothing;
          double zk = z[off + k];
          total += Math.max(zk, 0) - t * zk + Math.log1p(Math.exp(-Math.abs(zk)));
          delta[off + k] = scale * (a[off + k] - t);
        }
        return total;
      }
      default: {
        boolean sigmoid = activation == OutputActivation.SIGMOID;
        for (int k = 0; k < width; k++) {
          double ak = a[off + k];
          double r = ak - y[yOff + k];
          total += loss.residualLoss(r);
          double g = loss.residualGradient(r);
          if (sigmoid) {
            g *= ak * (1 - ak);
          }
          delta[off + k] = scale * g;
        }
        return total;
      }
    }
  }

  @Override
  public String toString() {
    return activation + " + " + loss
        + (smoothsTargets() ? " (smoothing " + labelSmoothing + ")" : "");
  }
}
