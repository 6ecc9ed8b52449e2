package weka.classifiers.functions.backprop.model;

import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Seeds;

/**
 * Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov 2014, "Dropout:
 * a simple way to prevent neural networks from overfitting", JMLR 15) on the hidden layers of
 * one network during training: every hidden unit of every row of a mini-batch is dropped (set to
 * 0) with probability {@code p} and otherwise scaled by {@code 1/(1−p)}, so that the expected
 * activation is unchanged and prediction needs no rescaling.
 *
 * <p>Everything dropout needs lives here: the probability, its random stream, one mask and one
 * buffer of unmasked activations per hidden layer (sized once, so training allocates nothing).
 * A training pass takes the dropout explicitly ({@code net.forward(ws, from, to, pool,
 * dropout)} and the matching {@code backward}), which multiplies the hidden
 * activations by the masks on the way forward and the propagated deltas on the way back, and
 * takes the activation derivative from the unmasked values. Prediction and validation passes
 * simply do not take it, so there is nothing to switch off afterwards.
 *
 * <p>Masks are drawn per batch by {@link #drawMasks}, or set once by {@link #withMasks} (for
 * gradient checks). Not thread-safe: one per training workspace.
 */
public final class Dropout implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double p;
  private final RandomGenerator rng;
  /** Whether passes apply masks: {@code p > 0}, or fixed masks. */
  private final boolean active;
  /** The value of a kept unit, {@code 1/(1−p)}. */
  private final double keep;
  /** A unit is dropped when its 32-bit draw is below this, {@code ⌈p·2³²⌉}. */
  private final long threshold;
  /** Width of each hidden layer. */
  private final int[] widths;
  private final double[][] mask;
  private final double[][] unmasked;
  /** Maximum rows per batch. */
  private final int capacity;
  /** Rows {@code [0, rows)} that the current masks cover. */
  private int rows;

  /**
   * Dropout with probability {@code p} on the hidden layers of {@code net}, for batches of up to
   * {@code capacity} rows. With {@code p = 0} it is off: it allocates no masks, never draws from
   * {@code rng}, and passes that take it compute exactly what passes without it do.
   *
   * @param net the network
   * @param capacity maximum rows per batch
   * @param p drop probability in [0, 1)
   * @param rng the dropout stream (one 64-bit value is taken per batch)
   */
  public Dropout(Network net, int capacity, double p, RandomGenerator rng) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
    }
    this.p = p;
    this.rng = rng;
    this.active = p > 0;
    this.keep = 1 / (1 - p);
    this.threshold = (long) Math.ceil(p * 0x1p32);
    this.capacity = capacity;
    this.widths = hiddenWidths(net);
    this.mask = new double[widths.length][];
    this.unmasked = new double[widths.length][];
    if (active) {
      for (int l = 0; l < widths.length; l++) {
        mask[l] = new double[capacity * widths[l]];
        unmasked[l] = new double[capacity * widths[l]];
      }
    }
  }

  private Dropout(Network net, double[][] masks) {
    this.p = Double.NaN;
    this.rng = null;
    this.active = true;
    this.keep = Double.NaN;
    this.threshold = 0;
    this.widths = hiddenWidths(net);
    if (masks.length != widths.length) {
      throw new IllegalArgumentException(
          masks.length + " masks for " + widths.length + " hidden layers");
    }
    this.mask = new double[widths.length][];
    this.unmasked = new double[widths.length][];
    int covered = Integer.MAX_VALUE;
    for (int l = 0; l < widths.length; l++) {
      mask[l] = masks[l].clone();
      unmasked[l] = new double[masks[l].length];
      covered = Math.min(covered, masks[l].length / widths[l]);
    }
    this.capacity = covered;
    this.rows = capacity;
  }

  /**
   * Dropout with fixed masks that every pass applies, e.g. so that a gradient check sees one
   * fixed function of the parameters.
   *
   * @param net the network
   * @param masks one mask per hidden layer, {@code rows × width} row-major (copied)
   * @return dropout that always applies these masks; {@link #drawMasks} is not available
   */
  public static Dropout withMasks(Network net, double[][] masks) {
    return new Dropout(net, masks);
  }

  private static int[] hiddenWidths(Network net) {
    int[] w = new int[net.numLayers() - 1];
    for (int l = 0; l < w.length; l++) {
      w[l] = net.size(l + 1);
    }
    return w;
  }

  /** The drop probability; NaN for fixed masks. */
  public double probability() {
    return p;
  }

  /** Whether passes that take this dropout apply masks ({@code p > 0}, or fixed masks). */
  public boolean isActive() {
    return active;
  }

  /**
   * Draws new masks for rows {@code [0, rows)} of the coming batch: for every hidden unit of
   * every row, {@code 1/(1−p)} with probability {@code 1−p}, else 0. Does nothing, and takes
   * nothing from the stream, when {@code p = 0}.
   *
   * <p>The masks take one 64-bit seed from the stream per batch and draw from the SplitMix64
   * sequence (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators",
   * OOPSLA) two units per number, one per 32-bit half compared with {@code p·2³²}: a few
   * multiplications per two units instead of one WELL19937c {@code nextDouble()} per unit, for
   * masks drawn for every hidden unit of every row of every step. SplitMix64 passes BigCrush
   * (Steele et al.), far more than a mask needs.
   *
   * @param rows rows of the coming batch, at most the capacity
   * @throws IllegalStateException for fixed masks
   */
  public void drawMasks(int rows) {
    if (rng == null) {
      throw new IllegalStateException("fixed dropout masks are not drawn");
    }
    if (rows > capacity) {
      throw new IllegalArgumentException(rows + " rows exceed the capacity of " + capacity);
    }
    if (!active) {
      return;
    }
    long state = rng.nextLong();
    // kept ⇔ draw ≥ threshold ⇔ the sign bit of threshold − 1 − draw is set: branch-free,
    // since a 30 % drop rate would mispredict a branch on every third unit
    long last = threshold - 1;
    for (int l = 0; l < widths.length; l++) {
      int n = rows * widths[l];
      double[] m = mask[l];
      int i = 0;
      for (; i + 1 < n; i += 2) {
        state += Seeds.GOLDEN_GAMMA;
        long z = Seeds.mix64(state);
        m[i] = keep * ((last - (z & 0xFFFF_FFFFL)) >>> 63);
        m[i + 1] = keep * ((last - (z >>> 32)) >>> 63);
      }
      if (i < n) {
        state += Seeds.GOLDEN_GAMMA;
        m[i] = keep * ((last - (Seeds.mix64(state) & 0xFFFF_FFFFL)) >>> 63);
      }
    }
    this.rows = rows;
  }

  /**
   * Checks that a pass over rows up to {@code rowTo} has masks.
   *
   * @throws IllegalStateException if this dropout is active and its masks cover fewer rows
   */
  void checkCovers(int rowTo) {
    if (active && rowTo > rows) {
      throw new IllegalStateException("the dropout masks cover " + rows + " rows, the pass needs "
          + rowTo + ": draw them for this batch first");
    }
  }

  /**
   * Forward pass: keeps hidden layer {@code l}'s activations {@code a[from, to)} for the
   * derivative, then multiplies them by the mask.
   */
  void applyForward(int l, double[] a, int from, int to) {
    System.arraycopy(a, from, unmasked[l], from, to - from);
    multiplyByMask(l, a, from, to);
  }

  /**
   * Multiplies {@code x[from, to)} by hidden layer {@code l}'s mask (the backward pass masks the
   * propagated deltas like the forward pass masked the activations).
   */
  void multiplyByMask(int l, double[] x, int from, int to) {
    double[] m = mask[l];
    for (int i = from; i < to; i++) {
      x[i] *= m[i];
    }
  }

  /** Hidden layer {@code l}'s activations {@code f(z)} of the last forward pass, before masking. */
  double[] unmaskedActivations(int l) {
    return unmasked[l];
  }
}
