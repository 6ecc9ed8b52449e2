package weka.classifiers.functions.backprop.train;

import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Seeds;

/**
 * Splits row indices into a training part and a validation holdout, stratified by class when
 * labels are given so that every class keeps its proportion in both parts. A class contributes
 * {@code round(fraction · count)} rows to the holdout, but never all of its rows; rows of zero
 * weight never go to the holdout. If the holdout would end up empty, everything trains.
 */
final class Holdout {

  private Holdout() {}

  /**
   * The split, in steps of one loop each: C2 compiles a loop that runs long in one call on its
   * own (on-stack replacement), and one method holding all of them was compiled anew from each
   * loop with the shuffle's generator inlined, 49-84 ms of compiler time in a build of a few
   * thousand rows (bench/README.md, "The compiler's work in dna's timed run").
   *
   * @param labels class per row, or null (regression: no stratification)
   * @param weights row weights
   * @param fraction fraction in [0, 1) to hold out
   * @param rng source of randomness
   * @return {training indices, validation indices}
   */
  static int[][] split(int[] labels, double[] weights, double fraction, RandomGenerator rng) {
    int n = weights.length;
    int[] all = identity(n);
    if (fraction <= 0 || n < 2) {
      return new int[][] {all, new int[0]};
    }
    Seeds.shuffle(all, n, rng);
    int[] quota = quotas(weightedCounts(labels, weights), fraction);
    return partition(all, held(all, labels, weights, quota));
  }

  /** @return {@code 0, 1, …, n − 1} */
  private static int[] identity(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /** @return the rows of positive weight per class (one count without labels) */
  private static int[] weightedCounts(int[] labels, double[] weights) {
    int classes = 1;
    if (labels != null) {
      for (int c : labels) {
        classes = Math.max(classes, c + 1);
      }
    }
    int[] count = new int[classes];
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        count[labels == null ? 0 : labels[i]]++;
      }
    }
    return count;
  }

  /** @return each class's share of the holdout: round(fraction · count), never all its rows */
  private static int[] quotas(int[] count, double fraction) {
    int[] quota = new int[count.length];
    for (int c = 0; c < count.length; c++) {
      quota[c] = (int) Math.min(Math.round(fraction * count[c]), Math.max(0, count[c] - 1));
    }
    return quota;
  }

  /**
   * @return which rows go to the holdout: each class's first rows in shuffled order, as many as
   *     its quota, which this uses up
   */
  private static boolean[] held(int[] shuffled, int[] labels, double[] weights, int[] quota) {
    boolean[] held = new boolean[shuffled.length];
    for (int i : shuffled) {
      int c = labels == null ? 0 : labels[i];
      if (weights[i] > 0 && quota[c] > 0) {
        quota[c]--;
        held[i] = true;
      }
    }
    return held;
  }

  /** @return {training rows, holdout rows}, each in shuffled order */
  private static int[][] partition(int[] shuffled, boolean[] held) {
    int nVal = 0;
    for (boolean h : held) {
      nVal += h ? 1 : 0;
    }
    int[] tr = new int[shuffled.length - nVal];
    int[] va = new int[nVal];
    int t = 0;
    int v = 0;
    for (int i : shuffled) {
      if (held[i]) {
        va[v++] = i;
      } else {
        tr[t++] = i;
      }
    }
    return new int[][] {tr, va};
  }
}
