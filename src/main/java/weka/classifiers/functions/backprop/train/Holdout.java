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
   * @param labels class per row, or null (regression: no stratification)
   * @param weights row weights
   * @param fraction fraction in [0, 1) to hold out
   * @param rng source of randomness
   * @return {training indices, validation indices}
   */
  static int[][] split(int[] labels, double[] weights, double fraction, RandomGenerator rng) {
    int n = weights.length;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (fraction <= 0 || n < 2) {
      return new int[][] {all, new int[0]};
    }
    Seeds.shuffle(all, n, rng);
    int classes = 1;
    if (labels != null) {
      for (int c : labels) {
        classes = Math.max(classes, c + 1);
      }
    }
    int[] count = new int[classes];
    for (int i = 0; i < n; i++) {
      if (weights[i] > 0) {
        count[labels == null ? 0 : labels[i]]++;
      }
    }
    int[] quota = new int[classes];
    for (int c = 0; c < classes; c++) {
      quota[c] = (int) Math.min(Math.round(fraction * count[c]), Math.max(0, count[c] - 1));
    }
    boolean[] held = new boolean[n];
    int nVal = 0;
    for (int i : all) {
      int c = labels == null ? 0 : labels[i];
      if (weights[i] > 0 && quota[c] > 0) {
        quota[c]--;
        held[i] = true;
        nVal++;
      }
    }
    int[] tr = new int[n - nVal];
    int[] va = new int[nVal];
    int t = 0;
    int v = 0;
    for (int i : all) {
      if (held[i]) {
        va[v++] = i;
      } else {
        tr[t++] = i;
      }
    }
    return new int[][] {tr, va};
  }
}
