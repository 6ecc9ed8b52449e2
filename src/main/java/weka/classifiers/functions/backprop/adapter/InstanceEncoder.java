package weka.classifiers.functions.backprop.adapter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the dense feature rows the engine trains on. Learned from the
 * training header and data once, then applied to every instance, at training and at prediction.
 *
 * <ul>
 *   <li>Numeric and date attributes: one column, rescaled per {@link Normalization}; a missing
 *       value becomes the encoded training mean.
 *   <li>Nominal attributes with two values: one 0/1 column; with k ≠ 2 values: k one-hot
 *       columns. A missing value becomes the training frequency of each value (mean
 *       imputation).
 *   <li>An attribute with no value at all in the training data is always encoded as missing:
 *       the network never learned what its values mean, so at prediction they are ignored.
 *   <li>Every attribute with a missing value in the training data gets one more column, 1 when
 *       the value is missing, so the network can learn what missingness means.
 * </ul>
 *
 * At prediction, numeric values that are not finite (±∞) are treated as missing; during
 * training they are refused with an error naming the attribute.
 */
public final class InstanceEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int NUMERIC = 0;
  private static final int BINARY = 1;
  private static final int ONE_HOT = 2;

  private final int[] attribute;
  private final int[] kind;
  private final int[] column;
  private final int[] indicator;
  private final double[] center;
  private final double[] scale;
  private final double[][] imputed;
  private final boolean[] unseen;
  private final int width;

  private InstanceEncoder(
      int[] attribute, int[] kind, int[] column, int[] indicator, double[] center,
      double[] scale, double[][] imputed, boolean[] unseen, int width) {
    this.attribute = attribute;
    this.kind = kind;
    this.column = column;
    this.indicator = indicator;
    this.center = center;
    this.scale = scale;
    this.imputed = imputed;
    this.unseen = unseen;
    this.width = width;
  }

  /**
   * Learns the encoding from training data.
   *
   * @param data training instances (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @return the encoder
   * @throws IllegalArgumentException if a numeric training value is infinite
   */
  public static InstanceEncoder fit(Instances data, Normalization normalization) {
    int n = data.numInstances();
    List<int[]> specs = new ArrayList<>();
    int attrs = data.numAttributes();
    int count = 0;
    for (int a = 0; a < attrs; a++) {
      if (a != data.classIndex()) {
        count++;
      }
    }
    int[] attribute = new int[count];
    int[] kind = new int[count];
    int[] column = new int[count];
    int[] indicator = new int[count];
    double[] center = new double[count];
    double[] scale = new double[count];
    double[][] imputed = new double[count][];
    boolean[] unseen = new boolean[count];
    double[] values = new double[n];
    int col = 0;
    int j = 0;
    for (int a = 0; a < attrs; a++) {
      if (a == data.classIndex()) {
        continue;
      }
      Attribute att = data.attribute(a);
      boolean anyMissing = false;
      boolean anyPresent = false;
      for (int i = 0; i < n; i++) {
        double v = data.instance(i).value(a);
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "attribute '" + att.name() + "' has the infinite value " + v + " in training"
                  + " instance " + (i + 1) + "; only NaN means missing in Weka. Replace or remove"
                  + " such values (e.g. with a filter) before training.");
        }
        values[i] = v;
        anyMissing |= Double.isNaN(v);
        anyPresent |= !Double.isNaN(v);
      }
      attribute[j] = a;
      column[j] = col;
      unseen[j] = !anyPresent;
      if (att.isNominal()) {
        int k = att.numValues();
        kind[j] = k == 2 ? BINARY : ONE_HOT;
        int w = k == 2 ? 1 : k;
        double[] freq = new double[w];
        int present = 0;
        for (int i = 0; i < n; i++) {
          if (!Double.isNaN(values[i])) {
            present++;
            int v = (int) values[i];
            if (k == 2) {
              freq[0] += v;
            } else {
              freq[v]++;
            }
          }
        }
        for (int c = 0; c < w; c++) {
          freq[c] = present > 0 ? freq[c] / present : 0;
        }
        imputed[j] = freq;
        center[j] = 0;
        scale[j] = 1;
        col += w;
      } else {
        kind[j] = NUMERIC;
        ColumnStats s = ColumnStats.of(values, n);
        switch (normalization) {
          case STANDARDIZE:
            center[j] = s.mean;
            scale[j] = s.std > 0 && Double.isFinite(s.std) ? s.std : 1;
            break;
          case MINMAX:
            center[j] = s.min == Double.POSITIVE_INFINITY ? 0 : s.min;
            double r = s.range();
            scale[j] = r > 0 && Double.isFinite(r) ? r : 1;
            break;
          default:
            center[j] = 0;
            scale[j] = 1;
        }
        imputed[j] = new double[] {scale(s.mean, center[j], scale[j])};
        col += 1;
      }
      indicator[j] = anyMissing ? col++ : -1;
      j++;
    }
    return new InstanceEncoder(
        attribute, kind, column, indicator, center, scale, imputed, unseen, col);
  }

  /** {@code (v − c) / s}, computed as {@code v/s − c/s} so that huge values cannot overflow. */
  private static double scale(double v, double c, double s) {
    return v / s - c / s;
  }

  /** Number of encoded columns per instance. */
  public int width() {
    return width;
  }

  /**
   * Encodes one instance into {@code out[off .. off + width())}, without allocating.
   *
   * @param inst the instance (same header as the training data)
   * @param out destination
   * @param off offset of the row
   */
  public void encode(Instance inst, double[] out, int off) {
    for (int j = 0; j < attribute.length; j++) {
      double v = inst.value(attribute[j]);
      boolean missing = unseen[j] || Double.isNaN(v) || Double.isInfinite(v);
      int c = off + column[j];
      switch (kind[j]) {
        case NUMERIC:
          out[c] = missing ? imputed[j][0] : scale(v, center[j], scale[j]);
          break;
        case BINARY:
          out[c] = missing ? imputed[j][0] : v;
          break;
        default:
          double[] freq = imputed[j];
          if (missing) {
            System.arraycopy(freq, 0, out, c, freq.length);
          } else {
            java.util.Arrays.fill(out, c, c + freq.length, 0.0);
            int idx = (int) v;
            if (idx >= 0 && idx < freq.length) {
              out[c + idx] = 1;
            }
          }
      }
      if (indicator[j] >= 0) {
        out[off + indicator[j]] = missing ? 1 : 0;
      }
    }
  }

  /**
   * Encodes all instances into one row-major matrix.
   *
   * @param data instances
   * @return {@code numInstances × width()} values
   */
  public double[] encodeAll(Instances data) {
    double[] x = new double[data.numInstances() * width];
    for (int i = 0; i < data.numInstances(); i++) {
      encode(data.instance(i), x, i * width);
    }
    return x;
  }
}
