package weka.classifiers.functions.backprop.optim;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011): per-parameter steps shrink with the accumulated
 * squared gradients.
 *
 * <pre>
 *   s ← s + g²
 *   θ ← θ − η g / (√s + ε)
 * </pre>
 */
public final class AdaGrad implements Optimizer {

  private static final long serialVersionUID = 1L;

  private final double epsilon;
  private final double[] s;

  /**
   * An AdaGrad optimizer for {@code size} parameters, its squared-gradient sums starting at 0.
   *
   * @param size number of parameters
   * @param epsilon denominator guard
   */
  public AdaGrad(int size, double epsilon) {
    this.epsilon = epsilon;
    this.s = new double[size];
  }

  @Override
  public void update(double[] params, double[] grad, double lr, int from, int to) {
    for (int i = from; i < to; i++) {
      double g = grad[i];
      double si = s[i] + g * g;
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
      double si = s[i] + g * g;
      s[i] = si;
      params[i] -= lr * g / (Math.sqrt(si) + epsilon);
    }
  }

  @Override
  public boolean keepsGradientWithL2() {
    return true;
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
    AdaGrad c = new AdaGrad(s.length, epsilon);
    System.arraycopy(s, 0, c.s, 0, s.length);
    return c;
  }
}
