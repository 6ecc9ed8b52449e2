package weka.classifiers.functions.backprop.model;

import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Seeds;

/**
 * Preallocated buffers for forward and backward passes over mini-batches of at most
 * {@link #capacity()} rows: the input batch, each layer's pre-activations, activations and
 * gradients, the targets, the example weights and (optionally) dropout masks. Sized once per
 * fit so the training loop never allocates. Not thread-safe: one workspace per thread.
 */
public final class Workspace {

  private final int capacity;
  private final double[][] pre;
  private final double[][] act;
  private final double[][] delta;
  private final double[] targets;
  private final double[] weights;
  private final double[][] dropMask;
  private final double[][] unmasked;
  private double dropout;
  private final double[] rowLoss;
  private final double[] biasSums;

  /**
   * Allocates buffers for {@code net} and batches of up to {@code capacity} rows.
   *
   * @param net the network
   * @param capacity maximum rows per batch
   * @param forTraining whether to allocate gradient, target and weight buffers
   */
  public Workspace(Network net, int capacity, boolean forTraining) {
    this.capacity = capacity;
    int layers = net.numLayers();
    pre = new double[layers][];
    act = new double[layers + 1][];
    delta = new double[layers][];
    act[0] = new double[capacity * net.size(0)];
    for (int l = 0; l < layers; l++) {
      int width = net.size(l + 1);
      pre[l] = new double[capacity * width];
      act[l + 1] = new double[capacity * width];
      if (forTraining) {
        delta[l] = new double[capacity * width];
      }
    }
    targets = forTraining ? new double[capacity * net.outputs()] : null;
    weights = forTraining ? new double[capacity] : null;
    rowLoss = forTraining ? new double[capacity] : null;
    int widest = 0;
    for (int l = 1; l <= layers; l++) {
      widest = Math.max(widest, net.size(l));
    }
    biasSums = forTraining ? new double[widest] : null;
    dropMask = new double[Math.max(0, layers - 1)][];
    unmasked = new double[Math.max(0, layers - 1)][];
  }

  /** Maximum number of rows per batch. */
  public int capacity() {
    return capacity;
  }

  /** Activations of layer {@code l} ({@code 0} = the input batch), {@code rows × size(l)}. */
  public double[] activations(int l) {
    return act[l];
  }

  /** Pre-activations of weight layer {@code l}, {@code rows × size(l+1)}. */
  public double[] preActivations(int l) {
    return pre[l];
  }

  /** Gradients of the loss w.r.t. the pre-activations of weight layer {@code l}. */
  public double[] deltas(int l) {
    return delta[l];
  }

  /** Target rows of the current batch, {@code rows × outputs}. */
  public double[] targets() {
    return targets;
  }

  /** Example weights of the current batch. */
  public double[] weights() {
    return weights;
  }

  /**
   * Allocates the dropout buffers up front, so that training with dropout allocates nothing
   * inside an epoch.
   *
   * @param net the network
   */
  public void allocateDropout(Network net) {
    for (int l = 0; l < dropMask.length; l++) {
      if (dropMask[l] == null) {
        dropMask[l] = new double[capacity * net.size(l + 1)];
        unmasked[l] = new double[capacity * net.size(l + 1)];
      }
    }
  }

  /**
   * Enables inverted dropout (Srivastava et al. 2014) on hidden layers for the next passes:
   * draws, for every hidden unit of rows {@code [0, rows)}, a mask value of {@code 1/(1−p)}
   * with probability {@code 1−p}, else 0. With {@code p = 0} dropout is off.
   *
   * <p>The masks take one 64-bit seed from {@code rng} per batch and draw from the SplitMix64
   * sequence (Steele, Lea &amp; Flood 2014) two units per number, one per 32-bit half compared
   * with {@code p·2³²}: a few multiplications per two units instead of a WELL19937c
   * {@code nextDouble()} per unit (the masks are drawn for every hidden unit of every row of
   * every step). SplitMix64 passes BigCrush (Steele et al.), far more than a mask needs.
   *
   * @param net the network
   * @param p drop probability in [0, 1)
   * @param rows rows of the coming batch
   * @param rng source of randomness
   */
  public void drawDropoutMasks(Network net, double p, int rows, RandomGenerator rng) {
    dropout = p;
    if (p <= 0) {
      return;
    }
    double keep = 1 / (1 - p);
    long threshold = (long) Math.ceil(p * 0x1p32); // drop when the 32-bit draw is below it
    long state = rng.nextLong();
    allocateDropout(net);
    for (int l = 0; l < dropMask.length; l++) {
      int n = rows * net.size(l + 1);
      double[] m = dropMask[l];
      int i = 0;
      // kept ⇔ draw ≥ threshold ⇔ the sign bit of threshold − 1 − draw is set: branch-free,
      // since a 30 % drop rate would mispredict a branch on every third unit
      long last = threshold - 1;
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
  }

  /**
   * Sets fixed dropout masks (for gradient checks): {@code masks[l]} for hidden layer {@code l}.
   *
   * @param masks one mask per hidden layer, {@code capacity × width}
   */
  public void setDropoutMasks(double[][] masks) {
    for (int l = 0; l < dropMask.length; l++) {
      dropMask[l] = masks[l].clone();
      unmasked[l] = new double[masks[l].length];
    }
    dropout = 1e-9; // any positive value switches masks on
  }

  /** Switches dropout off (prediction, validation). */
  public void disableDropout() {
    dropout = 0;
  }

  /**
   * Multiplies hidden layer {@code l}'s activations {@code [from, to)} by its mask, keeping the
   * unmasked values for the activation derivative.
   */
  void applyDropout(int l, int from, int to) {
    if (dropout <= 0) {
      return;
    }
    System.arraycopy(act[l + 1], from, unmasked[l], from, to - from);
    applyDropout(l, from, to, act[l + 1]);
  }

  /** Activations {@code f(z)} of hidden layer {@code l} before any dropout mask. */
  double[] unmaskedActivations(int l) {
    return dropout > 0 ? unmasked[l] : act[l + 1];
  }

  /** Multiplies {@code x[from, to)} by hidden layer {@code l}'s dropout mask, if enabled. */
  void applyDropout(int l, int from, int to, double[] x) {
    if (dropout <= 0) {
      return;
    }
    double[] m = dropMask[l];
    for (int i = from; i < to; i++) {
      x[i] *= m[i];
    }
  }

  /** Scratch for one layer's bias gradient sums (one per unit of the widest layer). */
  double[] biasSums() {
    return biasSums;
  }

  /** Per-row losses of the last backward pass. */
  double[] rowLosses() {
    return rowLoss;
  }
}
