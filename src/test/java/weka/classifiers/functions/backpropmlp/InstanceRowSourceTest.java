package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.TestData;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Rows encoded on demand equal, bit for bit, the rows of {@link InstanceEncoder#encodeAll}, in
 * any order and batch, for numeric data (by the column plan, missing and never-seen values
 * included) and for nominal data (one-hot, by the encoder itself), under every normalization.
 */
class InstanceRowSourceTest {

  /** Numeric data with missing values and one attribute that is never present. */
  static Instances numericWithGaps() {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (String name : new String[] {"a", "b", "never", "c"}) {
      atts.add(new Attribute(name));
    }
    atts.add(new Attribute("y"));
    Instances d = new Instances("gaps", atts, 30);
    d.setClassIndex(4);
    for (int i = 0; i < 30; i++) {
      double b = i % 4 == 0 ? Utils.missingValue() : i * 0.37 - 3;
      d.add(new DenseInstance(1, new double[] {i * 1e3, b, Utils.missingValue(), -i % 7, i}));
    }
    return d;
  }

  @ParameterizedTest(name = "{0}, {1}: column plan {2}")
  @CsvSource({
      "gaps, STANDARDIZE, true", "gaps, MINMAX, true", "gaps, NONE, true",
      "diabetes, STANDARDIZE, true", "labor, STANDARDIZE, false", "soybean, MINMAX, false",
      "cpu, STANDARDIZE, true"
  })
  void rowsOnDemandAreTheRowsOfTheMatrix(String set, Normalization norm, boolean plan)
      throws Exception {
    Instances d = set.equals("gaps") ? numericWithGaps() : TestData.load(set);
    InstanceEncoder enc = InstanceEncoder.fit(d, norm);
    InstanceRowSource source = new InstanceRowSource(d, enc);
    assertEquals(plan, source.usesColumnPlan());
    assertEquals(d.numInstances(), source.rows());
    assertEquals(enc.width(), source.columns());
    double[] all = enc.encodeAll(d);
    int n = d.numInstances();
    int w = enc.width();
    int[] order = new int[n + 2];
    for (int k = 0; k < n; k++) {
      order[k + 2] = (k * 7 + 3) % n; // a permutation when n is not a multiple of 7
    }
    for (int batch : new int[] {1, 5, n}) {
      double[] out = new double[batch * w];
      for (int from = 2; from < n + 2; from += batch) {
        int count = Math.min(batch, n + 2 - from);
        java.util.Arrays.fill(out, Double.NaN);
        source.fill(order, from, count, out);
        for (int k = 0; k < count; k++) {
          int row = order[from + k];
          assertArrayEquals(java.util.Arrays.copyOfRange(all, row * w, (row + 1) * w),
              java.util.Arrays.copyOfRange(out, k * w, (k + 1) * w), 0.0, "row " + row);
        }
      }
    }
  }
}
