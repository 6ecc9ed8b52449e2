package weka.classifiers.functions.backpropmlp;

import weka.core.Instance;
import weka.core.Instances;

/**
 * A 64-bit fingerprint of a data set's rows (every stored value, the weight and the row count),
 * so that {@code -resume} can tell whether a build is given the rows of the build it continues:
 * it trains on those, and had silently ignored different ones (iris with its classes relabelled
 * gave the same bits as iris itself). One pass over the stored values, taken only when {@code
 * -resume} is set.
 */
final class DataFingerprint {

  private DataFingerprint() {}

  /**
   * @param data the rows
   * @return their fingerprint: equal rows in equal order give equal ones
   */
  static long of(Instances data) {
    long h = 0x9E3779B97F4A7C15L ^ data.numInstances();
    for (int i = 0, n = data.numInstances(); i < n; i++) {
      Instance inst = data.instance(i);
      h = mix(h, Double.doubleToLongBits(inst.weight()));
      for (int p = 0, m = inst.numValues(); p < m; p++) {
        h = mix(h, inst.index(p));
        h = mix(h, Double.doubleToLongBits(inst.valueSparse(p)));
      }
    }
    return h;
  }

  /** One step of a 64-bit multiply-xorshift mix (the finalizer of SplitMix64, Steele et al.). */
  private static long mix(long h, long v) {
    long z = h ^ (v + 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
