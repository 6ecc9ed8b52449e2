package weka.classifiers.functions.backprop.kernel;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * The WELL19937c generator (Panneton, L'Ecuyer &amp; Matsumoto 2006, "Improved long-period
 * generators based on linear recurrences modulo 2", ACM TOMS 32(1)), drawing exactly the numbers
 * of Commons Math's {@code Well19937c} for the same seed, but cheap to create.
 *
 * <p>Why: a build makes about fifteen streams ({@link Seeds#stream}), and Commons Math's
 * {@code AbstractWell} constructor allocates and fills five 624-entry index tables for every one
 * (a modulo per entry), about 6 µs a stream: a few per cent of a 10-fold cross-validation of a
 * 200-row set. The tables depend only on the generator's constants, so here they are computed
 * once per JVM and shared; each stream holds only its 624-word state. Everything above the raw
 * bits ({@code nextInt(n)}, {@code nextDouble()}, {@code nextGaussian()}, {@code nextLong()}) is
 * {@link BitsStreamGenerator}'s own code, and the bits ({@link #next}) and the seeding follow
 * {@code Well19937c} / {@code AbstractWell} step for step, so every model trained with the old
 * streams is trained again bit for bit (Well19937cStreamTest compares the two, draw for draw).
 */
public final class Well19937cStream extends BitsStreamGenerator {

  private static final long serialVersionUID = 1L;

  /** Bits of state, k = r·w − p (WELL19937c: r = 624 words of w = 32 bits, p = 31). */
  private static final int K = 19937;
  /** The recurrence's first offset m₁. */
  private static final int M1 = 70;
  /** The recurrence's second offset m₂. */
  private static final int M2 = 179;
  /** The recurrence's third offset m₃. */
  private static final int M3 = 449;
  /** Words of state, r = ⌈k / 32⌉. */
  private static final int R = (K + 31) / 32;

  /** (j − 1) mod r, (j − 2) mod r, (j + m₁) mod r, (j + m₂) mod r, (j + m₃) mod r per j. */
  private static final int[] I_RM1 = offsets(R - 1);
  private static final int[] I_RM2 = offsets(R - 2);
  private static final int[] I1 = offsets(M1);
  private static final int[] I2 = offsets(M2);
  private static final int[] I3 = offsets(M3);

  /** The state: r words. */
  private final int[] v = new int[R];
  /** The state's current word. */
  private int index;

  /**
   * A stream seeded as {@code new Well19937c(seed)}.
   *
   * @param seed the seed words (the first r are used; fewer are extended as Commons Math does)
   */
  public Well19937cStream(int[] seed) {
    setSeed(seed);
  }

  private static int[] offsets(int shift) {
    int[] t = new int[R];
    for (int j = 0; j < R; j++) {
      t[j] = (j + shift) % R;
    }
    return t;
  }

  /** {@inheritDoc} As {@code AbstractWell.setSeed(int)}. */
  @Override
  public void setSeed(int seed) {
    setSeed(new int[] {seed});
  }

  /**
   * As {@code AbstractWell.setSeed(int[])}: the seed words first, the rest of the state from the
   * recurrence vᵢ = 1812433253 · (vᵢ₋ₙ ⊕ (vᵢ₋ₙ ≫ 30)) + i (Knuth's multiplier, as in the Mersenne
   * Twister's initialization), n the seed's length. A null seed is refused: a stream here is
   * always reproducible.
   *
   * @param seed the seed words
   */
  @Override
  public void setSeed(int[] seed) {
    if (seed == null) {
      throw new IllegalArgumentException("a stream needs a seed");
    }
    int n = Math.min(seed.length, R);
    System.arraycopy(seed, 0, v, 0, n);
    for (int i = seed.length; i < R; i++) {
      long l = v[i - seed.length];
      v[i] = (int) ((1812433253L * (l ^ (l >> 30)) + i) & 0xffffffffL);
    }
    index = 0;
    clear(); // the cached second normal deviate
  }

  /** {@inheritDoc} As {@code AbstractWell.setSeed(long)}: the high word, then the low word. */
  @Override
  public void setSeed(long seed) {
    setSeed(new int[] {(int) (seed >>> 32), (int) (seed & 0xffffffffL)});
  }

  /**
   * One step of the WELL19937c recurrence (Panneton et al. 2006, Table II) with
   * Matsumoto–Kurita tempering (the "c" variant, maximally equidistributed), the top {@code
   * bits} bits of the output.
   */
  @Override
  protected int next(int bits) {
    final int indexRm1 = I_RM1[index];
    final int indexRm2 = I_RM2[index];
    final int v0 = v[index];
    final int vM1 = v[I1[index]];
    final int vM2 = v[I2[index]];
    final int vM3 = v[I3[index]];
    final int z0 = (0x80000000 & v[indexRm1]) ^ (0x7FFFFFFF & v[indexRm2]);
    final int z1 = (v0 ^ (v0 << 25)) ^ (vM1 ^ (vM1 >>> 27));
    final int z2 = (vM2 >>> 9) ^ (vM3 ^ (vM3 >>> 1));
    final int z3 = z1 ^ z2;
    int z4 = z0 ^ (z1 ^ (z1 << 9)) ^ (z2 ^ (z2 << 21)) ^ (z3 ^ (z3 >>> 21));
    v[index] = z3;
    v[indexRm1] = z4;
    v[indexRm2] &= 0x80000000;
    index = indexRm1;
    z4 ^= (z4 << 7) & 0xe46e1700;
    z4 ^= (z4 << 15) & 0x9b868000;
    return z4 >>> (32 - bits);
  }
}
