package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.core.Instances;

/**
 * The read-only view: it shows the architecture, the curves and the chosen settings of the
 * model, and its parameters only as a copy that cannot change the model.
 */
class ModelViewTest {

  @Test
  void showsTheArchitectureCurvesAndChosenSettings() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-hidden", "5:TANH,3", "-epochs", "6", "-validation", "20",
        "-l2", "0.001,0.1"});
    m.buildClassifier(TestData.load("iris"));
    ModelView v = m.getModelView();
    assertTrue(v.hasNetwork());
    assertEquals("4-[5 TANH]-[3 RELU]-3 SOFTMAX + CROSS_ENTROPY", v.architecture());
    assertEquals(3, v.numLayers());
    assertEquals(4, v.layerSize(0));
    assertEquals(5, v.layerSize(1));
    assertEquals(3, v.layerSize(3));
    assertEquals("TANH", v.hiddenActivation(0));
    assertEquals("RELU", v.hiddenActivation(1));
    assertEquals("CROSS_ENTROPY", v.lossName());
    assertEquals(5 * 5 + 3 * 6 + 3 * 4, v.numParameters());
    assertEquals(m.getMeasure("measureL2"), v.l2());
    assertTrue(v.l2() == 0.001 || v.l2() == 0.1, "one of the candidates: " + v.l2());
    assertEquals("automatic for 150 rows and 4 inputs: mini-batch 8, lr 0.01, no dropout",
        v.automaticSettings());

    assertTrue(v.hasTrainingCurves());
    assertEquals(6, v.epochs());
    assertEquals(3, v.curveLayers());
    for (int e = 0; e < v.epochs(); e++) {
      assertTrue(v.trainLoss(e) > 0);
      assertFalse(Double.isNaN(v.validationLoss(e)));
      assertTrue(v.validationMetric(e) >= 0 && v.validationMetric(e) <= 1);
      assertTrue(v.learningRate(e) > 0);
      assertTrue(v.gradientNorm(e, 2) >= 0);
    }
    assertEquals(v.trainLoss(5), v.finalTrainLoss());
    assertEquals(v.validationLoss(v.bestEpoch()), v.bestValidationLoss());
    assertEquals(m.getMeasure("measureStoppedEarly") > 0, v.stoppedEarly());
  }

  @Test
  void theParametersAreACopy() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-hidden", "4", "-epochs", "3"});
    Instances iris = TestData.load("iris");
    m.buildClassifier(iris);
    double[] before = m.distributionForInstance(iris.instance(0));
    double[] p = m.getModelView().parameters();
    java.util.Arrays.fill(p, 0.0);
    assertArrayEquals(before, m.distributionForInstance(iris.instance(0)), 0.0);
    assertFalse(java.util.Arrays.equals(p, m.getModelView().parameters()));
  }

  @Test
  void aViewOfNothingAndOfARecordAlone() {
    ModelView none = ModelView.empty();
    assertFalse(none.hasNetwork());
    assertFalse(none.hasTrainingCurves());
    assertEquals("", none.architecture());
    assertEquals("", none.lossName());
    assertEquals(0, none.epochs());
    assertEquals(0, none.parameters().length);
    assertTrue(Double.isNaN(none.l2()));
    assertTrue(Double.isNaN(none.finalTrainLoss()));

    TrainingHistory h = new TrainingHistory(2);
    h.record(1.5, 0.9, 0.7, 0.01, new double[] {0.1, 0.2});
    ModelView curves = ModelView.ofHistory(h);
    assertTrue(curves.hasTrainingCurves());
    assertFalse(curves.hasNetwork());
    assertEquals(1, curves.epochs());
    assertEquals(2, curves.curveLayers());
    assertEquals(0.2, curves.gradientNorm(0, 1));
    assertEquals(0, curves.bestEpoch());
  }

  @Test
  void noViewBeforeABuildAndNoCurvesForAModelTrainedRowByRow() throws Exception {
    BackpropMLP m = new BackpropMLP();
    assertEquals(null, m.getModelView());
    Instances iris = TestData.load("iris");
    m.buildClassifier(new Instances(iris, 0));
    m.updateClassifier(iris.instance(0));
    ModelView v = m.getModelView();
    assertTrue(v.hasNetwork());
    assertFalse(v.hasTrainingCurves());
    // streaming keeps a missing-value indicator for every input (4 attributes, 8 inputs), which
    // the automatic rules do not count, as a batch build of complete data has none
    assertEquals("automatic row by row and 4 inputs: 16 hidden units, mini-batch 32 (from 1 in"
        + " the pass over the stream), lr 0.003 (0.005 in the pass), no dropout",
        v.automaticSettings());
  }
}
