package weka.classifiers.functions.backpropmlp;

import weka.core.Instance;
import weka.core.Instances;

/**
 * A 64-bit fingerprint of a data set's labelled rows (each row's weight and non-zero values by
 * attribute, the rows summed so that their order does not count, and their number), so that
 * {@code -resume} can tell whether a continued training is given the rows of the build it
 * continues: it trains on those, and had silently ignored different ones (iris with its classes
 * relabelled gave the same bits as iris itself); on other rows it now trains afresh. The same
 * rows shuffled, stored sparse or dense, or with more rows of missing class (which training
 * drops) give the same fingerprint. One pass over the stored
 * values, taken only when {@code -resume} is set.
 */
final class DataFingerprint {

  private DataFingerprint() {}

  /**
   * @param data the rows
   * @return their fingerprint: equal rows in equal order give equal ones
   */
  static long of(Instances data) {
    long sum = 0;
    long rows = 0;
    for (int i = 0, n = data.numInstances(); i < n; i++) {
      Instance inst = data.instance(i);
      if (data.classIndex() >= 0 && inst.classIsMissing()) {
        continue;
      }
      long h = mix(0x9E3779B97F4A7C15L, Double.doubleToLongBits(inst.weight()));
      for (int p = 0, m = inst.numValues(); p < m; p++) {
        double v = inst.valueSparse(p);
        if (v != 0) { // a dense row's zeros are a sparse row's absent values
          h = mix(mix(h, inst.index(p)), Double.doubleToLongBits(v));
        }
      }
      sum += h;
      rows++;
    }
    return mix(sum, rows) | 1; // never 0, which means "not taken"
  }

  /** One step of a 64-bit multiply-xorshift mix (the finalizer of SplitMix64, Steele et al.). */
  private static long mix(long h, long v) {
    long z = h ^ (v + 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
