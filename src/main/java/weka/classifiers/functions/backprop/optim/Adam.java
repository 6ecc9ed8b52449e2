package weka.classifiers.functions.backprop.optim;

/**
 * Adam (Kingma &amp; Ba 2015) and, with a positive decoupled weight decay, AdamW (Loshchilov
 * &amp; Hutter 2019):
 *
 * <pre>
 *   t ← t + 1
 *   m ← β₁ m + (1 − β₁) g            v ← β₂ v + (1 − β₂) g²
 *   m̂ = m / (1 − β₁ᵗ)                 v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η λ θ    (AdamW only, on the decayed ranges: weights, not biases)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 */
public final class Adam implements Optimizer {

  private static final long serialVersionUID = 1L;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final int[] decayRanges;
  private final double[] m;
  private final double[] v;
  private long t;
  /** Bias corrections 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ) of the current step. */
  private double c1;
  private double c2;

  /**
   * An Adam optimizer for {@code size} parameters, both moment estimates starting at 0; a positive
   * {@code weightDecay} makes it AdamW, decaying only the given ranges (weights, not biases).
   *
   * @param size number of parameters
   * @param beta1 decay of the first-moment estimate, in [0, 1)
   * @param beta2 decay of the second-moment estimate, in [0, 1)
   * @param epsilon denominator guard
   * @param weightDecay decoupled weight decay λ (0 = plain Adam)
   * @param decayRanges flat pairs {@code [from, to)} of parameter indices that decay
   */
  public Adam(
      int size, double beta1, double beta2, double epsilon, double weightDecay,
      int[] decayRanges) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decayRanges = decayRanges.clone();
    this.m = new double[size];
    this.v = new double[size];
  }

  @Override
  public void beginStep() {
    t++;
    c1 = 1 / (1 - Math.pow(beta1, t));
    c2 = 1 / (1 - Math.pow(beta2, t));
  }

  @Override
  public void update(double[] params, double[] grad, double lr, int from, int to) {
    if (weightDecay > 0) {
      double shrink = 1 - lr * weightDecay;
      for (int r = 0; r + 1 < decayRanges.length; r += 2) {
        int a = Math.max(from, decayRanges[r]);
        int b = Math.min(to, decayRanges[r + 1]);
        for (int i = a; i < b; i++) {
          params[i] *= shrink;
        }
      }
    }
    double c1 = this.c1;
    double c2 = this.c2;
    double b1 = beta1;
    double b2 = beta2;
    for (int i = from; i < to; i++) {
      double g = grad[i];
      double mi = b1 * m[i] + (1 - b1) * g;
      double vi = b2 * v[i] + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= lr * (mi * c1) / (Math.sqrt(vi * c2) + epsilon);
    }
  }

  /**
   * As {@link #update}, each gradient element {@code g_i + λ₂·w_i} (see the interface); with a
   * decoupled decay as well, which shrinks the weights before the pass, the interface's default
   * (the penalty on the unshrunk weights).
   */
  @Override
  public void updateWithL2(double[] params, double[] grad, double l2, double lr, int from,
      int to) {
    if (weightDecay > 0) {
      Optimizer.super.updateWithL2(params, grad, l2, lr, from, to);
      return;
    }
    double c1 = this.c1;
    double c2 = this.c2;
    double b1 = beta1;
    double b2 = beta2;
    for (int i = from; i < to; i++) {
      double g = grad[i] + l2 * params[i];
      double mi = b1 * m[i] + (1 - b1) * g;
      double vi = b2 * v[i] + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= lr * (mi * c1) / (Math.sqrt(vi * c2) + epsilon);
    }
  }

  /** True for Adam; AdamW's {@link #updateWithL2} is the interface's default. */
  @Override
  public boolean keepsGradientWithL2() {
    return weightDecay <= 0;
  }

  /** Parameters, first and second moments: see {@link Underflow}. */
  @Override
  public void flushNegligible(double[] params, int from, int to) {
    Underflow.flush(params, from, to, Underflow.NEGLIGIBLE);
    Underflow.flush(m, from, to, Underflow.NEGLIGIBLE);
    Underflow.flush(v, from, to, Underflow.NEGLIGIBLE_SQUARE);
  }

  /** Number of steps taken (t in the bias correction). */
  public long steps() {
    return t;
  }

  @Override
  public double[][] perParameterState() {
    return new double[][] {m, v};
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(m, 0.0);
    java.util.Arrays.fill(v, 0.0);
    t = 0;
  }

  @Override
  public Optimizer copy() {
    Adam c = new Adam(m.length, beta1, beta2, epsilon, weightDecay, decayRanges);
    System.arraycopy(m, 0, c.m, 0, m.length);
    System.arraycopy(v, 0, c.v, 0, v.length);
    c.t = t;
    c.c1 = c1;
    c.c2 = c2;
    return c;
  }
}
