package weka.classifiers.functions.backprop.kernel;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * One independent, reproducible random stream per purpose (initialization, shuffling, holdout,
 * dropout), all derived from the user's seed, so that e.g. changing the holdout size does not
 * change the initial weights. Streams are the WELL19937c generator (Panneton, L'Ecuyer &amp;
 * Matsumoto 2006): Commons Math's numbers from a cheaper object ({@link Well19937cStream}),
 * seeded through the SplitMix64 finalizer (Steele et al. 2014) so nearby seeds give unrelated
 * streams.
 */
public final class Seeds {

  /** Purpose: initial weights. */
  public static final int INIT = 1;
  /** Purpose: per-epoch shuffling. */
  public static final int SHUFFLE = 2;
  /** Purpose: the validation holdout. */
  public static final int HOLDOUT = 3;
  /** Purpose: dropout masks. */
  public static final int DROPOUT = 4;

  private Seeds() {}

  /**
   * A generator for one purpose.
   *
   * @param seed user seed
   * @param purpose one of the constants of this class
   * @return a freshly seeded generator
   */
  public static RandomGenerator stream(long seed, int purpose) {
    long z = mix64(seed * GOLDEN_GAMMA + purpose * 0xBF58476D1CE4E5B9L);
    return new Well19937cStream(new int[] {(int) z, (int) (z >>> 32), purpose});
  }

  /** SplitMix64's increment, 2⁶⁴/φ (Steele, Lea &amp; Flood 2014). */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /**
   * SplitMix64's output function (Steele, Lea &amp; Flood 2014; variant 13 of Stafford's
   * finalizers): a bijection of 64-bit values whose outputs for consecutive inputs look
   * unrelated.
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Fisher–Yates shuffle of {@code a[0 .. n)} (Knuth, TAOCP vol. 2, Algorithm P).
   *
   * @param a indices to permute in place
   * @param n number of leading entries to permute
   * @param rng source of randomness
   */
  public static void shuffle(int[] a, int n, RandomGenerator rng) {
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
