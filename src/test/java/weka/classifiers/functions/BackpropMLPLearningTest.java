package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * End-to-end learning checks with default options: 10-fold cross-validation on the bundled data
 * reaches the accuracy a user may expect from a neural network, XOR (not linearly separable) is
 * learned, and training is reproducible and survives serialization.
 */
class BackpropMLPLearningTest {

  /** Minimum 10-fold CV accuracy (%) with defaults, or correlation for the numeric cpu set. */
  @ParameterizedTest(name = "{0} >= {1}")
  @CsvSource({"iris, 94", "diabetes, 75", "breast-cancer, 70", "cpu, 0.9"})
  void crossValidationWithDefaultsReachesTarget(String name, double minimum) throws Exception {
    Instances data = TestData.load(name);
    Evaluation ev = new Evaluation(data);
    ev.crossValidateModel(new BackpropMLP(), data, 10, new Random(1));
    double score =
        data.classAttribute().isNominal() ? ev.pctCorrect() : ev.correlationCoefficient();
    assertTrue(score >= minimum, name + ": " + score + " < " + minimum);
  }

  @Test
  void learnsXorWithFourHiddenUnits() throws Exception {
    Instances xor = TestData.xor(25);
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-hidden", "4"});
    mlp.buildClassifier(xor);
    for (int i = 0; i < 4; i++) {
      assertEquals(xor.instance(i).classValue(), mlp.classifyInstance(xor.instance(i)),
          "pattern " + xor.instance(i));
    }
  }

  @Test
  void sameSeedGivesIdenticalPredictionsAndOtherSeedDiffers() throws Exception {
    Instances data = TestData.load("diabetes");
    double[][] a = train("diabetes", "-seed", "7").distributionsForInstances(data);
    double[][] b = train("diabetes", "-seed", "7").distributionsForInstances(data);
    double[][] c = train("diabetes", "-seed", "8").distributionsForInstances(data);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0);
    }
    boolean differs = false;
    for (int i = 0; i < a.length && !differs; i++) {
      differs = a[i][0] != c[i][0];
    }
    assertTrue(differs, "a different seed should give a different model");
  }

  @ParameterizedTest(name = "threads {0} = threads 1")
  @CsvSource({"2", "3", "5"})
  void modelIsBitForBitIndependentOfTheThreadCount(int threads) throws Exception {
    // large enough (about 2.6e7 flops per mini-batch) for the trainer to use several threads
    String[] common = {"-hidden", "300,200:TANH", "-epochs", "3", "-mini-batch", "67",
        "-dropout", "0.1", "-validation", "10"};
    BackpropMLP one = train("segment-challenge", with(common, "-threads", "1"));
    BackpropMLP many = train("segment-challenge", with(common, "-threads", "" + threads));
    assertArrayEquals(one.getModelView().parameters(), many.getModelView().parameters(), 0.0);
    Instances data = TestData.load("segment-challenge");
    double[][] a = one.distributionsForInstances(data);
    double[][] b = many.distributionsForInstances(data);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0);
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void serializationRoundTripPredictsTheSame() throws Exception {
    Instances data = TestData.load("cpu");
    BackpropMLP mlp = train("cpu");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, mlp);
    BackpropMLP copy =
        (BackpropMLP) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
    for (int i = 0; i < data.numInstances(); i++) {
      assertEquals(mlp.classifyInstance(data.instance(i)), copy.classifyInstance(data.instance(i)),
          0.0);
    }
    assertEquals(mlp.toString(), copy.toString());
  }

  @Test
  void batchPredictionEqualsSinglePrediction() throws Exception {
    Instances data = TestData.load("glass");
    BackpropMLP mlp = new BackpropMLP();
    // an odd prediction block size, so the last block is partial
    mlp.setOptions(new String[] {"-epochs", "20", "-batch-size", "7"});
    mlp.buildClassifier(data);
    double[][] batch = mlp.distributionsForInstances(data);
    for (int i = 0; i < data.numInstances(); i++) {
      assertArrayEquals(mlp.distributionForInstance(data.instance(i)), batch[i], 1e-12);
    }
  }

  @Test
  void summaryShowsArchitectureAndLossCurve() throws Exception {
    BackpropMLP mlp =
        train("diabetes", "-hidden", "8:TANH,4", "-epochs", "30", "-validation", "20");
    String text = mlp.toString();
    assertTrue(text.contains("8-[8 TANH]-[4 RELU]-2"), text);
    assertTrue(text.contains("Training curve"), text);
    assertTrue(text.contains("Best epoch"), text);
    assertTrue(mlp.getMeasure("measureEpochsRun") >= 1);
    assertEquals(8 * 9 + 4 * 9 + 2 * 5, mlp.getMeasure("measureNumParameters"), 0);
  }

  @Test
  void aCandidatePastThePathsEndIsReportedAsNotTrained() throws Exception {
    // iris with the defaults: 0.001 does not beat 0.01's holdout error, so 0.0001 is not trained
    BackpropMLP mlp = train("iris");
    String text = mlp.toString();
    assertTrue(text.contains("l2 0.0001     not trained: weakening the penalty had stopped"
        + " lowering the holdout error"), text);
    assertTrue(text.contains("l2 0.01       holdout error"), text);
    assertEquals(0.01, mlp.getMeasure("measureL2"), 0.0);
  }

  @Test
  void aListOfPenaltiesIsChosenOnTheDataAndReported() throws Exception {
    BackpropMLP mlp = train("diabetes", "-hidden", "8", "-epochs", "30", "-l2", "0.00001,0.1");
    double chosen = mlp.getMeasure("measureL2");
    assertTrue(chosen == 0.00001 || chosen == 0.1, "chosen " + chosen);
    String text = mlp.toString();
    assertTrue(text.contains("L2 penalty: " + (chosen == 0.1 ? "0.1" : "0.00001") + ", chosen by"),
        text);
    assertTrue(text.contains("<- chosen"), text);
    // the final model is the full-data run with the chosen value, the same as asking for it
    BackpropMLP fixed = train("diabetes", "-hidden", "8", "-epochs", "30", "-l2", "" + chosen);
    assertArrayEquals(fixed.getModelView().parameters(), mlp.getModelView().parameters(), 0.0);
    assertEquals(chosen, fixed.getMeasure("measureL2"), 0.0);
    assertTrue(!fixed.toString().contains("chosen by"));
  }

  private static BackpropMLP train(String dataset, String... options) throws Exception {
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(options);
    mlp.buildClassifier(TestData.load(dataset));
    return mlp;
  }
}
