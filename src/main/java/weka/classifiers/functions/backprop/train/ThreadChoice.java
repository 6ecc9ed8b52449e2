package weka.classifiers.functions.backprop.train;

import java.util.Arrays;

/**
 * Decides, epoch by epoch, whether the mini-batch steps go to the {@code WorkerPool} or stay on
 * the calling thread, by timing both: the first {@link #PROBE_STEPS} steps of an epoch run in
 * blocks of {@link #BLOCK}, with the pool and without it in turn, and the rest of the epoch
 * takes the pool only if its median time per row is below {@link #MARGIN} times the caller's
 * alone. The first
 * step of each block is not counted: it still pays for moving the weights and gradient rows
 * the other arrangement left in the other core's cache, which steps in steady state do not
 * (alternating single steps made one thread look slower than it is).
 *
 * <p>Why measure instead of deciding from the network's size: whether a second thread pays
 * depends on the machine as much as on the work. On a 2-vCPU VM whose vCPUs the hypervisor
 * places on cores that share a cache at some times and not at others, a 784-64-10 step at batch
 * 32 ran 1.4 times faster on two threads in one placement and 0.7–1.0 times as fast in the other
 * (bench/README.md, seventh and eighth sessions), minutes apart. Timing a few steps of every
 * epoch costs about one percent of it, and keeps a second thread only where it was just measured
 * to pay. The model does not depend on the choice: every phase of a step gives the
 * same bits for any number of threads.
 *
 * <p>An epoch with fewer than {@code PROBE_STEPS} steps runs its blocks in turn and chooses
 * nothing. One object per trainer, reused every epoch; nothing is allocated per step.
 */
final class ThreadChoice {

  /** Steps timed at the start of each epoch, in blocks with and without the pool. */
  static final int PROBE_STEPS = 16;
  /** Consecutive steps of a probe that use the same arrangement. */
  static final int BLOCK = 4;
  /** Timed steps per arrangement: every step of its blocks but the first. */
  private static final int SAMPLES = PROBE_STEPS / 2 - PROBE_STEPS / (2 * BLOCK);
  /**
   * The pool's median time per row must be below this share of the caller's alone: a second
   * thread doubles the CPU a step takes, which a gain under about 10 % does not repay.
   */
  static final double MARGIN = 0.9;

  private final double[] pooled = new double[SAMPLES];
  private final double[] alone = new double[SAMPLES];
  private boolean poolAvailable;
  private int probed;
  private boolean usePool;

  /**
   * Starts an epoch's choice.
   *
   * @param available whether a pool of more than one thread exists this epoch; without one,
   *     every step stays on the caller and nothing is timed
   */
  void beginEpoch(boolean available) {
    poolAvailable = available;
    probed = available ? 0 : PROBE_STEPS;
    usePool = false;
  }

  /** @return whether the next step should use the pool */
  boolean nextUsesPool() {
    if (!poolAvailable) {
      return false;
    }
    return probed < PROBE_STEPS ? pooledStep(probed) : usePool;
  }

  /** @return whether the steps of this epoch are still being timed */
  boolean probing() {
    return probed < PROBE_STEPS;
  }

  /**
   * Records the step just run (as {@link #nextUsesPool()} said); ends the probe after the last
   * timed step.
   *
   * @param nanos the step's wall time
   * @param rows rows in its mini-batch
   */
  void record(long nanos, int rows) {
    if (probed >= PROBE_STEPS) {
      return;
    }
    int inBlock = probed % BLOCK;
    if (inBlock > 0) {
      // sample index: blocks of this arrangement before this one, times the steps they count
      int sample = probed / (2 * BLOCK) * (BLOCK - 1) + inBlock - 1;
      (pooledStep(probed) ? pooled : alone)[sample] = (double) nanos / Math.max(1, rows);
    }
    if (++probed == PROBE_STEPS) {
      usePool = median(pooled) < MARGIN * median(alone);
    }
  }

  /** Whether step {@code s} of a probe uses the pool: the even blocks do. */
  private static boolean pooledStep(int s) {
    return (s / BLOCK) % 2 == 0;
  }

  /** @return whether the pool won the last finished probe (false before one finished) */
  boolean poolChosen() {
    return usePool;
  }

  /** The median of {@code v}, sorting it in place (its values are rewritten every epoch). */
  private static double median(double[] v) {
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
  }
}
