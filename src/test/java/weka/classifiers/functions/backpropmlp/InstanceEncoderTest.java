package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The input encoding on a four-row data set built here, every column checked by hand:
 *
 * <pre>
 *   num  bin  cls  color  when
 *   1    yes  c0   r      day 0
 *   3    no   c1   ?      day 1
 *   ?    yes  c0   b      day 2
 *   5    yes  c1   b      ?
 * </pre>
 *
 * The class {@code cls} sits in the middle and must be skipped. Present values of {@code num}
 * are 1, 3, 5 (mean 3, sample std 2, min 1, range 4); of {@code when} 0, 1, 2 days (mean 1 day,
 * std 1 day, min 0, range 2 days); {@code bin} is 1 ("yes") in 3 of 4 rows; {@code color} is r
 * in 1 and b in 2 of its 3 present rows. Batch layout, 9 columns: num, num missing, bin, r, g,
 * b, color missing, when, when missing ({@code bin} was never missing: no indicator).
 */
class InstanceEncoderTest {

  private static final double NA = Double.NaN;
  private static final double DAY = 86_400_000; // a date attribute's value is in milliseconds
  private static final double THIRD = 1.0 / 3;

  static Instances tiny() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("num"));
    atts.add(new Attribute("bin", new ArrayList<>(List.of("no", "yes"))));
    atts.add(new Attribute("cls", new ArrayList<>(List.of("c0", "c1"))));
    atts.add(new Attribute("color", new ArrayList<>(List.of("r", "g", "b"))));
    atts.add(new Attribute("when", "yyyy-MM-dd"));
    Instances d = new Instances("tiny", atts, 4);
    d.setClassIndex(2);
    d.add(new DenseInstance(1, new double[] {1, 1, 0, 0, 0}));
    d.add(new DenseInstance(1, new double[] {3, 0, 1, NA, DAY}));
    d.add(new DenseInstance(1, new double[] {NA, 1, 0, 2, 2 * DAY}));
    d.add(new DenseInstance(1, new double[] {5, 1, 1, 2, NA}));
    return d;
  }

  static Stream<Arguments> handEncodings() {
    return Stream.of(
        Arguments.of(Normalization.STANDARDIZE, new double[][] {
          {-1, 0, 1, 1, 0, 0, 0, -1, 0},
          {0, 0, 0, THIRD, 0, 2 * THIRD, 1, 0, 0},
          {0, 1, 1, 0, 0, 1, 0, 1, 0}, // missing num: the encoded mean, 0
          {1, 0, 1, 0, 0, 1, 0, 0, 1}}),
        Arguments.of(Normalization.MINMAX, new double[][] {
          {0, 0, 1, 1, 0, 0, 0, 0, 0},
          {0.5, 0, 0, THIRD, 0, 2 * THIRD, 1, 0.5, 0},
          {0.5, 1, 1, 0, 0, 1, 0, 1, 0}, // missing num: (3 − 1)/4
          {1, 0, 1, 0, 0, 1, 0, 0.5, 1}}),
        Arguments.of(Normalization.MAXABS, new double[][] { // num / 5, when / 2 days
          {0.2, 0, 1, 1, 0, 0, 0, 0, 0},
          {0.6, 0, 0, THIRD, 0, 2 * THIRD, 1, 0.5, 0},
          {0.6, 1, 1, 0, 0, 1, 0, 1, 0}, // missing num: the mean 3, / 5
          {1, 0, 1, 0, 0, 1, 0, 0.5, 1}}),
        Arguments.of(Normalization.AUTO, new double[][] { // dense data: STANDARDIZE's
          {-1, 0, 1, 1, 0, 0, 0, -1, 0},
          {0, 0, 0, THIRD, 0, 2 * THIRD, 1, 0, 0},
          {0, 1, 1, 0, 0, 1, 0, 1, 0},
          {1, 0, 1, 0, 0, 1, 0, 0, 1}}),
        Arguments.of(Normalization.NONE, new double[][] {
          {1, 0, 1, 1, 0, 0, 0, 0, 0},
          {3, 0, 0, THIRD, 0, 2 * THIRD, 1, DAY, 0},
          {3, 1, 1, 0, 0, 1, 0, 2 * DAY, 0},
          {5, 0, 1, 0, 0, 1, 0, DAY, 1}}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handEncodings")
  void everyColumnOfTheTrainingRowsByHand(Normalization norm, double[][] expected) {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    assertEquals(9, e.width());
    assertEquals(4, e.slots(), "the class is not a slot");
    double[] x = e.encodeAll(d);
    assertEquals(4 * 9, x.length);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(expected[i], Arrays.copyOfRange(x, 9 * i, 9 * i + 9), 1e-12,
          "row " + i);
    }
  }

  /** Slot table: num, bin, color, when (the class at attribute 2 has none). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "STANDARDIZE, 3, 2, 86400000, 86400000",
    "MINMAX, 1, 4, 0, 172800000",
    "NONE, 0, 1, 0, 1",
    "MAXABS, 0, 5, 0, 172800000",
    "AUTO, 3, 2, 86400000, 86400000"
  })
  void slotsColumnsCentresAndScales(
      Normalization norm, double numCenter, double numScale, double whenCenter, double whenScale) {
    InstanceEncoder e = InstanceEncoder.fit(tiny(), norm);
    assertTrue(e.isNumeric(0));
    assertFalse(e.isNumeric(1));
    assertFalse(e.isNumeric(2));
    assertTrue(e.isNumeric(3), "a date is numeric");
    assertArrayEquals(new int[] {0, 2, 3, 7},
        new int[] {e.columnOf(0), e.columnOf(1), e.columnOf(2), e.columnOf(3)});
    assertEquals(numCenter, e.center(0), 1e-12);
    assertEquals(numScale, e.scale(0), 1e-12);
    assertEquals(whenCenter, e.center(3), 1e-3);
    assertEquals(whenScale, e.scale(3), 1e-3);
    assertFalse(e.isStreaming());
  }

  /**
   * An instance missing everything at prediction: numeric columns get the encoded training mean,
   * nominal columns the training frequencies (also {@code bin}, which was never missing in
   * training and so has no indicator), every indicator that exists is 1.
   */
  @Test
  void allMissingAtPredictionGetsImputedValuesAndIndicators() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    Instance probe = new DenseInstance(1, new double[] {NA, NA, NA, NA, NA});
    probe.setDataset(d);
    double[] x = new double[9];
    e.encode(probe, x, 0);
    assertArrayEquals(new double[] {0, 1, 0.75, THIRD, 0, 2 * THIRD, 1, 0, 1}, x, 1e-12);
  }

  /**
   * A row of weight 0 sets no statistic on any route (batch dense, batch scanned, stream): its
   * 1e6 does not widen {@code num}'s scale, its 1e12 days not {@code when}'s, its missing {@code
   * bin} adds no indicator column and its {@code g} no frequency, so every row encodes as
   * without it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"DENSE, STANDARDIZE", "DENSE, MINMAX", "SCANNED, MAXABS", "STREAM, STANDARDIZE",
      "STREAM, MINMAX"})
  void aRowOfWeightZeroSetsNoStatistic(String route, Normalization norm) {
    Instances withRow = tiny();
    withRow.add(new DenseInstance(0, new double[] {1e6, NA, 1, 1, 1e12 * DAY}));
    InstanceEncoder clean = fitOn(route, norm, tiny());
    InstanceEncoder weighted = fitOn(route, norm, withRow);
    assertEquals(clean.width(), weighted.width());
    Instances probes = tiny();
    probes.add(new DenseInstance(1, new double[] {NA, NA, NA, NA, NA}));
    for (int i = 0; i < probes.numInstances(); i++) {
      double[] expected = new double[clean.width()];
      double[] actual = new double[clean.width()];
      clean.encode(probes.instance(i), expected, 0);
      weighted.encode(probes.instance(i), actual, 0);
      assertArrayEquals(expected, actual, 0.0, "row " + i);
    }
  }

  private static InstanceEncoder fitOn(String route, Normalization norm, Instances d) {
    switch (route) {
      case "DENSE":
        return InstanceEncoder.fit(d, norm);
      case "SCANNED":
        return InstanceEncoder.fitScanned(d, norm, ColumnScan.of(d), false);
      default:
        InstanceEncoder e = InstanceEncoder.forStream(new Instances(d, 0), norm);
        for (int i = 0; i < d.numInstances(); i++) {
          e.observe(d.instance(i));
        }
        return e;
    }
  }

  /**
   * Values the training rows never held encode as their slot's imputed values, the indicator
   * left at 0 (they are present): {@code g}, which no row of {@link #tiny} holds; any {@code
   * bin} once {@code bin} is "yes" in every row; any {@code num} once {@code num} is 4 in every
   * row where present (its imputed value is then 4's own encoding). On the general loop and on
   * the all-numeric fast path.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Normalization.class)
  void valuesNeverHeldInTrainingEncodeAsTheirSlotsImputedValues(Normalization norm) {
    Instances d = tiny();
    d.instance(1).setValue(1, 1);
    d.instance(0).setValue(0, 4);
    d.instance(1).setValue(0, 4);
    d.instance(3).setValue(0, 4);
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    Instance probe = new DenseInstance(1, new double[] {-2e6, 0, 0, 1, DAY});
    probe.setDataset(d);
    double[] x = new double[9];
    e.encode(probe, x, 0);
    double num = e.scaled(0, 4);
    assertArrayEquals(new double[] {num, 0, 1, THIRD, 0, 2 * THIRD, 0},
        Arrays.copyOfRange(x, 0, 7), 1e-12, "num, its indicator, bin, r, g, b, color missing");
    assertEquals(e.imputedNumeric(0), num, 0.0, "a constant's imputed value is its encoding");

    Instances numeric = new Instances(d);
    numeric.deleteAttributeAt(3);
    numeric.deleteAttributeAt(1);
    InstanceEncoder fast = InstanceEncoder.fit(numeric, norm);
    assertTrue(fast.hasNumericFastPath());
    Instance row = new DenseInstance(1, new double[] {-2e6, 0, DAY});
    row.setDataset(numeric);
    double[] y = new double[fast.width()];
    fast.encode(row, y, 0);
    assertEquals(num, y[0], 0.0);
    assertEquals(0, y[1], 0.0, "present: indicator 0");
  }

  @Test
  void theClassValueDoesNotAffectTheEncoding() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    Instance a = (Instance) d.instance(0).copy();
    Instance b = (Instance) d.instance(0).copy();
    b.setClassValue(1);
    Instance c = (Instance) d.instance(0).copy();
    c.setClassMissing();
    double[] xa = new double[9];
    double[] xb = new double[9];
    double[] xc = new double[9];
    e.encode(a, xa, 0);
    e.encode(b, xb, 0);
    e.encode(c, xc, 0);
    assertArrayEquals(xa, xb, 0.0);
    assertArrayEquals(xa, xc, 0.0);
  }

  @Test
  void encodeWritesOnlyItsRowAndAgreesWithEncodeAll() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, Normalization.MINMAX);
    double[] all = e.encodeAll(d);
    int off = 5;
    double[] buf = new double[off + 9 + 4];
    for (int i = 0; i < d.numInstances(); i++) {
      Arrays.fill(buf, -77);
      e.encode(d.instance(i), buf, off);
      assertArrayEquals(Arrays.copyOfRange(all, 9 * i, 9 * i + 9),
          Arrays.copyOfRange(buf, off, off + 9), 0.0, "row " + i);
      for (int k = 0; k < buf.length; k++) {
        if (k < off || k >= off + 9) {
          assertEquals(-77, buf[k], 0.0, "wrote outside the row at " + k);
        }
      }
    }
    // reusing a buffer: a previous row's one-hot and indicator values do not leak into the next
    double[] reused = new double[9];
    e.encode(d.instance(1), reused, 0);
    e.encode(d.instance(0), reused, 0);
    assertArrayEquals(Arrays.copyOfRange(all, 0, 9), reused, 0.0);
  }

  /**
   * All-numeric encoders take the fast path, unscaled ({@code NONE}: no division) or scaled: each
   * value comes through as {@code v/s − c/s} with its exact bits (negative zero and huge values
   * included, and {@code v} itself when unscaled), and a missing value becomes the column's
   * imputed training mean, the encoding of that mean.
   */
  @ParameterizedTest
  @EnumSource(value = Normalization.class, names = {"NONE", "STANDARDIZE", "MINMAX"})
  void allNumericColumnsTakeTheFastPathWithExactBits(Normalization norm) {
    Instances d = numericSet("a", "b");
    d.add(new DenseInstance(1, new double[] {1, 4, 0}));
    d.add(new DenseInstance(1, new double[] {3, -2, 1}));
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    assertTrue(e.hasNumericFastPath());
    double[] probe = {-0.0, 1e300, 0.1, -7.25};
    double[] x = new double[2];
    for (int k = 0; k + 1 < probe.length; k++) {
      e.encode(new DenseInstance(1, new double[] {probe[k], probe[k + 1], 0}), x, 0);
      for (int j = 0; j < 2; j++) {
        double v = probe[k + j];
        double expected = v / e.scale(j) - e.center(j) / e.scale(j);
        if (norm == Normalization.NONE) {
          assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(x[j]));
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(x[j]),
            norm + " column " + j + " of " + v);
      }
    }
    double[] mean = new double[2];
    e.encode(new DenseInstance(1, new double[] {2, 1, 0}), mean, 0);
    e.encode(new DenseInstance(1, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0}), x, 0);
    assertArrayEquals(mean, x, 1e-12);
  }

  @Test
  void nonFiniteValuesAtPredictionCountAsMissing() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    Instance probe = (Instance) d.instance(0).copy();
    probe.setValue(0, Double.POSITIVE_INFINITY);
    probe.setValue(4, Double.NEGATIVE_INFINITY);
    double[] x = new double[9];
    e.encode(probe, x, 0);
    assertArrayEquals(new double[] {0, 1, 1, 1, 0, 0, 0, 0, 1}, x, 1e-12);
  }

  @Test
  void infiniteTrainingValueIsRefusedNamingAttributeAndInstance() {
    Instances d = tiny();
    d.instance(2).setValue(4, Double.NEGATIVE_INFINITY);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> InstanceEncoder.fit(d, Normalization.STANDARDIZE));
    assertTrue(ex.getMessage().contains("'when'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("instance 3"), ex.getMessage());
  }

  /**
   * An attribute with no value in training is always encoded as missing: its imputed value (0)
   * and indicator 1, whatever value it has at prediction.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Normalization.class)
  void attributeNeverSeenInTrainingIsAlwaysMissing(Normalization norm) {
    Instances d = numericSet("empty", "seen");
    d.add(new DenseInstance(1, new double[] {NA, 2, 0}));
    d.add(new DenseInstance(1, new double[] {NA, 4, 1}));
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    assertEquals(3, e.width(), "empty, empty missing, seen");
    Instance probe = new DenseInstance(1, new double[] {7, 4, 0});
    probe.setDataset(d);
    double[] x = new double[3];
    e.encode(probe, x, 0);
    assertEquals(0, x[0], 0.0);
    assertEquals(1, x[1], 0.0);
  }

  /** An index past the one-hot block (a value the header did not have) sets no column. */
  @Test
  void outOfRangeNominalIndexSetsNoOneHotColumn() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    Instance probe = (Instance) d.instance(0).copy();
    probe.setValue(3, 5.0);
    double[] x = new double[9];
    e.encode(probe, x, 0);
    assertArrayEquals(new double[] {0, 0, 0, 0}, Arrays.copyOfRange(x, 3, 7), 0.0);
  }

  /**
   * Width of one attribute: numeric and two-valued nominal take 1 column, k ≠ 2 values k; plus
   * an indicator if training had a missing value. Streaming adds the indicator (narrow header).
   */
  @ParameterizedTest(name = "{0} values, missing in training {1}")
  @CsvSource({
    "0, false, 1, 2", "0, true, 2, 2", "1, false, 1, 2", "2, false, 1, 2", "2, true, 2, 2",
    "3, false, 3, 4", "5, true, 6, 6"
  })
  void widthOfOneAttribute(int values, boolean missing, int batchWidth, int streamWidth) {
    ArrayList<Attribute> atts = new ArrayList<>();
    if (values == 0) {
      atts.add(new Attribute("a"));
    } else {
      ArrayList<String> names = new ArrayList<>();
      for (int v = 0; v < values; v++) {
        names.add("v" + v);
      }
      atts.add(new Attribute("a", names));
    }
    atts.add(new Attribute("y"));
    Instances d = new Instances("t", atts, 2);
    d.setClassIndex(1);
    d.add(new DenseInstance(1, new double[] {0, 1}));
    d.add(new DenseInstance(1, new double[] {missing ? NA : 0, 2}));
    assertEquals(batchWidth, InstanceEncoder.fit(d, Normalization.STANDARDIZE).width());
    assertEquals(streamWidth,
        InstanceEncoder.forStream(new Instances(d, 0), Normalization.STANDARDIZE).width());
  }

  // ---- streaming ------------------------------------------------------------------------------

  /**
   * From the header alone: every attribute gets an indicator (10 columns: num, ind, bin, ind,
   * r, g, b, ind, when, ind); nominal imputation is uniform; before any observation a numeric
   * value is encoded as missing (0 and its indicator 1), as a batch build encodes an attribute
   * without training values: no weight has learnt from it yet.
   */
  @Test
  void streamingLayoutAndStateBeforeAnyRow() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.forStream(new Instances(d, 0), Normalization.STANDARDIZE);
    assertTrue(e.isStreaming());
    assertEquals(10, e.width());
    assertArrayEquals(new int[] {0, 2, 4, 8},
        new int[] {e.columnOf(0), e.columnOf(1), e.columnOf(2), e.columnOf(3)});
    assertNotNull(e.runningStats(0));
    assertNull(e.runningStats(1), "no running statistics for a nominal slot");
    Instance probe = new DenseInstance(1, new double[] {4, NA, 0, NA, 3 * DAY});
    probe.setDataset(d);
    double[] x = new double[10];
    e.encode(probe, x, 0);
    assertArrayEquals(new double[] {0, 1, 0.5, 1, THIRD, THIRD, THIRD, 1, 0, 1}, x, 1e-12);
  }

  /**
   * A wide header (at least {@code SparseEncoding.WIDE_COLUMNS} encoded columns) gives its
   * numeric attributes no missing-value indicator, and a missing value there takes the running
   * mean; its nominal attributes keep theirs. One column fewer and every attribute keeps its
   * indicator.
   */
  @ParameterizedTest(name = "{0} numeric attributes")
  @CsvSource({"996, 1996", "997, 1001"}) // + a 3-valued nominal: 999 and 1,000 encoded columns
  void aWideStreamingHeaderGivesNoIndicatorToNumericAttributes(int numeric, int width) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < numeric; a++) {
      atts.add(new Attribute("w" + a));
    }
    atts.add(new Attribute("colour", Arrays.asList("r", "g", "b")));
    atts.add(new Attribute("class", Arrays.asList("x", "y")));
    Instances header = new Instances("wide", atts, 0);
    header.setClassIndex(numeric + 1);
    InstanceEncoder e = InstanceEncoder.forStream(header, Normalization.AUTO);
    boolean wide = numeric + 3 >= SparseEncoding.WIDE_COLUMNS;
    assertEquals(width, e.width());
    assertEquals(wide ? -1 : 1, e.indicatorOf(0));
    assertEquals(width - 1, e.indicatorOf(numeric), "the nominal attribute keeps its indicator");
    double[] row = new double[numeric + 2];
    row[0] = 4;
    for (int i = 0; i < 3; i++) {
      e.observe(instance(header, row));
    }
    row[0] = NA;
    row[numeric] = NA;
    double[] x = new double[width];
    e.encode(instance(header, row), x, 0);
    assertEquals(4 / e.scale(0) - e.center(0) / e.scale(0), x[0], 1e-12, "the running mean");
    assertEquals(1, x[width - 1], "the nominal attribute's indicator");
    assertEquals(wide ? 0 : 1, x[1], "the numeric attribute's indicator, or the next column");
  }

  private static Instance instance(Instances header, double[] values) {
    Instance inst = new DenseInstance(1, values.clone());
    inst.setDataset(header);
    return inst;
  }

  /**
   * After observing rows, numeric slots are rescaled exactly as a batch fit on the same rows
   * would: same centre, scale, encoded values and imputed mean.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Normalization.class)
  void observingRowsGivesTheBatchFitsNumericScaling(Normalization norm) {
    Instances d = tiny();
    InstanceEncoder batch = InstanceEncoder.fit(d, norm);
    InstanceEncoder stream = InstanceEncoder.forStream(new Instances(d, 0), norm);
    for (Instance inst : d) {
      stream.observe(inst);
    }
    double[] xb = new double[batch.width()];
    double[] xs = new double[stream.width()];
    for (int j : new int[] {0, 3}) {
      assertEquals(batch.center(j), stream.center(j), 1e-9 * Math.max(1, batch.center(j)));
      assertEquals(batch.scale(j), stream.scale(j), 1e-9 * batch.scale(j));
      assertEquals(3, stream.runningStats(j).count(), 0.0, "missing values are not observed");
    }
    for (Instance inst : d) {
      batch.encode(inst, xb, 0);
      stream.encode(inst, xs, 0);
      for (int j : new int[] {0, 3}) {
        assertEquals(xb[batch.columnOf(j)], xs[stream.columnOf(j)], 1e-12, inst.toString());
      }
    }
  }

  @Test
  void observeIgnoresNonFiniteValuesAndDoesNothingForABatchEncoder() {
    Instances d = tiny();
    InstanceEncoder stream = InstanceEncoder.forStream(new Instances(d, 0),
        Normalization.STANDARDIZE);
    stream.observe(d.instance(0));
    stream.observe(d.instance(1));
    Instance inf = (Instance) d.instance(3).copy();
    inf.setValue(0, Double.POSITIVE_INFINITY);
    inf.setValue(4, Double.NEGATIVE_INFINITY);
    stream.observe(inf);
    assertEquals(2, stream.runningStats(0).count(), 0.0);
    assertEquals(2, stream.center(0), 0.0); // mean of 1 and 3
    assertEquals(Math.sqrt(2), stream.scale(0), 1e-15);

    InstanceEncoder batch = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    double[] before = batch.encodeAll(d);
    batch.observe(d.instance(3));
    assertArrayEquals(before, batch.encodeAll(d), 0.0);
    assertNull(batch.runningStats(0));
  }

  /**
   * Statistics observed on two partitions, merged and installed with {@code setRunningStats},
   * rescale the slot as observing all rows in one encoder does; the encoder keeps its own copy.
   */
  @Test
  void pooledRunningStatsEqualObservingTheUnion() {
    Instances d = tiny();
    Instances header = new Instances(d, 0);
    InstanceEncoder left = InstanceEncoder.forStream(header, Normalization.STANDARDIZE);
    InstanceEncoder right = InstanceEncoder.forStream(header, Normalization.STANDARDIZE);
    InstanceEncoder all = InstanceEncoder.forStream(header, Normalization.STANDARDIZE);
    for (int i = 0; i < 4; i++) {
      (i < 2 ? left : right).observe(d.instance(i));
      all.observe(d.instance(i));
    }
    InstanceEncoder pooled = InstanceEncoder.forStream(header, Normalization.STANDARDIZE);
    for (int j : new int[] {0, 3}) {
      RunningStats s = left.runningStats(j).copy();
      s.merge(right.runningStats(j));
      pooled.setRunningStats(j, s);
      s.add(1e6); // the encoder copied the statistics
      assertEquals(all.center(j), pooled.center(j), 1e-9 * Math.max(1, all.center(j)));
      assertEquals(all.scale(j), pooled.scale(j), 1e-9 * all.scale(j));
    }
    assertEquals(3, pooled.center(0), 1e-12);
    assertEquals(2, pooled.scale(0), 1e-12);
  }

  /**
   * A column whose range or standard deviation is wider than the largest double (values near
   * ±1.7e308) is divided by its largest magnitude instead, so every encoded value is finite and
   * small, batch and stream: divided by 1, the values had stayed near 1e308 and every loss was
   * NaN (refused as divergence, with advice on -lr that could not help).
   */
  @ParameterizedTest(name = "{0}, stream {1}")
  @CsvSource({"STANDARDIZE, false", "MINMAX, false", "STANDARDIZE, true", "MINMAX, true"})
  void aColumnWhoseSpreadOverflowsEncodesFiniteValues(Normalization norm, boolean stream) {
    Instances d = numericSet("a");
    for (double v : new double[] {-1.7e308, 1.7e308, -1.6e308, 1.6e308}) {
      d.add(new DenseInstance(1, new double[] {v, 0}));
    }
    InstanceEncoder e = InstanceEncoder.forStream(new Instances(d, 0), norm);
    if (stream) {
      d.forEach(e::observe);
    } else {
      e = InstanceEncoder.fit(d, norm);
    }
    for (int i = 0; i < d.numInstances(); i++) {
      double[] x = new double[e.width()];
      e.encode(d.instance(i), x, 0);
      assertTrue(Math.abs(x[0]) <= 2, "row " + i + ": " + Arrays.toString(x));
    }
  }

  /**
   * The whole-row fast path (numeric inputs only, contiguous, none missing) keeps a column that
   * never varied in training at its training value too, for dense rows read whole and for
   * others read value by value.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Normalization.class)
  void theWholeRowPathKeepsAConstantColumnAtItsTrainingValue(Normalization norm) {
    Instances d = numericSet("a", "b");
    for (double a : new double[] {1, 2, 6}) {
      d.add(new DenseInstance(1, new double[] {a, 4, 0}));
    }
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    double[] trained = new double[2];
    e.encode(d.instance(2), trained, 0);
    for (Instance probe : new Instance[] {new DenseInstance(1, new double[] {6, 99, 0}),
        new weka.core.SparseInstance(1, new double[] {6, 99, 0})}) {
      probe.setDataset(d);
      double[] x = new double[2];
      e.encode(probe, x, 0);
      assertArrayEquals(trained, x, 0.0, probe.getClass().getSimpleName());
    }
  }

  /**
   * Numeric attributes only, none missing in training: every value is one column, the encoder's
   * fast path. Values 2, 4, 9 in column a (mean 5, sample std √13), 0, 0, 6 in b (mean 2,
   * std √12); the class first. At prediction NaN and ±∞ become the encoded mean (0 when
   * standardized, the mean itself unscaled).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"STANDARDIZE", "NONE", "MINMAX"})
  void allNumericDataEncodeValueByValue(Normalization normalization) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("cls", new ArrayList<>(List.of("x", "y"))));
    atts.add(new Attribute("a"));
    atts.add(new Attribute("b"));
    Instances d = new Instances("numeric", atts, 3);
    d.setClassIndex(0);
    d.add(new DenseInstance(1, new double[] {0, 2, 0}));
    d.add(new DenseInstance(1, new double[] {1, 4, 0}));
    d.add(new DenseInstance(1, new double[] {0, 9, 6}));
    InstanceEncoder e = InstanceEncoder.fit(d, normalization);
    assertEquals(2, e.width());
    double ca = normalization == Normalization.STANDARDIZE ? 5
        : normalization == Normalization.MINMAX ? 2 : 0;
    double sa = normalization == Normalization.STANDARDIZE ? Math.sqrt(13)
        : normalization == Normalization.MINMAX ? 7 : 1;
    double cb = normalization == Normalization.STANDARDIZE ? 2 : 0;
    double sb = normalization == Normalization.STANDARDIZE ? Math.sqrt(12)
        : normalization == Normalization.MINMAX ? 6 : 1;
    double[] out = new double[5];
    e.encode(new DenseInstance(1, new double[] {1, 7, -3}), out, 1);
    assertArrayEquals(new double[] {0, 7 / sa - ca / sa, -3 / sb - cb / sb, 0, 0}, out, 1e-14);
    e.encode(new DenseInstance(1, new double[] {0, NA, Double.POSITIVE_INFINITY}), out, 3);
    assertEquals(5 / sa - ca / sa, out[3], 1e-14, "a missing: its encoded mean");
    assertEquals(2 / sb - cb / sb, out[4], 1e-14, "b infinite: its encoded mean");
  }

  /**
   * @param inputs names of numeric input attributes
   * @return an empty set of those and a numeric class "y", last
   */
  private static Instances numericSet(String... inputs) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (String name : inputs) {
      atts.add(new Attribute(name));
    }
    atts.add(new Attribute("y"));
    Instances d = new Instances("t", atts, 4);
    d.setClassIndex(inputs.length);
    return d;
  }
}
