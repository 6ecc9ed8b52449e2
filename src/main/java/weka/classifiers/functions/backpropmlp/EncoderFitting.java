package weka.classifiers.functions.backpropmlp;

import java.util.Arrays;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Learns an {@link InstanceEncoder}'s tables: which columns each attribute takes, how a numeric
 * column is rescaled, what a missing value becomes. Three ways, one per source of knowledge:
 * the training rows read column by column ({@link #fit}), a one-pass {@link ColumnScan} of
 * sparse or wide data ({@link #fitScanned}), or the header alone for a stream ({@link
 * #forStream}). The encoder then applies the tables to every row; it is kept apart from their
 * learning so that each side reads on its own.
 */
final class EncoderFitting {

  private EncoderFitting() {}

  /**
   * Learns the encoding from training data, from the rows of positive weight ({@link
   * ColumnScan#counts}).
   *
   * @param data training instances (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @return the encoder
   * @throws IllegalArgumentException if a numeric training value is infinite
   */
  static InstanceEncoder fit(Instances data, Normalization normalization) {
    InstanceEncoder e = InstanceEncoder.empty(data, normalization, false, false);
    double[] values = new double[data.numInstances()];
    boolean allWeightless = ColumnScan.allWeightless(data);
    // the loops over the rows in methods of their own, the lambda without a loop: run once per
    // column and build, a loop here had the JIT compile the whole lambda on the stack with
    // Weka's instance access inlined (vehicle's timed build: 0.06 + 0.05 s of compilation)
    return layOut(e, data, (j, a, att, col) -> {
      int counted = gather(data, a, att, allWeightless, values);
      if (att.isNominal()) {
        int k = att.numValues();
        int present = counted - countNaN(values, counted);
        double[] freq = frequencies(values, counted, k, present);
        boolean constant = k == 2 && present > 0 && (freq[0] == 0 || freq[0] == 1);
        return e.indicatorSlot(j, e.nominalSlot(j, a, col, k, freq, constant, present == 0),
            present < counted);
      }
      ColumnStats s = ColumnStats.of(values, counted); // its count: the values present
      int next = e.numericSlot(j, a, col, s.count > 0 && s.min == s.max, s.count == 0);
      e.setScaling(j, s.mean, s.std, s.min, s.range(), s.count > 0, s.maxAbs());
      return e.indicatorSlot(j, next, s.count < counted);
    });
  }

  /**
   * Copies attribute {@code a}'s values of the rows that count ({@link ColumnScan#counts}) to
   * the front of {@code values}, refusing an infinite one.
   *
   * @return how many rows count
   */
  private static int gather(Instances data, int a, Attribute att, boolean allWeightless,
      double[] values) {
    int counted = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      Instance inst = data.instance(i);
      double v = inst.value(a);
      if (Double.isInfinite(v)) {
        throw DataChecks.infiniteValue(att, v, "training instance " + (i + 1));
      }
      if (ColumnScan.counts(inst, allWeightless)) { // rows of weight 0 set no statistic
        values[counted++] = v;
      }
    }
    return counted;
  }

  /** @return how many of {@code values[0 .. count)} are NaN (missing) */
  private static int countNaN(double[] values, int count) {
    int missing = 0;
    for (int i = 0; i < count; i++) {
      missing += Double.isNaN(values[i]) ? 1 : 0;
    }
    return missing;
  }

  /**
   * Each value's share of the {@code present} non-missing ones among {@code values[0 ..
   * count)} (codes of a nominal attribute with {@code k} values); for two values, the second
   * one's share alone.
   */
  private static double[] frequencies(double[] values, int count, int k, int present) {
    double[] freq = new double[k == 2 ? 1 : k];
    for (int i = 0; i < count; i++) {
      if (!Double.isNaN(values[i])) {
        int v = (int) values[i];
        if (k == 2) {
          freq[0] += v;
        } else {
          freq[v]++;
        }
      }
    }
    for (int c = 0; c < freq.length; c++) {
      freq[c] = present > 0 ? freq[c] / present : 0;
    }
    return freq;
  }

  /**
   * Learns the encoding for the sparse route from a one-pass {@link ColumnScan} (time
   * proportional to the stored values): the same column layout and imputation rules as {@link
   * #fit}, numeric columns scaled without centring (MAXABS for AUTO or MAXABS, raw for NONE), so
   * that a raw zero encodes as zero and {@link SparseRowEncoder} can skip it; or, with {@code
   * centreNumbers}, standardized exactly as {@link #fit} does, and stored in every row.
   *
   * @param data training instances (class attribute set)
   * @param normalization AUTO, MAXABS or NONE
   * @param scan the data's column scan
   * @param centreNumbers whether numeric and date columns are standardized ({@link
   *     SparseEncoding#route})
   * @return the encoder, on the sparse route
   * @throws IllegalArgumentException for a normalization that centres the values
   */
  static InstanceEncoder fitScanned(Instances data, Normalization normalization,
      ColumnScan scan, boolean centreNumbers) {
    if (!normalization.keepsZeros()) {
      throw new IllegalArgumentException("the sparse route needs a normalization that keeps"
          + " zeros (AUTO, MAXABS or NONE), not " + normalization);
    }
    InstanceEncoder e = InstanceEncoder.empty(data, normalization, false, true);
    double[] values = centreNumbers ? new double[data.numInstances()] : null;
    boolean allWeightless = ColumnScan.allWeightless(data);
    return layOut(e, data, (j, a, att, col) -> {
      int present = scan.present(a);
      boolean anyMissing = scan.missing(a) > 0;
      if (att.isNominal()) {
        int k = att.numValues();
        int[] counts = scan.valueCounts(a);
        double[] freq = new double[k == 2 ? 1 : k];
        for (int c = 0; c < freq.length; c++) {
          int count = k == 2 ? counts[1] : counts[c];
          freq[c] = present > 0 ? (double) count / present : 0;
        }
        boolean constant = k == 2 && present > 0 && (counts[1] == 0 || counts[1] == present);
        return e.indicatorSlot(j, e.nominalSlot(j, a, col, k, freq, constant, present == 0),
            anyMissing);
      }
      double c = scan.constantValue(a);
      boolean constant = !Double.isNaN(c);
      int next = e.numericSlot(j, a, col, constant, present == 0);
      if (centreNumbers) {
        e.centre(j);
        ColumnStats s = ColumnStats.of(values, gather(data, a, att, allWeightless, values));
        e.setScaling(j, s.mean, s.std, s.min, s.range(), s.count > 0, s.maxAbs());
        return e.indicatorSlot(j, next, anyMissing);
      }
      // a constant's own value as the mean, so that its imputed encoding is its encoding
      e.setScaling(j, constant ? c : scan.mean(a), 0, 0, 0, present > 0, scan.maxAbs(a));
      return e.indicatorSlot(j, next, anyMissing);
    });
  }

  /**
   * An encoder for data that will arrive row by row, built from the header alone: every
   * attribute gets a missing-value indicator (whether values will be missing is unknown), except
   * the numeric and date attributes of a wide header (at least {@value
   * SparseEncoding#WIDE_COLUMNS} encoded columns); nominal imputation starts uniform, and
   * numeric attributes are rescaled with running statistics updated by {@link
   * InstanceEncoder#observe(Instance)}, a missing value taking their running mean. The column
   * layout depends only on the header, so every partition of a distributed job encodes alike.
   *
   * <p>Why no indicators on a wide header: such a header is mostly a bag of words or another
   * wide vector of counts, where values are zero rather than missing, and an indicator per
   * column doubled the first layer (a 7,671-word spam vocabulary became 15,342 inputs) and the
   * stream's build time with it (doc/text.md, "Streamed text"). A batch build, which sees its
   * data first, gives an indicator to every column that has a missing value.
   *
   * @param header the data's header (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @return the encoder
   */
  static InstanceEncoder forStream(Instances header, Normalization normalization) {
    InstanceEncoder e = InstanceEncoder.empty(header, normalization, true, false);
    boolean wide = SparseEncoding.encodedColumns(header) >= SparseEncoding.WIDE_COLUMNS;
    return layOut(e, header, (j, a, att, col) -> {
      if (att.isNominal()) {
        int k = att.numValues();
        double[] uniform = new double[k == 2 ? 1 : k];
        Arrays.fill(uniform, k == 2 ? 0.5 : 1.0 / Math.max(1, k));
        return e.indicatorSlot(j, e.nominalSlot(j, a, col, k, uniform, false, false), true);
      }
      return e.indicatorSlot(j, e.numericSlot(j, a, col, false, false), !wide);
    });
  }

  /** How one attribute is laid out: its slot's columns, then its indicator, if any. */
  @FunctionalInterface
  private interface SlotLayout {
    /**
     * Lays out slot {@code j}, attribute {@code a} of the header, from column {@code col}.
     *
     * @return the next free column
     */
    int layOut(int j, int a, Attribute att, int col);
  }

  /**
   * Lays out the header's attributes but the class in order, slot {@code j} for the {@code
   * j}-th, each from the column after the last one's, and sets the encoder's width.
   */
  private static InstanceEncoder layOut(InstanceEncoder e, Instances header, SlotLayout slot) {
    int col = 0;
    int j = 0;
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a != header.classIndex()) {
        col = slot.layOut(j++, a, header.attribute(a), col);
      }
    }
    e.setWidth(col);
    return e;
  }
}
