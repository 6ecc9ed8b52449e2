package weka.classifiers.functions.backprop.optim;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, lecture 6.5): divides the step by a running root mean
 * square of recent gradients.
 *
 * <pre>
 *   s ← ρ s + (1 − ρ) g²
 *   θ ← θ − η g / (√s + ε)
 * </pre>
 */
public final class RmsProp implements Optimizer {

  private static final long serialVersionUID = 1L;

  private final double rho;
  private final double epsilon;
  private final double[] s;

  /**
   * An RMSProp optimizer for {@code size} parameters, its squared-gradient averages starting at 0.
   *
   * @param size number of parameters
   * @param rho decay of the squared-gradient average, in [0, 1)
   * @param epsilon denominator guard
   */
  public RmsProp(int size, double rho, double epsilon) {
    this.rho = rho;
    this.epsilon = epsilon;
    this.s = new double[size];
  }

  @Override
  public void update(double[] params, double[] grad, double lr, int from, int to) {
    for (int i = from; i < to; i++) {
      double g = grad[i];
      double si = rho * s[i] + (1 - rho) * g * g;
      s[i] = si;
      params[i] -= lr * g / (Math.sqrt(si) + epsilon);
    }
  }

  /** As {@link #update}, each gradient element {@code g_i + λ₂·w_i}, the gradient unchanged. */
  @Override
  public void updateWithL2(double[] params, double[] grad, double l2, double lr, int from,
      int to) {
    for (int i = from; i < to; i++) {
      double g = grad[i] + l2 * params[i];
      double si = rho * s[i] + (1 - rho) * g * g;
      s[i] = si;
      params[i] -= lr * g / (Math.sqrt(si) + epsilon);
    }
  }

  @Override
  public boolean keepsGradientWithL2() {
    return true;
  }

  /** Parameters and the squared-gradient average: see {@link Underflow}. */
  @Override
  public void flushNegligible(double[] params, int from, int to) {
    Underflow.flush(params, from, to, Underflow.NEGLIGIBLE);
    Underflow.flush(s, from, to, Underflow.NEGLIGIBLE_SQUARE);
  }

  @Override
  public double[][] perParameterState() {
    return new double[][] {s};
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(s, 0.0);
  }

  @Override
  public Optimizer copy() {
    RmsProp c = new RmsProp(s.length, rho, epsilon);
    System.arraycopy(s, 0, c.s, 0, s.length);
    return c;
  }
}
