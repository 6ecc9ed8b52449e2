package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/** Instances into the engine's dataset: targets, labels, checked and balanced weights. */
class DatasetEncodingTest {

  /** Three classes: a ×3 (weight 1), b ×1 (weight 2), c absent; one numeric input. */
  private static Instances skewed() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("class", new ArrayList<>(List.of("a", "b", "c"))));
    Instances d = new Instances("skewed", atts, 4);
    d.setClassIndex(1);
    d.add(new DenseInstance(1, new double[] {1, 0}));
    d.add(new DenseInstance(1, new double[] {2, 0}));
    d.add(new DenseInstance(1, new double[] {3, 0}));
    d.add(new DenseInstance(2, new double[] {4, 1}));
    return d;
  }

  private static Dataset encode(Instances d, ClassWeighting weighting) {
    InstanceEncoder enc = InstanceEncoder.fit(d, Normalization.NONE);
    return DatasetEncoding.encode(d, enc, TargetEncoder.fit(d, 3), 3, weighting);
  }

  @ParameterizedTest(name = "inputCopy={0}")
  @ValueSource(strings = {"eager", "lazy", "auto"})
  void theInputsAreACopyOrRowsOnDemandAsThePropertySays(String copy) {
    String old = System.getProperty(InputCopy.PROPERTY);
    System.setProperty(InputCopy.PROPERTY, copy);
    try {
      Dataset ds = encode(skewed(), ClassWeighting.NONE);
      if (copy.equals("lazy")) {
        assertTrue(ds.rowSource() instanceof InstanceRowSource);
        assertThrows(IllegalStateException.class, ds::x);
        double[] rows = new double[4];
        ds.rowSource().fill(new int[] {3, 2, 1, 0}, 0, 4, rows);
        assertArrayEquals(new double[] {4, 3, 2, 1}, rows, 0.0);
      } else { // auto: four values are far below a quarter of any heap
        assertNull(ds.rowSource());
        assertArrayEquals(new double[] {1, 2, 3, 4}, ds.x(), 0.0);
      }
      assertArrayEquals(new double[] {1, 1, 1, 2}, ds.weights(), 0.0);
    } finally {
      if (old == null) {
        System.clearProperty(InputCopy.PROPERTY);
      } else {
        System.setProperty(InputCopy.PROPERTY, old);
      }
    }
  }

  @Test
  void encodesInputsOneHotTargetsLabelsAndWeights() {
    Dataset ds = encode(skewed(), ClassWeighting.NONE);
    assertEquals(4, ds.rows());
    assertEquals(1, ds.features());
    assertArrayEquals(new double[] {1, 2, 3, 4}, ds.x(), 0.0);
    assertEquals(3, ds.targets());
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0}, ds.y(), 0.0);
    assertArrayEquals(new int[] {0, 0, 0, 1}, ds.labels());
    assertArrayEquals(new double[] {1, 1, 1, 2}, ds.weights(), 0.0);
  }

  @Test
  void balancingGivesEveryPresentClassTheSameTotalWeight() {
    // total W = 5, K = 2 classes present; a: W_a = 3, each 1 → 1·5/(2·3) = 5/6;
    // b: W_b = 2, its row 2 → 2·5/(2·2) = 5/2. Each class then carries 5/2. The weights are
    // first divided by the largest one's power of two (2: WeightScale), so all come out halved.
    Dataset ds = encode(skewed(), ClassWeighting.BALANCED);
    assertArrayEquals(new double[] {5.0 / 12, 5.0 / 12, 5.0 / 12, 5.0 / 4}, ds.weights(),
        1e-15);
  }

  @Test
  void balancingByHandLeavesZeroWeightRowsAtZero() {
    double[] w = {0, 4, 1, 1};
    DatasetEncoding.balance(w, new int[] {0, 1, 0, 0}, 2);
    // W = 6, K = 2; class 0: W_0 = 2 → ·6/4; class 1: W_1 = 4 → ·6/8
    assertArrayEquals(new double[] {0, 3, 1.5, 1.5}, w, 1e-15);
  }

  @Test
  void aNumericClassHasNoLabelsAndIsNotBalanced() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("y"));
    Instances d = new Instances("numeric", atts, 2);
    d.setClassIndex(1);
    d.add(new DenseInstance(1, new double[] {1, 10}));
    d.add(new DenseInstance(3, new double[] {2, 20}));
    InstanceEncoder enc = InstanceEncoder.fit(d, Normalization.NONE);
    Dataset ds = DatasetEncoding.encode(d, enc, TargetEncoder.fit(d, 1), 1,
        ClassWeighting.BALANCED);
    assertNull(ds.labels());
    assertArrayEquals(new double[] {1, 3}, ds.weights(), 0.0);
  }

  @Test
  void badWeightsAreRefusedWithTheRowAndAllZeroWeightsWithTheReason() {
    Instances d = skewed();
    d.instance(2).setWeight(-1);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> encode(d, ClassWeighting.NONE));
    assertTrue(e.getMessage().contains("instance 3 has weight -1.0"), e.getMessage());
    for (int i = 0; i < d.numInstances(); i++) {
      d.instance(i).setWeight(0);
    }
    e = assertThrows(IllegalArgumentException.class, () -> encode(d, ClassWeighting.NONE));
    assertTrue(e.getMessage().contains("weights are zero"), e.getMessage());
    assertTrue(e.getMessage().contains("This build was given " + d.numInstances() + " rows:"
        + " under cross-validation"), "a fold's rows may hold no positive weight: "
        + e.getMessage());
  }
}
