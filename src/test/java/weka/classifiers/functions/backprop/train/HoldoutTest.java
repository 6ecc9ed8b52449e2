package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.kernel.Seeds;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validation holdout: a partition of the rows; stratified so that each class contributes
 * {@code round(fraction · count)} of its positive-weight rows; zero-weight rows never held out;
 * never every row of a class; everything trains when the fraction is 0 or the holdout would be
 * empty; reproducible from the seed.
 */
class HoldoutTest {

  static int[] labels(int... counts) {
    int n = Arrays.stream(counts).sum();
    int[] y = new int[n];
    int i = 0;
    for (int c = 0; c < counts.length; c++) {
      for (int k = 0; k < counts[c]; k++) {
        y[i++] = c;
      }
    }
    // interleave so that the classes are not in blocks
    int[] out = new int[n];
    int[] perm = new int[n];
    for (int k = 0; k < n; k++) {
      perm[k] = (int) ((k * 7919L) % n);
    }
    for (int k = 0; k < n; k++) {
      out[perm[k]] = y[k];
    }
    return out;
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  static int[] classCounts(int[] rows, int[] labels, int classes) {
    int[] c = new int[classes];
    for (int r : rows) {
      c[labels[r]]++;
    }
    return c;
  }

  static void assertPartition(int n, int[][] split) {
    int[] all = new int[split[0].length + split[1].length];
    System.arraycopy(split[0], 0, all, 0, split[0].length);
    System.arraycopy(split[1], 0, all, split[0].length, split[1].length);
    Arrays.sort(all);
    int[] expected = new int[n];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, all, "training and validation must partition the rows");
  }

  @Test
  void stratificationKeepsClassProportions() {
    int[] y = labels(60, 30, 10);
    int[][] split = Holdout.split(y, ones(100), 0.2, Seeds.stream(1, Seeds.HOLDOUT));
    assertPartition(100, split);
    // round(0.2 · 60) = 12, round(0.2 · 30) = 6, round(0.2 · 10) = 2
    assertArrayEquals(new int[] {12, 6, 2}, classCounts(split[1], y, 3));
    assertArrayEquals(new int[] {48, 24, 8}, classCounts(split[0], y, 3));
  }

  @Test
  void zeroWeightRowsAreNeverHeldOut() {
    int[] y = labels(40, 40);
    double[] w = ones(80);
    for (int i = 0; i < 80; i += 3) {
      w[i] = 0;
    }
    int positive0 = 0;
    int positive1 = 0;
    for (int i = 0; i < 80; i++) {
      if (w[i] > 0) {
        if (y[i] == 0) {
          positive0++;
        } else {
          positive1++;
        }
      }
    }
    for (long seed = 0; seed < 20; seed++) {
      int[][] split = Holdout.split(y, w, 0.5, Seeds.stream(seed, Seeds.HOLDOUT));
      assertPartition(80, split);
      for (int i : split[1]) {
        assertTrue(w[i] > 0, "zero-weight row " + i + " held out");
      }
      // the quota counts positive-weight rows only
      assertArrayEquals(new int[] {Math.round(positive0 * 0.5f), Math.round(positive1 * 0.5f)},
          classCounts(split[1], y, 2));
    }
  }

  @ParameterizedTest(name = "fraction {0} never empties a class from training")
  @ValueSource(doubles = {0.5, 0.9, 0.99})
  void neverEmptiesAClassFromTraining(double fraction) {
    int[] y = labels(50, 3, 1, 2);
    double[] w = ones(y.length);
    int[][] split = Holdout.split(y, w, fraction, Seeds.stream(5, Seeds.HOLDOUT));
    assertPartition(y.length, split);
    int[] train = classCounts(split[0], y, 4);
    for (int c = 0; c < 4; c++) {
      int weighted = 0;
      for (int i : split[0]) {
        if (y[i] == c && w[i] > 0) {
          weighted++;
        }
      }
      assertTrue(weighted >= 1, "class " + c + " has no training row left: " + train[c]);
    }
    // the singleton class cannot contribute to the holdout at all
    assertEquals(0, classCounts(split[1], y, 4)[2]);
  }

  @Test
  void classWithOneWeightedRowStaysInTraining() {
    // class 1: one positive-weight row and several zero-weight ones
    int[] y = {0, 0, 0, 0, 1, 1, 1, 0, 0, 0};
    double[] w = {1, 1, 1, 1, 0, 2, 0, 1, 1, 1};
    int[][] split = Holdout.split(y, w, 0.5, Seeds.stream(9, Seeds.HOLDOUT));
    assertTrue(Arrays.stream(split[0]).anyMatch(i -> i == 5), "the only weighted row of class 1");
    assertEquals(4, split[1].length); // round(0.5 · 7) = 4 of class 0, none of class 1
  }

  @Test
  void zeroFractionOrEmptyQuotaTrainsOnEverything() {
    int[] y = labels(10, 10);
    int[][] none = Holdout.split(y, ones(20), 0, Seeds.stream(1, Seeds.HOLDOUT));
    assertEquals(20, none[0].length);
    assertEquals(0, none[1].length);
    // 1% of 10 rows rounds to 0 per class
    int[][] tiny = Holdout.split(y, ones(20), 0.01, Seeds.stream(1, Seeds.HOLDOUT));
    assertEquals(20, tiny[0].length);
    assertEquals(0, tiny[1].length);
    int[][] single = Holdout.split(new int[] {0}, ones(1), 0.5, Seeds.stream(1, Seeds.HOLDOUT));
    assertArrayEquals(new int[] {0}, single[0]);
  }

  @Test
  void regressionIsUnstratified() {
    int[][] split = Holdout.split(null, ones(33), 0.3, Seeds.stream(1, Seeds.HOLDOUT));
    assertPartition(33, split);
    assertEquals(10, split[1].length); // round(0.3 · 33) = round(9.9)
  }

  @Test
  void reproducibleFromTheSeedAndRandomAcrossSeeds() {
    int[] y = labels(30, 30);
    int[][] a = Holdout.split(y, ones(60), 0.25, Seeds.stream(11, Seeds.HOLDOUT));
    int[][] b = Holdout.split(y, ones(60), 0.25, Seeds.stream(11, Seeds.HOLDOUT));
    int[][] c = Holdout.split(y, ones(60), 0.25, Seeds.stream(12, Seeds.HOLDOUT));
    assertArrayEquals(a[0], b[0]);
    assertArrayEquals(a[1], b[1]);
    int[] va = a[1].clone();
    int[] vc = c[1].clone();
    Arrays.sort(va);
    Arrays.sort(vc);
    assertTrue(!Arrays.equals(va, vc), "different seeds held out the same rows");
  }
}
