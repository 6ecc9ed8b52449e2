package weka.classifiers.functions.backprop.optim;

/**
 * Keeps parameters and optimizer state out of the subnormal range, where arithmetic is two
 * orders of magnitude slower.
 *
 * <p>Why: a weight the data no longer move, such as the incoming and outgoing weights of a ReLU
 * unit that has stopped firing, is pulled towards zero by the L2 penalty alone ({@code g = λθ}).
 * Adam divides the step by the gradient's own running scale, so under it such a weight shrinks
 * geometrically, by hundreds of orders of magnitude within some thousands of steps, into the
 * subnormal numbers below {@link Double#MIN_NORMAL} (UnderflowTest shows it for one weight). Java
 * keeps IEEE 754's gradual underflow (JLS §4.2.3) and cannot switch on the x86 flush-to-zero and
 * denormals-are-zero modes, and Intel's cores execute an instruction with a subnormal operand or
 * result through a microcode assist of the order of a hundred cycles (Intel 64 and IA-32
 * Architectures Optimization Reference Manual, on denormals and the FTZ and DAZ modes). Every
 * product that reads such a weight pays it for every element: a default model on the shuttle
 * data slowed down eightfold over its 100 epochs (doc/performance.md). The other rules get the
 * same flush as a guard: momentum and RMSProp's averages decay geometrically wherever the
 * gradient is exactly zero.
 *
 * <p>What: every {@link #INTERVAL} steps the trainer has each optimizer set to exactly zero
 * the parameters and first-moment or velocity values below {@link #NEGLIGIBLE} in magnitude, and
 * the second-moment values below {@link #NEGLIGIBLE_SQUARE} ({@link Optimizer#flushNegligible}).
 * The bounds are far from any value that can change a result: a parameter below 1e-100
 * contributes under 1e-100 times an activation to a sum whose other terms are many orders
 * larger (a dead unit's bias, a live unit's weights), and its products with anything above
 * 1e-208 stay normal, so a value would have to fall by 208 orders of magnitude within one
 * interval to turn subnormal between two flushes; a second moment below 1e-200 has a square root
 * below 1e-100, which added to Adam's or RMSProp's ε of 1e-8 leaves it unchanged, so flushing it
 * changes no step at all. Once a parameter, its moment and its gradient are exactly zero, the
 * update keeps them there without ever producing a subnormal. The flush is element-wise and
 * keyed to the step count, so models stay bit-identical for any number of threads.
 */
public final class Underflow {

  /** Steps between two flushes. */
  public static final int INTERVAL = 64;
  /** Parameters, first moments and velocities below this magnitude become zero. */
  public static final double NEGLIGIBLE = 1e-100;
  /** Second moments (averages of squared gradients) below this become zero. */
  public static final double NEGLIGIBLE_SQUARE = 1e-200;

  private Underflow() {}

  /**
   * Sets every value of {@code a[from, to)} whose magnitude is below {@code bound}, but not zero,
   * to {@code +0.0}. Zeros (of either sign) and NaN are left as they are, so a signed zero keeps
   * its bits and a diverged value is still reported as such.
   *
   * <p>Without a branch: the bits of a double without its sign order like its magnitude (IEEE
   * 754, §3.4), so a value is flushed when its magnitude's bits less one lie in {@code [0,
   * bits(bound) − 1)}, and its bits are masked to those of +0. Why: the branch of a plain test is
   * never taken until some weight first falls below the bound, which may be minutes into a
   * session; C2 had compiled the trainer's update loop, into which this is inlined, with that
   * branch left out, and then threw the loop away and compiled it again (a JFR deoptimization
   * event, "unstable_if", 4.5 s after the defaults table's warm-up on cpu; bench/README.md, "Bias
   * gradients by columns").
   *
   * @param a values, changed in place
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param bound magnitude below which a value is flushed: a positive finite double
   */
  public static void flush(double[] a, int from, int to, double bound) {
    long below = Double.doubleToRawLongBits(bound) - 1;
    for (int i = from; i < to; i++) {
      long bits = Double.doubleToRawLongBits(a[i]);
      long m = (bits & Long.MAX_VALUE) - 1; // −1 for ±0
      long flushed = (m - below) >> 63 & ~(m >> 63); // all ones when 0 ≤ m < below
      a[i] = Double.longBitsToDouble(bits & ~flushed);
    }
  }
}
