package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The whole-row reads of {@link DenseRowCopy} against the encoder's per-value loop: a
 * {@code DenseInstance} and an instance of a subclass of it (which the row reader leaves to the
 * per-value loop) with the same values must encode to the same bits, for the class attribute
 * first, last and in the middle (where there is no contiguous run, so no row reader), scaled
 * and unscaled, with negative zeros, huge values and missing or infinite values among them;
 * and the unchecked copy ({@link InstanceEncoder#encodeUnchecked}), which must give the same bits
 * wherever a value is finite and leave a missing or infinite one non-finite.
 */
class DenseRowCopyTest {

  @Test
  void valueArraysOfDenseInstancesCanBeReadOnThisJvm() {
    assertTrue(DenseRowCopy.available(), "the fast path would never be tested");
  }

  @ParameterizedTest(name = "class at {0}, {1}")
  @CsvSource({"0, NONE", "0, STANDARDIZE", "12, NONE", "12, MINMAX", "12, STANDARDIZE",
      "5, STANDARDIZE"})
  void rowsReadWholeGiveThePerValueBits(int classIndex, Normalization norm) {
    int attributes = 13;
    Random rnd = new Random(classIndex * 31 + norm.ordinal());
    Instances d = numeric(attributes, classIndex);
    for (int i = 0; i < 40; i++) {
      double[] v = new double[attributes];
      for (int a = 0; a < attributes; a++) {
        v[a] = a == classIndex ? i % 2 : rnd.nextGaussian() * 100;
      }
      d.add(new DenseInstance(1, v));
    }
    InstanceEncoder e = InstanceEncoder.fit(d, norm);
    assertTrue(e.hasNumericFastPath());
    double[] special = {-0.0, 1e300, -3.5e-310, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 7};
    double[] whole = new double[3 + e.width()];
    double[] perValue = new double[3 + e.width()];
    double[] unchecked = new double[3 + e.width()];
    boolean contiguous = classIndex == 0 || classIndex == attributes - 1;
    for (int r = 0; r < 60; r++) {
      double[] v = new double[attributes];
      for (int a = 0; a < attributes; a++) {
        v[a] = a == classIndex ? 0 : r % 3 == 0 ? special[rnd.nextInt(special.length)]
            : rnd.nextGaussian() * 50;
      }
      e.encode(new DenseInstance(1, v.clone()), whole, 3);
      e.encode(new OtherDenseInstance(v.clone()), perValue, 3);
      e.encodeUnchecked(new DenseInstance(1, v.clone()), unchecked, 3);
      for (int j = 0; j < whole.length; j++) {
        assertEquals(Double.doubleToRawLongBits(perValue[j]), Double.doubleToRawLongBits(whole[j]),
            "row " + r + ", column " + j);
      }
      for (int j = 0; j < e.width(); j++) {
        double raw = v[j < classIndex ? j : j + 1];
        String at = "unchecked, row " + r + ", column " + j;
        if (Double.isFinite(raw) || !contiguous) { // without a row reader: value by value
          assertEquals(Double.doubleToRawLongBits(perValue[3 + j]),
              Double.doubleToRawLongBits(unchecked[3 + j]), at);
        } else {
          assertFalse(Double.isFinite(unchecked[3 + j]), at);
        }
      }
    }
  }

  /**
   * The reader takes a clean dense row (and writes the encoder's values) and declines, writing
   * nothing, a row with a missing or infinite value and an instance of another class.
   */
  @Test
  void readerDeclinesMissingValuesAndOtherInstances() {
    DenseRowCopy rows = new DenseRowCopy(0, 2);
    double[] scale = {2, 4};
    double[] shift = {0.5, -1};
    double[] out = {9, 9, 9};
    assertTrue(rows.encode(new DenseInstance(1, new double[] {3, 8, 1}), scale, shift, false, out,
        1));
    assertArrayEquals(new double[] {9, 3 / 2.0 - 0.5, 8 / 4.0 + 1}, out, 0.0);
    double[] untouched = out.clone();
    for (Instance declined : new Instance[] {new DenseInstance(1, new double[] {Double.NaN, 8, 1}),
        new DenseInstance(1, new double[] {3, Double.NEGATIVE_INFINITY, 1}),
        new OtherDenseInstance(new double[] {3, 8, 1})}) {
      assertFalse(rows.encode(declined, scale, shift, false, out, 1));
      assertArrayEquals(untouched, out, 0.0);
    }
    assertTrue(rows.encode(new DenseInstance(1, new double[] {-0.0, 5, 1}), scale, shift, true,
        out, 0));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[0]));
    assertEquals(5, out[1], 0.0);
  }

  /**
   * The unchecked copy takes a row with a missing or infinite value as it is (rescaled), and
   * declines, writing nothing, an instance of another class.
   */
  @Test
  void theUncheckedCopyKeepsMissingAndInfiniteValues() {
    DenseRowCopy rows = new DenseRowCopy(1, 2);
    double[] scale = {2, 4};
    double[] shift = {0.5, -1};
    double[] out = new double[2];
    assertTrue(rows.copy(new DenseInstance(1, new double[] {0, Double.NaN, 8}), scale, shift,
        false, out, 0));
    assertTrue(Double.isNaN(out[0]));
    assertEquals(8 / 4.0 + 1, out[1], 0.0);
    assertTrue(rows.copy(new DenseInstance(1, new double[] {0, 3, Double.NEGATIVE_INFINITY}),
        scale, shift, true, out, 0));
    assertArrayEquals(new double[] {3, Double.NEGATIVE_INFINITY}, out, 0.0);
    assertFalse(rows.copy(new OtherDenseInstance(new double[] {0, 1, 2}), scale, shift, true, out,
        0));
    assertArrayEquals(new double[] {3, Double.NEGATIVE_INFINITY}, out, 0.0);
  }

  private static Instances numeric(int attributes, int classIndex) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      atts.add(new Attribute("a" + a));
    }
    Instances d = new Instances("numeric", atts, 0);
    d.setClassIndex(classIndex);
    return d;
  }
}
