package weka.gui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.classifiers.functions.backpropmlp.ModelView;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The data behind the curve plots, built headless from real training runs and from hand-made
 * histories: one row per epoch with the documented columns, missing validation values without a
 * holdout, the long-format series Plot2D draws, and the best-epoch marker.
 */
class BackpropMLPCurveDataTest {

  private static BackpropMLP withHoldout;
  private static Instances irisHeader;

  @BeforeAll
  static void train() throws Exception {
    Instances iris = TestData.load("iris");
    irisHeader = new Instances(iris, 0);
    withHoldout = new BackpropMLP();
    withHoldout.setOptions(new String[] {"-hidden", "8,6", "-epochs", "40", "-validation", "20",
        "-patience", "5"});
    withHoldout.buildClassifier(iris);
  }

  @Test
  void epochTableHasOneRowPerEpochAndTheHistoryValues() {
    ModelView h = withHoldout.getModelView();
    Instances t = BackpropMLPCurveData.epochTable(withHoldout, irisHeader);
    assertEquals(h.epochs(), t.numInstances());
    assertEquals(3, h.curveLayers());
    String[] names = {"epoch", "train_loss", "validation_loss", "validation_accuracy",
        "learning_rate", "grad_norm_layer1", "grad_norm_layer2", "grad_norm_layer3"};
    assertEquals(names.length, t.numAttributes());
    for (int a = 0; a < names.length; a++) {
      assertEquals(names[a], t.attribute(a).name());
      assertTrue(t.attribute(a).isNumeric());
    }
    assertEquals(3, BackpropMLPCurveData.numLayers(t));
    assertTrue(BackpropMLPCurveData.hasValidation(t));
    for (int e = 0; e < h.epochs(); e++) {
      Instance row = t.instance(e);
      assertEquals(e + 1, row.value(BackpropMLPCurveData.COL_EPOCH));
      assertEquals(h.trainLoss(e), row.value(BackpropMLPCurveData.COL_TRAIN_LOSS));
      assertEquals(h.validationLoss(e), row.value(BackpropMLPCurveData.COL_VALIDATION_LOSS));
      assertEquals(h.validationMetric(e), row.value(BackpropMLPCurveData.COL_VALIDATION_METRIC));
      assertEquals(h.learningRate(e), row.value(BackpropMLPCurveData.COL_LEARNING_RATE));
      for (int l = 0; l < h.curveLayers(); l++) {
        assertEquals(h.gradientNorm(e, l), row.value(BackpropMLPCurveData.COL_FIRST_GRAD_NORM + l));
      }
      double acc = row.value(BackpropMLPCurveData.COL_VALIDATION_METRIC);
      assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    }
    String summary = BackpropMLPCurveData.summary(t, withHoldout);
    assertTrue(summary.startsWith(h.epochs() + " epochs"), summary);
    assertTrue(summary.contains("best epoch " + (h.bestEpoch() + 1)), summary);
  }

  @Test
  void withoutHoldoutTheValidationColumnsAreMissing() throws Exception {
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-epochs", "7"});
    mlp.buildClassifier(TestData.load("iris"));
    Instances t = BackpropMLPCurveData.epochTable(mlp, irisHeader);
    assertEquals(7, t.numInstances());
    assertFalse(BackpropMLPCurveData.hasValidation(t));
    for (int e = 0; e < 7; e++) {
      assertTrue(t.instance(e).isMissing(BackpropMLPCurveData.COL_VALIDATION_LOSS));
      assertTrue(t.instance(e).isMissing(BackpropMLPCurveData.COL_VALIDATION_METRIC));
      assertFalse(t.instance(e).isMissing(BackpropMLPCurveData.COL_TRAIN_LOSS));
    }
    assertTrue(BackpropMLPCurveData.summary(t, mlp).contains("no validation holdout"));
  }

  @Test
  void numericClassGetsAStandardizedRmseColumn() throws Exception {
    Instances cpu = TestData.load("cpu");
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-epochs", "5", "-validation", "20"});
    mlp.buildClassifier(cpu);
    Instances t = BackpropMLPCurveData.epochTable(mlp, new Instances(cpu, 0));
    assertEquals(BackpropMLPCurveData.VALIDATION_RMSE,
        t.attribute(BackpropMLPCurveData.COL_VALIDATION_METRIC).name());
    // the summary gives the RMSE in the class's units, as the description does (it had read
    // "validation rmse standardized 0.2145" beside the description's 34.49)
    ModelView h = mlp.getModelView();
    double units = h.validationMetric(h.bestEpoch()) * h.classScale();
    String summary = BackpropMLPCurveData.summary(t, mlp);
    assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "validation RMSE %.4g (",
        units)), summary);
    assertTrue(mlp.toString().contains(String.format(java.util.Locale.ROOT,
        "validation RMSE %.4f", units)), mlp.toString());
    // without the training header (a model loaded in the Explorer) the model tells the class
    assertEquals(BackpropMLPCurveData.VALIDATION_RMSE,
        BackpropMLPCurveData.epochTable(mlp, null)
            .attribute(BackpropMLPCurveData.COL_VALIDATION_METRIC).name());
    BackpropMLP iris = new BackpropMLP();
    iris.setOptions(new String[] {"-epochs", "3", "-validation", "20"});
    iris.buildClassifier(TestData.load("iris"));
    assertEquals(BackpropMLPCurveData.VALIDATION_ACCURACY,
        BackpropMLPCurveData.epochTable(iris, null)
            .attribute(BackpropMLPCurveData.COL_VALIDATION_METRIC).name());
  }

  @Test
  void untrainedModelIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> BackpropMLPCurveData.epochTable(new BackpropMLP(), irisHeader));
  }

  /** A single pass row by row trains a model without epochs: refused as such, not as untrained. */
  @Test
  void aSinglePassModelIsRefusedForItsMissingEpochs() throws Exception {
    weka.core.Instances iris = TestData.load("iris");
    BackpropMLP streamed = new BackpropMLP();
    streamed.setOptions(new String[] {"-reservoir", "0"});
    streamed.buildClassifier(new weka.core.Instances(iris, 0));
    for (weka.core.Instance row : iris) {
      streamed.updateClassifier(row);
    }
    streamed.batchFinished();
    String why = assertThrows(IllegalArgumentException.class,
        () -> BackpropMLPCurveData.epochTable(streamed, iris)).getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(why.contains("trained row by row in a single pass"),
        why);
  }

  @Test
  void seriesAreLongFormatWithoutNonFiniteValuesAndSplitIntoCompatiblePlots() {
    TrainingHistory h = new TrainingHistory(2);
    h.record(1.0, Double.NaN, Double.NaN, 0.1, new double[] {1e-3, 0});
    h.record(0.5, 0.7, 0.8, 0.1, new double[] {1e-2, 1e-5});
    h.record(0.25, 0.6, 0.9, 0.05, new double[] {Double.POSITIVE_INFINITY, 1e-4});
    Instances t = BackpropMLPCurveData.epochTable(ModelView.ofHistory(h), Boolean.TRUE);
    assertTrue(t.instance(2).isMissing(BackpropMLPCurveData.COL_FIRST_GRAD_NORM),
        "infinite norm stored as missing");

    Instances loss = BackpropMLPCurveData.series(t, "loss",
        new int[] {BackpropMLPCurveData.COL_TRAIN_LOSS, BackpropMLPCurveData.COL_VALIDATION_LOSS},
        new String[] {"training loss", "validation loss"}, false);
    assertEquals(3, loss.numAttributes());
    assertEquals("epoch", loss.attribute(0).name());
    assertEquals("value", loss.attribute(1).name());
    assertTrue(loss.attribute(2).isNominal());
    assertEquals(3 + 2, loss.numInstances(), "validation loss of epoch 1 is missing");
    assertEquals(0.7, loss.instance(3).value(1));
    assertEquals(2, loss.instance(3).value(0));

    Instances marked = BackpropMLPCurveData.withMarker(loss, 3, "best epoch 3");
    assertEquals(loss.numInstances() + 2, marked.numInstances());
    assertEquals(3, marked.attribute(2).numValues());
    Instance low = marked.instance(marked.numInstances() - 2);
    Instance high = marked.instance(marked.numInstances() - 1);
    assertEquals(3, low.value(0));
    assertEquals(0.25, low.value(1));
    assertEquals(1.0, high.value(1));

    List<Instances> parts = BackpropMLPCurveData.split(marked);
    assertEquals(3, parts.size());
    assertEquals("training loss", parts.get(0).relationName());
    assertEquals(3, parts.get(0).numInstances());
    assertEquals(2, parts.get(1).numInstances());
    assertEquals(2, parts.get(2).numInstances());
    for (Instances p : parts) {
      assertNull(parts.get(0).equalHeadersMsg(p), "Plot2D needs equal headers");
    }

    Instances grads = BackpropMLPCurveData.series(t, "g",
        new int[] {BackpropMLPCurveData.COL_FIRST_GRAD_NORM,
          BackpropMLPCurveData.COL_FIRST_GRAD_NORM + 1},
        BackpropMLPCurveData.layerNames(2, null), true);
    // layer 1: epochs 1, 2 (3 is infinite); layer 2: epochs 2, 3 (0 has no logarithm)
    assertEquals(4, grads.numInstances());
    assertEquals(-3, grads.instance(0).value(1), 1e-12);
    assertEquals(-5, grads.instance(2).value(1), 1e-12);
    assertEquals("layer 2", grads.attribute(2).value(1));
  }

  @Test
  void layerNamesShowTheWidthsOfTheNetwork() {
    String[] names = BackpropMLPCurveData.layerNames(3, withHoldout.getModelView());
    assertEquals("layer 1: 4\u21928", names[0]);
    assertEquals("layer 2: 8\u21926", names[1]);
    assertEquals("layer 3: 6\u21923 (output)", names[2]);
  }
}
