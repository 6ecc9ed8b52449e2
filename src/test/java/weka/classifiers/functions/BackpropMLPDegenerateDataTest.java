package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Data a network cannot learn from, found by Weka's CheckClassifier: only the class attribute,
 * attributes without a single training value, and no rows at all yet.
 */
class BackpropMLPDegenerateDataTest {

  private static BackpropMLP quick() throws Exception {
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(Utils.splitOptions("-hidden 4 -epochs 20"));
    return mlp;
  }

  @Test
  void onlyTheClassAttributePredictsTheTrainingPriorLikeZeroR() throws Exception {
    Instances iris = TestData.load("iris");
    Remove remove = new Remove();
    remove.setAttributeIndices("1-4");
    remove.setInputFormat(iris);
    Instances onlyClass = Filter.useFilter(iris, remove);
    onlyClass.setClassIndex(0);
    // an unbalanced prior, so that the prediction is informative
    for (int i = onlyClass.numInstances() - 1; i >= 0; i -= 3) {
      onlyClass.delete(i);
    }

    BackpropMLP mlp = quick();
    mlp.buildClassifier(onlyClass);
    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(onlyClass);

    assertArrayEquals(zeroR.distributionForInstance(onlyClass.instance(0)),
        mlp.distributionForInstance(onlyClass.instance(0)), 1e-12);
    assertArrayEquals(zeroR.distributionsForInstances(onlyClass),
        mlp.distributionsForInstances(onlyClass));
    assertTrue(mlp.toString().contains("no input attribute"), mlp.toString());
    assertFalse(mlp.next(), "nothing to iterate over");
  }

  @Test
  void onlyTheClassAttributeWithANumericClassPredictsTheMean() throws Exception {
    Instances cpu = TestData.load("cpu");
    Remove remove = new Remove();
    remove.setAttributeIndices("last");
    remove.setInvertSelection(true);
    remove.setInputFormat(cpu);
    Instances onlyClass = Filter.useFilter(cpu, remove);
    onlyClass.setClassIndex(0);

    BackpropMLP mlp = quick();
    mlp.buildClassifier(onlyClass);

    assertEquals(onlyClass.meanOrMode(0), mlp.classifyInstance(onlyClass.instance(3)), 1e-9);
  }

  /**
   * A numeric class with one value throughout is predicted as that value exactly, as ZeroR,
   * LinearRegression and MultilayerPerceptron predict it, whether built at once or row by row
   * (it had been the value plus the network's output for a target of 0: 7.455 to 7.536).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aConstantNumericClassIsPredictedExactly(boolean streamed) throws Exception {
    Instances cpu = TestData.load("cpu");
    for (int i = 0; i < cpu.numInstances(); i++) {
      cpu.instance(i).setClassValue(7.5);
    }
    BackpropMLP mlp =
        streamed ? TestData.streamed(cpu, "-epochs", "3", "-reservoir", "50") : quick();
    if (!streamed) {
      mlp.buildClassifier(cpu);
    }
    for (int i = 0; i < cpu.numInstances(); i++) {
      assertEquals(7.5, mlp.classifyInstance(cpu.instance(i)), 0.0);
    }
  }

  /**
   * -loss ABSOLUTE_ERROR and HUBER fit the clean rows of a class with a few huge outliers (the
   * class scaled by its standard deviation, which the outliers inflated, had left every clean
   * target at nearly the same value: a test MAE of 739 on boston where the clean fit gave 1.6).
   */
  @ParameterizedTest
  @ValueSource(strings = {"ABSOLUTE_ERROR", "HUBER"})
  void aRobustLossFitsTheCleanRowsOfAClassWithOutliers(String loss) throws Exception {
    Instances cpu = TestData.load("cpu");
    Instances clean = new Instances(cpu);
    for (int i = 0; i < 3; i++) {
      cpu.instance(i * 50).setClassValue(1e6);
    }
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-loss", loss, "-epochs", "60", "-threads", "1"});
    mlp.buildClassifier(cpu);
    double error = 0;
    double spread = 0;
    double mean = clean.meanOrMode(clean.classIndex());
    for (int i = 0; i < clean.numInstances(); i++) {
      if (i % 50 != 0 || i >= 150) {
        double y = clean.instance(i).classValue();
        error += Math.abs(mlp.classifyInstance(clean.instance(i)) - y);
        spread += Math.abs(y - mean);
      }
    }
    assertTrue(error < 0.5 * spread, "clean-row error " + error + " against " + spread
        + " for the mean");
  }

  @Test
  void anAttributeWithoutTrainingValuesIsIgnoredAtPrediction() throws Exception {
    Instances train = TestData.load("iris");
    for (int i = 0; i < train.numInstances(); i++) {
      train.instance(i).setMissing(0);
    }
    BackpropMLP mlp = quick();
    mlp.buildClassifier(train);

    Instances test = TestData.load("iris");
    Instances missing = new Instances(test);
    for (int i = 0; i < missing.numInstances(); i++) {
      missing.instance(i).setMissing(0);
    }
    // Values the network never saw during training must not change its predictions.
    double[][] withValues = mlp.distributionsForInstances(test);
    double[][] withoutValues = mlp.distributionsForInstances(missing);
    for (int i = 0; i < test.numInstances(); i++) {
      assertArrayEquals(withoutValues[i], withValues[i], 0, "instance " + i);
    }
  }

  /**
   * An attribute that held one value in every training row taught the network nothing, so other
   * values at prediction must not move the predictions under any scaling: iris with a constant
   * column scored 33 % when that column read 20 at test under {@code -l2 0}, its first-layer
   * weights never having left their random start.
   */
  @ParameterizedTest
  @ValueSource(strings = {"AUTO", "MINMAX", "MAXABS", "NONE"})
  void anAttributeConstantInTrainingIsIgnoredAtPrediction(String normalize) throws Exception {
    Instances train = TestData.load("iris");
    for (int i = 0; i < train.numInstances(); i++) {
      train.instance(i).setValue(0, 1.5);
    }
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(Utils.splitOptions("-hidden 4 -epochs 20 -l2 0 -threads 1 -normalize "
        + normalize));
    mlp.buildClassifier(train);

    Instances other = new Instances(train);
    for (int i = 0; i < other.numInstances(); i++) {
      other.instance(i).setValue(0, 20 * (i % 3) - 7);
    }
    double[][] trained = mlp.distributionsForInstances(train);
    double[][] changed = mlp.distributionsForInstances(other);
    for (int i = 0; i < train.numInstances(); i++) {
      assertArrayEquals(trained[i], changed[i], 0, "instance " + i);
      assertArrayEquals(trained[i], mlp.distributionForInstance(other.instance(i)), 0);
    }
  }

  /**
   * The same on a stream longer than its reservoir (its encoder's running statistics), with a
   * single pass or epochs over the reservoir.
   */
  @ParameterizedTest
  @ValueSource(strings = {"0", "50"})
  void aStreamedAttributeConstantSoFarIsIgnoredAtPrediction(String reservoir) throws Exception {
    Instances train = TestData.load("iris");
    for (int i = 0; i < train.numInstances(); i++) {
      train.instance(i).setValue(0, 1.5);
    }
    train.randomize(new java.util.Random(1));
    BackpropMLP mlp = TestData.streamed(train, "-hidden", "4", "-epochs", "5", "-l2", "0",
        "-threads", "1", "-reservoir", reservoir);
    Instances other = new Instances(train);
    for (int i = 0; i < other.numInstances(); i++) {
      other.instance(i).setValue(0, 20 * (i % 3) - 7);
    }
    for (int i = 0; i < train.numInstances(); i++) {
      assertArrayEquals(mlp.distributionForInstance(train.instance(i)),
          mlp.distributionForInstance(other.instance(i)), 0, "instance " + i);
    }
  }

  /**
   * A stream that has not yet seen a value of an attribute encodes one at prediction as missing,
   * as a batch build does an attribute without training values: its weights never learnt.
   */
  @Test
  void aStreamedAttributeWithoutValuesSoFarIsIgnoredAtPrediction() throws Exception {
    Instances train = TestData.load("iris");
    for (int i = 0; i < train.numInstances(); i++) {
      train.instance(i).setMissing(0);
    }
    BackpropMLP mlp = TestData.streamed(train, "-hidden", "4", "-l2", "0", "-threads", "1",
        "-reservoir", "0");
    Instances test = TestData.load("iris");
    for (int i = 0; i < test.numInstances(); i++) {
      assertArrayEquals(mlp.distributionForInstance(train.instance(i)),
          mlp.distributionForInstance(test.instance(i)), 0, "instance " + i);
    }
  }

  /**
   * A model built on a header alone (how Weka starts an UpdateableClassifier, and what {@code
   * buildClassifier} makes of an empty data set) has taken no training step: it predicts as ZeroR
   * without data, the same probability for every class, or for a numeric class the mean of the
   * class values seen so far (0 before any), and says so, also after a save and a load. From its
   * first mini-batch step on it predicts from its network.
   */
  @ParameterizedTest
  @ValueSource(strings = {"iris", "cpu"})
  void beforeItsFirstStepAStreamedModelPredictsLikeZeroRWithoutData(String name)
      throws Exception {
    Instances data = TestData.load(name);
    boolean nominal = data.classAttribute().isNominal();
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions("-mini-batch 8 -threads 1"));
    m.buildClassifier(new Instances(data, 0));
    assertPredictsLikeZeroR(m, data, nominal ? 1.0 / data.numClasses() : 0);
    BackpropMLP loaded = (BackpropMLP) SerializationHelper.read(
        new ByteArrayInputStream(serialized(m)));
    assertPredictsLikeZeroR(loaded, data, nominal ? 1.0 / data.numClasses() : 0);

    double sum = 0;
    for (int i = 0; i < 7; i++) { // one row short of a mini-batch: no step yet
      m.updateClassifier(data.instance(i));
      sum += data.instance(i).classValue();
    }
    assertPredictsLikeZeroR(m, data, nominal ? 1.0 / data.numClasses() : sum / 7);

    m.updateClassifier(data.instance(7)); // the first step
    assertFalse(m.toString().contains("No training step has run yet"), m.toString());
    assertTrue(m.toString().contains("The stream has not ended (batchFinished): so far each"
        + " mini-batch of 8 rows made one step"), m.toString());
    double[][] dist = m.distributionsForInstances(data);
    assertFalse(Arrays.equals(dist[0], dist[1]) && Arrays.equals(dist[0], dist[2]),
        "predictions from the network differ between rows");
  }

  private static void assertPredictsLikeZeroR(BackpropMLP m, Instances data, double value)
      throws Exception {
    assertTrue(m.toString().contains("No training step has run yet"), m.toString());
    double[][] all = m.distributionsForInstances(data);
    for (int i = 0; i < data.numInstances(); i++) {
      double[] expected = new double[all[i].length];
      Arrays.fill(expected, value);
      assertArrayEquals(expected, all[i], 1e-12, "row " + i);
      assertArrayEquals(all[i], m.distributionForInstance(data.instance(i)), 0.0, "row " + i);
    }
  }

  private static byte[] serialized(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, o);
    return bytes.toByteArray();
  }
}
