package weka.classifiers.functions.backpropmlp;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Chooses between the dense route (every row encoded as {@code width} doubles, today's kernels)
 * and the sparse route (rows kept as their non-zeros, {@code backprop.model.SparseRows}, and the
 * first layer multiplying non-zeros only, {@code backprop.kernel.SparseKernels}).
 *
 * <p>The sparse route is taken when all three hold:
 *
 * <ol>
 *   <li>the normalization keeps zeros zero ({@link Normalization#keepsZeros()}: AUTO, MAXABS or
 *       NONE); a user forcing STANDARDIZE or MINMAX gets the dense route exactly as before;
 *   <li>the data are wide (at least {@value #WIDE_COLUMNS} encoded input columns) or most rows
 *       are {@link SparseInstance}s (Weka's own hint, e.g. from {@code StringToWordVector});
 *   <li>at most {@value #MAX_DENSITY} of the encoded input values are non-zero (a k-valued
 *       nominal attribute is k columns holding one 1): above that the dense kernels, which
 *       vectorize, are faster than the indexed sparse loops.
 * </ol>
 *
 * Why these thresholds: the sparse product costs an indexed load per non-zero and unit where the
 * dense one streams contiguous columns several times faster per value, so the sparse route only
 * wins well below one value in four; the width rule catches wide dense-stored data (e.g. a
 * bag-of-words saved without the sparse ARFF syntax), which would otherwise need rows × columns
 * doubles of memory.
 */
public final class SparseEncoding {

  /** Encoded input columns from which data count as wide. */
  public static final int WIDE_COLUMNS = 1000;

  /** Largest fraction of non-zero input values the sparse route accepts. */
  public static final double MAX_DENSITY = 0.25;

  private SparseEncoding() {}

  /**
   * Whether training on the sparse route updates the first layer lazily (only the weights of the
   * columns present in each mini-batch, see {@code backprop.train.LazyFirstLayer}): on the sparse
   * route with at least {@value #WIDE_COLUMNS} encoded columns. Why: there a mini-batch touches a
   * small share of the columns, and the eager update of every first-layer weight each step costs
   * more than all the sparse products together; narrower sparse data keep the eager update and
   * so train exactly the dense route's model.
   *
   * @param sparse whether the rows take the sparse route
   * @param columns encoded input columns
   * @return whether to update the first layer lazily
   */
  public static boolean lazyUpdate(boolean sparse, int columns) {
    return sparse && columns >= WIDE_COLUMNS;
  }

  /**
   * The route rule on its figures.
   *
   * @param norm the normalization option
   * @param columns encoded input columns
   * @param rows rows
   * @param sparseRows rows that are {@code SparseInstance}s
   * @param density fraction of non-zero input values
   * @return whether to take the sparse route
   */
  public static boolean chooses(Normalization norm, int columns, int rows, int sparseRows,
      double density) {
    boolean wideOrSparse = columns >= WIDE_COLUMNS || 2L * sparseRows > rows;
    return norm.keepsZeros() && wideOrSparse && density <= MAX_DENSITY;
  }

  /**
   * The route for a batch build.
   *
   * @param norm the normalization option
   * @param data the training data (class set)
   * @param scan its column scan
   * @return whether to take the sparse route
   */
  public static boolean chooses(Normalization norm, Instances data, ColumnScan scan) {
    int rows = scan.rows();
    int columns = encodedColumns(data);
    long cells = (long) rows * Math.max(1, inputAttributes(data));
    double perAttribute = cells == 0 ? 1 : (double) scan.nonZeros() / cells;
    if (chooses(norm, columns, rows, scan.sparseRows(), perAttribute)) {
      return true;
    }
    return oneHotMakesItSparse(norm, data, scan)
        && chooses(norm, columns, rows, scan.sparseRows(), perColumn(data, scan, columns));
  }

  /**
   * The density per encoded column: the stored non-zeros, plus a 1 for every present first
   * value of a nominal attribute of other than two values (Weka stores it as 0, the one-hot
   * encoding as a 1 in its first column), over rows × {@code columns} encoded columns.
   */
  private static double perColumn(Instances data, ColumnScan scan, int columns) {
    long n = scan.nonZeros();
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex() && isOneHot(data.attribute(a))) {
        n += Math.max(0, scan.present(a) - scan.nonZero(a));
      }
    }
    long cells = (long) scan.rows() * Math.max(1, columns);
    return cells == 0 ? 1 : (double) n / cells;
  }

  /**
   * Whether the density per encoded column may decide the route where the density per
   * attribute does not: data with a one-hot nominal attribute whose numeric inputs are each
   * mostly zero. Why: a nominal attribute of 20,000 values is 20,000 columns holding a single 1
   * per row, and counted per attribute (nearly 1) it kept such data on the dense route, 8-50
   * times slower than the same data after NominalToBinary; but a dense numeric column beside it
   * (a year in 2000-2020) scaled by its largest magnitude on the sparse route loses its
   * information (a 3-fold CV at chance, 49 % against 99.6 %), so under AUTO any such column keeps
   * the dense route's standardization. Under MAXABS or NONE, which scale both routes alike, it
   * does not count: {@code -normalize MAXABS} is the way to the sparse route's speed for an
   * identifier beside dense numeric attributes (20,000 rows, 5,000 values and 5 numbers: 82 s on
   * the dense route). All-numeric data (text) are decided per attribute as before.
   */
  private static boolean oneHotMakesItSparse(Normalization norm, Instances data,
      ColumnScan scan) {
    boolean oneHot = false;
    for (int a = 0; a < data.numAttributes(); a++) {
      Attribute att = data.attribute(a);
      if (a == data.classIndex()) {
        continue;
      }
      oneHot |= isOneHot(att);
      if (norm == Normalization.AUTO && (att.isNumeric() || att.isDate())
          && scan.nonZero(a) > MAX_DENSITY * scan.rows()) {
        return false;
      }
    }
    return oneHot;
  }

  /** Whether an input attribute is one-hot encoded: nominal, of other than two values. */
  private static boolean isOneHot(Attribute att) {
    return att.isNominal() && att.numValues() != 2;
  }

  /**
   * The route for row-by-row training, decided by the header and the first row: a wide header
   * (at least {@value #WIDE_COLUMNS} encoded columns) whose first row is a {@code
   * SparseInstance} or has at most {@value #MAX_DENSITY} of its values non-zero (as a batch
   * build decides for the whole set), or whose inputs are at most {@value #MAX_DENSITY} of the
   * encoded columns (each sets at most one non-zero) and, under AUTO, all nominal, with a
   * normalization that keeps zeros. Why the second: a bag of words saved without the sparse ARFF
   * syntax streams as dense rows; on the dense route 12,000 such rows of 5,000 columns (2 %
   * non-zero) took 4.5 minutes on the command line. Why the third, which the header alone
   * decides: a nominal attribute of 5,000 values (an identifier) is 5,000 columns holding a
   * single 1, which a batch build puts on the sparse route ({@link #oneHotMakesItSparse}) but
   * the first row's count per attribute did not: 20,000 such rows streamed from the command line
   * took 67 s on the dense route against 0.5 s for the batch build. (With a numeric input beside
   * it a stream under AUTO keeps the dense route, whose standardization such a column may need:
   * one row cannot tell whether it is mostly zero. MAXABS and NONE scale both routes alike.)
   *
   * @param norm the normalization option
   * @param header the header
   * @param first the first row
   * @return whether to stream sparse rows
   */
  public static boolean forStream(Normalization norm, Instances header, Instance first) {
    int columns = encodedColumns(header);
    if (!norm.keepsZeros() || columns < WIDE_COLUMNS) {
      return false;
    }
    return first instanceof SparseInstance
        || nonZeroInputs(first, header.classIndex()) <= MAX_DENSITY * (first.numAttributes() - 1)
        || (norm != Normalization.AUTO || nominalInputsOnly(header))
            && inputAttributes(header) <= MAX_DENSITY * columns;
  }

  /** Whether every input attribute of {@code header} is nominal. */
  private static boolean nominalInputsOnly(Instances header) {
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a != header.classIndex() && !header.attribute(a).isNominal()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param row a row, stored dense or sparse
   * @param classIndex the class's index, not counted (−1 for none)
   * @return its values other than the class's that are not 0 (a missing value, NaN, counts)
   */
  static int nonZeroInputs(Instance row, int classIndex) {
    int nonZeros = 0;
    for (int p = 0, m = row.numValues(); p < m; p++) {
      nonZeros += row.index(p) != classIndex && row.valueSparse(p) != 0 ? 1 : 0;
    }
    return nonZeros;
  }

  /**
   * Whether {@link #chooses(Normalization, Instances, ColumnScan)} might pick the sparse route, so
   * that the scan is only run when it can matter.
   *
   * @param norm the normalization option
   * @param data the training data
   * @return false when the dense route is certain
   */
  public static boolean worthScanning(Normalization norm, Instances data) {
    if (!norm.keepsZeros() || data.numInstances() == 0) {
      return false;
    }
    return encodedColumns(data) >= WIDE_COLUMNS || data.instance(0) instanceof SparseInstance
        || data.instance(data.numInstances() - 1) instanceof SparseInstance;
  }

  /**
   * Fits the input encoder of a batch build on the route the data call for: scans the data once
   * ({@link ColumnScan}) when the sparse route is possible, and fits the sparse-route encoder
   * from the scan when {@link #chooses} says so; otherwise the dense encoder exactly as before.
   *
   * @param train training data (class set)
   * @param norm the normalization option
   * @return the encoder ({@link InstanceEncoder#isSparse()} tells the route)
   * @throws IllegalArgumentException if a numeric training value is infinite
   */
  public static InstanceEncoder fit(Instances train, Normalization norm) {
    if (worthScanning(norm, train)) {
      ColumnScan scan = ColumnScan.of(train);
      if (chooses(norm, train, scan)) {
        return InstanceEncoder.fitScanned(train, norm, scan);
      }
    }
    return InstanceEncoder.fit(train, norm);
  }

  /**
   * Encoded input columns of a header, without the missing-value indicators (which depend on the
   * data): one per numeric, date or two-valued nominal attribute, k per k-valued nominal one.
   *
   * @param header the header (class set or not)
   * @return the column count
   */
  public static int encodedColumns(Instances header) {
    long c = 0;
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a == header.classIndex()) {
        continue;
      }
      Attribute att = header.attribute(a);
      c += att.isNominal() && att.numValues() != 2 ? att.numValues() : 1;
    }
    return (int) Math.min(c, Integer.MAX_VALUE);
  }

  private static int inputAttributes(Instances data) {
    return data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0);
  }
}
