package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Data a network cannot learn from, found by Weka's CheckClassifier: only the class attribute,
 * and attributes without a single training value.
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
}
