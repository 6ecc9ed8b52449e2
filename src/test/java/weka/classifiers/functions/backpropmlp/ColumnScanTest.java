package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SparseInstance;

/** The one-pass column statistics, checked by hand, and the encoder fitted from them. */
class ColumnScanTest {

  /** x: −4, 2, 0, ?; colour {r,g,b}: g, r, ?, b; class {no,yes}. Rows 1 and 3 sparse. */
  static Instances tiny() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("colour", Arrays.asList("r", "g", "b")));
    atts.add(new Attribute("class", Arrays.asList("no", "yes")));
    Instances d = new Instances("tiny", atts, 4);
    d.setClassIndex(2);
    double nan = Double.NaN;
    double[][] rows = {{-4, 1, 0}, {2, 0, 1}, {0, nan, 0}, {nan, 2, 1}};
    for (int i = 0; i < rows.length; i++) {
      d.add(i % 2 == 0 ? new SparseInstance(1, rows[i]) : new DenseInstance(1, rows[i]));
    }
    return d;
  }

  @Test
  void statisticsByHand() {
    ColumnScan s = ColumnScan.of(tiny());
    assertEquals(4, s.rows());
    assertEquals(2, s.sparseRows());
    // non-zeros outside the class: x −4, 2, ?; colour 1, ?, 2
    assertEquals(6, s.nonZeros());
    assertEquals(3, s.present(0));
    assertEquals(1, s.missing(0));
    assertEquals(2, s.nonZero(0));
    assertEquals(-2.0 / 3, s.mean(0), 1e-15);
    assertEquals(4, s.maxAbs(0), 0.0);
    assertArrayEquals(new int[] {1, 1, 1}, s.valueCounts(1), "r (the absent 0), g, b");
    assertEquals(null, s.valueCounts(2), "the class is not counted");
  }

  /**
   * Values near the largest double: the raw sum overflows, the mean does not (it had been
   * infinite, and imputed missing values with infinity on the sparse route); the same as the
   * dense route's {@link ColumnStats}.
   */
  @Test
  void theMeanOfValuesNearTheLargestDoubleIsFinite() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("huge"));
    atts.add(new Attribute("class", Arrays.asList("no", "yes")));
    Instances d = new Instances("huge", atts, 4);
    d.setClassIndex(1);
    double[][] rows = {{1.5e308, 0}, {1.5e308, 1}, {Double.NaN, 0}, {0, 1}};
    for (double[] r : rows) {
      d.add(new SparseInstance(1, r));
    }
    ColumnScan s = ColumnScan.of(d);
    assertEquals(1e308, s.mean(0), 1e293);
    double[] present = {1.5e308, 1.5e308, Double.NaN, 0};
    assertEquals(ColumnStats.of(present, 4).mean, s.mean(0), 1e293);
  }

  @Test
  void theScannedEncoderByHand() {
    Instances d = tiny();
    InstanceEncoder e = InstanceEncoder.fitScanned(d, Normalization.AUTO, ColumnScan.of(d), false);
    assertTrue(e.isSparse());
    // x: column 0 scaled by max |x| = 4, indicator column 1; colour: one-hot 2..4, indicator 5
    assertEquals(6, e.width());
    double[] row = new double[6];
    double[][] expected = {
      {-1, 0, 0, 1, 0, 0},
      {0.5, 0, 1, 0, 0, 0},
      {0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1},
      {(-2.0 / 3) / 4, 1, 0, 0, 1, 0},
    };
    for (int i = 0; i < 4; i++) {
      e.encode(d.instance(i), row, 0);
      assertArrayEquals(expected[i], row, 1e-15, "row " + i);
    }
  }

  @Test
  void anInfiniteValueIsRefusedByName() {
    Instances d = tiny();
    d.instance(1).setValue(0, Double.POSITIVE_INFINITY);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ColumnScan.of(d));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("instance 2"),
        e.getMessage());
  }
}
