package weka.classifiers.functions.backprop.train;

/**
 * Learning-rate schedules over epochs, each optionally preceded by a linear warm-up (Goyal et
 * al. 2017). With base rate η, epoch e (0-based) of E:
 *
 * <ul>
 *   <li>{@link #CONSTANT}: η
 *   <li>{@link #STEP}: η · 0.5^⌊4e / E⌋ (halved after 25%, 50% and 75% of the epochs)
 *   <li>{@link #EXPONENTIAL}: η · 0.01^(e/E) (down to 1% at the end)
 *   <li>{@link #COSINE}: η · ½ (1 + cos(π e / E)) (Loshchilov &amp; Hutter 2017)
 * </ul>
 *
 * During warm-up epoch {@code e < W} the rate is multiplied by {@code (e + 1) / (W + 1)}, and the
 * decay schedules run over the remaining {@code E − W} epochs. A resumed run ({@code -resume})
 * runs every schedule afresh over its added epochs, without a warm-up: a warm restart, as in
 * SGDR (Loshchilov &amp; Hutter 2017).
 */
public enum Schedule {
  /** Fixed rate. */
  CONSTANT,
  /** Halve the rate after a quarter, half and three quarters of the epochs. */
  STEP,
  /** Geometric decay to 1% of the base rate. */
  EXPONENTIAL,
  /** Cosine annealing to zero. */
  COSINE;

  /**
   * The learning rate for one epoch.
   *
   * @param base base rate η
   * @param epoch 0-based epoch
   * @param epochs total epochs E
   * @param warmup warm-up epochs W ≥ 0
   * @return the rate to use throughout that epoch
   */
  public double rate(double base, int epoch, int epochs, int warmup) {
    if (epoch < warmup) {
      return base * (epoch + 1) / (warmup + 1.0);
    }
    int e = epoch - warmup;
    int span = Math.max(1, epochs - warmup);
    switch (this) {
      case STEP:
        return base * Math.pow(0.5, Math.min(3, (4L * e) / span));
      case EXPONENTIAL:
        return base * Math.pow(0.01, (double) e / span);
      case COSINE:
        return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(e, span) / span));
      default:
        return base;
    }
  }
}
