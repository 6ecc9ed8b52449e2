package weka.classifiers.functions.backprop.optim;

/**
 * Mini-batch stochastic gradient descent (Robbins &amp; Monro 1951) with optional classical
 * momentum (Polyak 1964; Rumelhart, Hinton &amp; Williams 1986) or Nesterov momentum (Nesterov
 * 1983, in the form of Sutskever et al. 2013), written as in PyTorch:
 *
 * <pre>
 *   v ← μ v + g
 *   θ ← θ − η v                 (classical)
 *   θ ← θ − η (g + μ v)         (Nesterov)
 * </pre>
 *
 * With {@code μ = 0} this is plain SGD {@code θ ← θ − η g}.
 */
public final class Sgd implements Optimizer {

  private static final long serialVersionUID = 1L;

  private final double momentum;
  private final boolean nesterov;
  private final double[] velocity;

  /**
   * An SGD optimizer for {@code size} parameters; with momentum 0 it keeps no velocity array, so
   * plain SGD costs no extra memory.
   *
   * @param size number of parameters
   * @param momentum μ in [0, 1)
   * @param nesterov use Nesterov's look-ahead form
   */
  public Sgd(int size, double momentum, boolean nesterov) {
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.velocity = momentum > 0 ? new double[size] : null;
  }

  @Override
  public void update(double[] params, double[] grad, double lr, int from, int to) {
    if (velocity == null) {
      for (int i = from; i < to; i++) {
        params[i] -= lr * grad[i];
      }
      return;
    }
    double mu = momentum;
    if (nesterov) {
      for (int i = from; i < to; i++) {
        double v = mu * velocity[i] + grad[i];
        velocity[i] = v;
        params[i] -= lr * (grad[i] + mu * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        double v = mu * velocity[i] + grad[i];
        velocity[i] = v;
        params[i] -= lr * v;
      }
    }
  }

  /** As {@link #update}, each gradient element {@code g_i + λ₂·w_i} (see the interface). */
  @Override
  public void updateWithL2(double[] params, double[] grad, double l2, double lr, int from,
      int to) {
    if (velocity == null) {
      for (int i = from; i < to; i++) {
        params[i] -= lr * (grad[i] + l2 * params[i]);
      }
      return;
    }
    double mu = momentum;
    if (nesterov) {
      for (int i = from; i < to; i++) {
        double g = grad[i] + l2 * params[i];
        double v = mu * velocity[i] + g;
        velocity[i] = v;
        params[i] -= lr * (g + mu * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        double v = mu * velocity[i] + (grad[i] + l2 * params[i]);
        velocity[i] = v;
        params[i] -= lr * v;
      }
    }
  }

  @Override
  public boolean keepsGradientWithL2() {
    return true;
  }

  /** Parameters and velocities: see {@link Underflow}. */
  @Override
  public void flushNegligible(double[] params, int from, int to) {
    Underflow.flush(params, from, to, Underflow.NEGLIGIBLE);
    if (velocity != null) {
      Underflow.flush(velocity, from, to, Underflow.NEGLIGIBLE);
    }
  }

  @Override
  public double[][] perParameterState() {
    return velocity == null ? new double[0][] : new double[][] {velocity};
  }

  @Override
  public void reset() {
    if (velocity != null) {
      java.util.Arrays.fill(velocity, 0.0);
    }
  }

  @Override
  public Optimizer copy() {
    Sgd c = new Sgd(velocity == null ? 0 : velocity.length, momentum, nesterov);
    if (velocity != null) {
      System.arraycopy(velocity, 0, c.velocity, 0, velocity.length);
    }
    return c;
  }
}
