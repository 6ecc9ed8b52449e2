package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Random streams: the same seed and purpose reproduce the same stream, different purposes and
 * nearby seeds give unrelated streams, and {@link Seeds#shuffle} is a deterministic, uniform
 * permutation of exactly the requested prefix.
 */
class SeedsTest {

  static final int[] PURPOSES = {Seeds.INIT, Seeds.SHUFFLE, Seeds.HOLDOUT, Seeds.DROPOUT};

  static double[] draw(RandomGenerator rng, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rng.nextDouble();
    }
    return d;
  }

  @Test
  void sameSeedAndPurposeGiveTheSameStream() {
    for (long seed : new long[] {0, 1, -7, Long.MAX_VALUE}) {
      for (int p : PURPOSES) {
        assertArrayEquals(draw(Seeds.stream(seed, p), 200), draw(Seeds.stream(seed, p), 200), 0.0);
      }
    }
  }

  @Test
  void purposesAndNearbySeedsGiveUnrelatedStreams() {
    Map<String, double[]> streams = new HashMap<>();
    for (long seed = 0; seed < 4; seed++) {
      for (int p : PURPOSES) {
        streams.put(seed + "/" + p, draw(Seeds.stream(seed, p), 2000));
      }
    }
    String[] keys = streams.keySet().toArray(new String[0]);
    for (int i = 0; i < keys.length; i++) {
      for (int j = i + 1; j < keys.length; j++) {
        double[] a = streams.get(keys[i]);
        double[] b = streams.get(keys[j]);
        assertFalse(Arrays.equals(a, b), keys[i] + " vs " + keys[j]);
        // Pearson correlation of 2000 independent uniforms: sd ≈ 1/√2000 ≈ 0.022
        double r = correlation(a, b);
        assertTrue(Math.abs(r) < 0.1, keys[i] + " vs " + keys[j] + ": correlation " + r);
      }
    }
  }

  static double correlation(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  @Test
  void shufflePermutesOnlyThePrefixAndIsReproducible() {
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] b = a.clone();
    Seeds.shuffle(a, 7, Seeds.stream(42, Seeds.SHUFFLE));
    Seeds.shuffle(b, 7, Seeds.stream(42, Seeds.SHUFFLE));
    assertArrayEquals(a, b);
    assertArrayEquals(new int[] {7, 8, 9}, Arrays.copyOfRange(a, 7, 10));
    int[] prefix = Arrays.copyOf(a, 7);
    Arrays.sort(prefix);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, prefix);
  }

  @Test
  void shuffleIsUniformOverPermutations() {
    // all 6 permutations of 3 elements, 12000 shuffles: expect 2000 each, sd ≈ 41
    RandomGenerator rng = Seeds.stream(3, Seeds.SHUFFLE);
    Map<String, Integer> counts = new HashMap<>();
    for (int t = 0; t < 12000; t++) {
      int[] a = {0, 1, 2};
      Seeds.shuffle(a, 3, rng);
      counts.merge(Arrays.toString(a), 1, Integer::sum);
    }
    assertEquals(6, counts.size());
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      assertTrue(Math.abs(e.getValue() - 2000) < 250, e.toString());
    }
  }
}
