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
 * doubles of memory. The density is counted per attribute, or per encoded column for data with
 * a one-hot attribute (an identifier), whose mostly non-zero numbers AUTO then standardizes
 * ({@link #route}). A stream of a wide header
 * applies the same rules to its first rows ({@code StreamingSession.ROUTE_ROWS}), which it holds
 * until they decide.
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
   * route with at least {@value #WIDE_COLUMNS} encoded columns, unless the numeric inputs are
   * standardized there ({@link Route#SPARSE_CENTRED}). Why:
   * there a mini-batch touches a small share of the columns, and the eager update of every
   * first-layer weight each step costs more than all the sparse products together; narrower
   * sparse data keep the eager update and so train exactly the dense route's model, and so do
   * data whose numbers are standardized, which AUTO had kept on the dense route.
   *
   * @param sparse whether the rows take the sparse route
   * @param columns encoded input columns
   * @param centred whether the encoder standardizes numeric inputs ({@link
   *     InstanceEncoder#centresNumbers()})
   * @return whether to update the first layer lazily
   */
  public static boolean lazyUpdate(boolean sparse, int columns, boolean centred) {
    return sparse && columns >= WIDE_COLUMNS && !centred;
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

  /** A route for the inputs, and on the sparse one whether numeric inputs are centred. */
  public enum Route {
    /** Every row encoded as {@code width} doubles, today's kernels. */
    DENSE,
    /** Rows kept as their non-zeros, numbers scaled without centring (MAXABS under AUTO). */
    SPARSE,
    /** Rows kept as their non-zeros, numeric inputs standardized and so stored in every row. */
    SPARSE_CENTRED;

    /** @return whether rows take the sparse route */
    public boolean isSparse() {
      return this != DENSE;
    }

    /** @return whether numeric inputs are standardized there ({@link InstanceEncoder#centre}) */
    public boolean centresNumbers() {
      return this == SPARSE_CENTRED;
    }
  }

  /**
   * The route for a batch build, or for the first rows of a wide stream: the sparse route when
   * the data are sparse attribute by attribute (a bag of words), or for their one-hot columns
   * alone ({@link #oneHotMakesItSparse}). On the latter, under AUTO, numeric inputs are
   * standardized as on the dense route (centred, and so stored in every row) rather than scaled
   * by their largest magnitude when one of them is mostly non-zero. Such data then train as on
   * the dense route, eager first-layer update ({@link #lazyUpdate}) and general defaults ({@link
   * TextSettings#of}) included: the dense route's model to rounding, only faster. Why: a dense
   * numeric input beside an identifier (a year in 2000-2020) divided by its largest magnitude
   * loses what it says (a 3-fold CV at chance, 49 % against 99.6 %), so AUTO had kept such data
   * on the dense route: 15,000 rows of a 5,000-valued identifier and 5 numbers took 64.6 s there,
   * and take 12.6 s now, 82.12 % held out both ways (doc/text.md, "Identifiers"). A bag of words
   * (sparse attribute by attribute), an identifier alone or beside mostly-zero numbers keep
   * MAXABS, the lazy update and the text settings, as before.
   *
   * @param norm the normalization option
   * @param data the training data (class set)
   * @param scan its column scan
   * @return the route
   */
  public static Route route(Normalization norm, Instances data, ColumnScan scan) {
    if (sparseByAttribute(norm, data, scan)) {
      return Route.SPARSE;
    }
    boolean centring = centring(norm, data, scan);
    if (!sparseByColumn(norm, data, scan, centring)) {
      return Route.DENSE;
    }
    return centring ? Route.SPARSE_CENTRED : Route.SPARSE;
  }

  /** Whether the data are sparse attribute by attribute (the density over input attributes). */
  private static boolean sparseByAttribute(Normalization norm, Instances data, ColumnScan scan) {
    long cells = (long) scan.rows() * Math.max(1, inputAttributes(data));
    double perAttribute = cells == 0 ? 1 : (double) scan.nonZeros() / cells;
    return chooses(norm, encodedColumns(data), scan.rows(), scan.sparseRows(), perAttribute);
  }

  /**
   * Whether the data are sparse for their one-hot columns alone: with a one-hot attribute and
   * sparse counted per encoded column ({@link #perColumn}), numeric inputs counted as present in
   * every row where they are standardized ({@code centring}).
   */
  private static boolean sparseByColumn(Normalization norm, Instances data, ColumnScan scan,
      boolean centring) {
    int columns = encodedColumns(data);
    return oneHotMakesItSparse(data) && chooses(norm, columns, scan.rows(), scan.sparseRows(),
        perColumn(data, scan, columns, centring));
  }

  /**
   * Whether AUTO meets a numeric input that is mostly non-zero in the rows that set the
   * statistics (of positive weight: weight-0 rows, counted among the rows, had hidden a column
   * non-zero in 94 of 100 such rows).
   */
  private static boolean centring(Normalization norm, Instances data, ColumnScan scan) {
    for (int a = 0; a < data.numAttributes() && norm == Normalization.AUTO; a++) {
      Attribute att = data.attribute(a);
      if (a != data.classIndex() && (att.isNumeric() || att.isDate())
          && scan.nonZero(a) > MAX_DENSITY * scan.countedRows()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The density per encoded column: the stored non-zeros, plus a 1 for every present first
   * value of a nominal attribute of other than two values (Weka stores it as 0, the one-hot
   * encoding as a 1 in its first column), over rows × {@code columns} encoded columns; with
   * {@code centred}, every numeric input counts as non-zero in every row.
   */
  private static double perColumn(Instances data, ColumnScan scan, int columns,
      boolean centred) {
    long n = scan.nonZeros();
    for (int a = 0; a < data.numAttributes(); a++) {
      Attribute att = data.attribute(a);
      if (a != data.classIndex() && isOneHot(att)) {
        n += Math.max(0, scan.present(a) - scan.nonZero(a));
      } else if (a != data.classIndex() && centred && (att.isNumeric() || att.isDate())) {
        n += Math.max(0, scan.rows() - scan.nonZero(a));
      }
    }
    long cells = (long) scan.rows() * Math.max(1, columns);
    return cells == 0 ? 1 : (double) n / cells;
  }

  /**
   * Whether the density per encoded column may decide the route where the density per
   * attribute does not: data with a one-hot nominal attribute. Why: a nominal attribute of
   * 20,000 values is 20,000 columns holding a single 1 per row, and counted per attribute
   * (nearly 1) it kept such data on the dense route, 8-50 times slower than the same data after
   * NominalToBinary. Numeric inputs beside it are standardized under AUTO ({@link
   * #route}); all-numeric data (text) are decided per attribute.
   */
  private static boolean oneHotMakesItSparse(Instances data) {
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex() && isOneHot(data.attribute(a))) {
        return true;
      }
    }
    return false;
  }

  /** Whether an input attribute is one-hot encoded: nominal, of other than two values. */
  private static boolean isOneHot(Attribute att) {
    return att.isNominal() && att.numValues() != 2;
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
   * Whether {@link #route} might pick the sparse route, so
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
   * from the scan when {@link #route} says so; otherwise the dense encoder exactly as before.
   *
   * @param train training data (class set)
   * @param norm the normalization option
   * @return the encoder ({@link InstanceEncoder#isSparse()} tells the route)
   * @throws IllegalArgumentException if a numeric training value is infinite
   */
  public static InstanceEncoder fit(Instances train, Normalization norm) {
    if (worthScanning(norm, train)) {
      ColumnScan scan = ColumnScan.of(train);
      Route route = route(norm, train, scan);
      if (route.isSparse()) {
        return InstanceEncoder.fitScanned(train, norm, scan, route.centresNumbers());
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
