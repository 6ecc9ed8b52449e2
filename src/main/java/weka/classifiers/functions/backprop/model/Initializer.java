package weka.classifiers.functions.backprop.model;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Weight initialization schemes. Biases always start at zero.
 *
 * <ul>
 *   <li>Glorot/Xavier (Glorot &amp; Bengio 2010): variance {@code 2 / (fanIn + fanOut)}, keeps
 *       activations and gradients at similar scale through tanh/sigmoid layers.
 *   <li>He/Kaiming (He et al. 2015): variance {@code 2 / fanIn}, compensates for the half of
 *       the units a rectifier switches off.
 * </ul>
 *
 * Uniform variants draw from {@code U(−r, r)} with {@code r = √(3 · variance)}; normal variants
 * from {@code N(0, variance)}.
 */
public enum Initializer {
  /** He for layers feeding a rectifier-family activation, Glorot otherwise. */
  AUTO,
  /** Glorot uniform. */
  XAVIER_UNIFORM,
  /** Glorot normal. */
  XAVIER_NORMAL,
  /** He uniform. */
  HE_UNIFORM,
  /** He normal. */
  HE_NORMAL;

  /**
   * The concrete scheme for a layer whose outputs go through {@code next}.
   *
   * @param next the activation applied to this layer's output (null for the output layer)
   * @return a scheme other than AUTO
   */
  public Initializer resolve(Activation next) {
    if (this != AUTO) {
      return this;
    }
    return next != null && next.isRectifier() ? HE_NORMAL : XAVIER_UNIFORM;
  }

  /**
   * Fills {@code w[off .. off + fanOut·fanIn)} with random weights.
   *
   * @param w parameter array
   * @param off first weight
   * @param fanIn inputs of the layer
   * @param fanOut outputs of the layer
   * @param rng source of randomness
   */
  public void fill(double[] w, int off, int fanIn, int fanOut, RandomGenerator rng) {
    if (this == AUTO) {
      throw new IllegalStateException("resolve AUTO first");
    }
    boolean he = this == HE_UNIFORM || this == HE_NORMAL;
    double variance = he ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
    boolean uniform = this == XAVIER_UNIFORM || this == HE_UNIFORM;
    int n = fanIn * fanOut;
    if (uniform) {
      double r = Math.sqrt(3 * variance);
      for (int i = 0; i < n; i++) {
        w[off + i] = (2 * rng.nextDouble() - 1) * r;
      }
    } else {
      double sd = Math.sqrt(variance);
      for (int i = 0; i < n; i++) {
        w[off + i] = rng.nextGaussian() * sd;
      }
    }
  }
}
