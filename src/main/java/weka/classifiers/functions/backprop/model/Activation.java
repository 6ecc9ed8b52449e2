package weka.classifiers.functions.backprop.model;

/**
 * Element-wise activation functions of hidden layers, each with its derivative.
 *
 * <p>Both methods work on a contiguous range of a flat array so that a whole mini-batch
 * (row-major {@code batch × width}) is processed in one call without allocation. The
 * derivative is expressed through the pre-activation {@code z} <em>and</em> the activation
 * {@code a = f(z)}, whichever is cheaper (e.g. {@code tanh' = 1 − a²}).
 */
public enum Activation {

  /** Rectified linear unit {@code max(0, z)} (Nair &amp; Hinton 2010). */
  RELU {
    @Override
    double value(double z) {
      return Math.max(z, 0.0);
    }

    @Override
    double derivative(double z, double a) {
      return z > 0 ? 1 : 0;
    }

    // The two loops below are the inherited ones written out for the default hidden
    // activation, in forms HotSpot's C2 compiles to packed instructions: a conditional per
    // element became a branch that half of the elements mispredict. Math.max(z, 0) is value(z);
    // ceil(min(max(z, 0), 1)) is 1 for z > 0 and 0 otherwise, the step function of derivative()
    // for every z but NaN. (Measured gains: bench/README.md.)
    @Override
    public void apply(double[] z, double[] a, int from, int to) {
      for (int i = from; i < to; i++) {
        a[i] = Math.max(z[i], 0.0);
      }
    }

    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
      for (int i = from; i < to; i++) {
        delta[i] *= Math.ceil(Math.min(Math.max(z[i], 0.0), 1.0));
      }
    }
  },

  /** Leaky ReLU {@code z > 0 ? z : 0.01 z} (Maas et al. 2013). */
  LEAKY_RELU {
    @Override
    double value(double z) {
      return z > 0 ? z : LEAKY_SLOPE * z;
    }

    @Override
    double derivative(double z, double a) {
      return z > 0 ? 1 : LEAKY_SLOPE;
    }
  },

  /** Exponential linear unit with α = 1: {@code z > 0 ? z : e^z − 1} (Clevert et al. 2016). */
  ELU {
    @Override
    double value(double z) {
      return z > 0 ? z : Math.expm1(z);
    }

    @Override
    double derivative(double z, double a) {
      return z > 0 ? 1 : a + 1;
    }
  },

  /**
   * Gaussian error linear unit {@code z Φ(z)} (Hendrycks &amp; Gimpel 2016) with Φ through
   * Abramowitz &amp; Stegun's erfc (within 7.5e-8, not the tanh approximation); derivative
   * {@code Φ(z) + z φ(z)}, differentiated from that same approximation.
   */
  GELU {
    @Override
    double value(double z) {
      return z * normalCdf(z);
    }

    @Override
    double derivative(double z, double a) {
      return normalCdf(z) + z * normalPdf(z);
    }
  },

  /**
   * Hyperbolic tangent; derivative {@code 1 − a²}. Computed by {@link StrictMath#tanh} (fdlibm),
   * which every Java version gives bit for bit: {@code Math.tanh} has been a HotSpot intrinsic
   * since Java 24 and differs from it in the last bit for a fifth of all arguments, so TANH
   * models trained on Java 25 had differed from Java 17's (which computes {@code Math.tanh} by
   * fdlibm too, so its models keep their bits).
   */
  TANH {
    @Override
    double value(double z) {
      return StrictMath.tanh(z);
    }

    @Override
    double derivative(double z, double a) {
      return 1 - a * a;
    }
  },

  /** Logistic sigmoid {@code 1 / (1 + e^−z)}; derivative {@code a (1 − a)}. */
  SIGMOID {
    @Override
    double value(double z) {
      return sigmoid(z);
    }

    @Override
    double derivative(double z, double a) {
      return a * (1 - a);
    }
  },

  /** Softplus {@code log(1 + e^z)}, computed stably; derivative is the sigmoid. */
  SOFTPLUS {
    @Override
    double value(double z) {
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    double derivative(double z, double a) {
      return sigmoid(z);
    }
  },

  /** The identity: a linear layer. */
  IDENTITY {
    @Override
    double value(double z) {
      return z;
    }

    @Override
    double derivative(double z, double a) {
      return 1;
    }

    @Override
    public void apply(double[] z, double[] a, int from, int to) {
      System.arraycopy(z, from, a, from, to - from);
    }

    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
      // derivative is 1: nothing to do
    }
  };

  /** Slope of {@link #LEAKY_RELU} for negative inputs. */
  public static final double LEAKY_SLOPE = 0.01;

  private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

  /** f(z) for one value. */
  abstract double value(double z);

  /** f'(z) for one value, given z and a = f(z). */
  abstract double derivative(double z, double a);

  /**
   * Writes {@code a[i] = f(z[i])} for {@code from ≤ i < to}.
   *
   * @param z pre-activations
   * @param a output activations (may not alias {@code z})
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public void apply(double[] z, double[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = value(z[i]);
    }
  }

  /**
   * Multiplies {@code delta[i]} by {@code f'(z[i])} for {@code from ≤ i < to}: the chain-rule
   * step that turns ∂L/∂a into ∂L/∂z (Rumelhart, Hinton &amp; Williams 1986, eq. 14).
   *
   * @param z pre-activations
   * @param a activations {@code f(z)}
   * @param delta gradient w.r.t. the activations on entry, w.r.t. z on exit
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
    for (int i = from; i < to; i++) {
      delta[i] *= derivative(z[i], a[i]);
    }
  }

  /** Whether He initialization suits this activation (the rectifier family). */
  public boolean isRectifier() {
    return this == RELU || this == LEAKY_RELU || this == ELU || this == GELU;
  }

  /** Logistic function, stable for large |z|. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  // Φ through Abramowitz & Stegun 7.1.26 (Handbook of Mathematical Functions, 1964):
  // erfc(x) ≈ q(x) = (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−x²), t = 1/(1 + p·x), x ≥ 0, with
  // |error| ≤ 1.5e-7. Commons Math's erf (a regularized gamma series) made GELU networks train
  // far slower than ReLU ones (bench/README.md). GELU's derivative below is the exact derivative
  // of this approximation, so gradients stay consistent with the values the network computes.
  private static final double AS_P = 0.3275911;
  private static final double AS_A1 = 0.254829592;
  private static final double AS_A2 = -0.284496736;
  private static final double AS_A3 = 1.421413741;
  private static final double AS_A4 = -1.453152027;
  private static final double AS_A5 = 1.061405429;

  /** Standard normal CDF Φ(z) = ½ erfc(−z/√2), within 1e-7 (Abramowitz &amp; Stegun 7.1.26). */
  static double normalCdf(double z) {
    double x = Math.abs(z) * INV_SQRT_2;
    double t = 1 / (1 + AS_P * x);
    double q = t * (AS_A1 + t * (AS_A2 + t * (AS_A3 + t * (AS_A4 + t * AS_A5)))) * Math.exp(-x * x);
    return z >= 0 ? 1 - 0.5 * q : 0.5 * q;
  }

  /**
   * dΦ/dz of {@link #normalCdf}'s approximation (≈ the normal density): with x = |z|/√2,
   * dq/dx = −p t² P′(t) e^(−x²) − 2x q, and dΦ/dz = −(dq/dx)/(2√2) on both sides of 0.
   */
  static double normalPdf(double z) {
    double x = Math.abs(z) * INV_SQRT_2;
    double t = 1 / (1 + AS_P * x);
    double e = Math.exp(-x * x);
    double poly = t * (AS_A1 + t * (AS_A2 + t * (AS_A3 + t * (AS_A4 + t * AS_A5))));
    double dPoly = AS_A1 + t * (2 * AS_A2 + t * (3 * AS_A3 + t * (4 * AS_A4 + t * 5 * AS_A5)));
    double dq = -AS_P * t * t * dPoly * e - 2 * x * poly * e;
    return -dq * INV_SQRT_2 * 0.5;
  }
}
