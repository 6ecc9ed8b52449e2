package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.core.Instances;

/**
 * The IterativeClassifier contract: one iteration is one epoch, a model can predict after any
 * iteration, {@code IterativeClassifierOptimizer} can choose the number of epochs, and a
 * resumable model continues training where it stopped.
 */
class BackpropMLPIterativeTest {

  /**
   * With two threads buildClassifier trains the final model alongside the L2 candidates (see
   * PenaltySelection.FinalTraining) while the stepped build trains it epoch by epoch: the same
   * bits either way.
   */
  @ParameterizedTest(name = "{0} thread(s)")
  @ValueSource(strings = {"1", "2"})
  void oneIterationIsOneEpochAndBuildClassifierEqualsTheLoop(String threads) throws Exception {
    Instances data = TestData.load("iris");
    BackpropMLP stepped = new BackpropMLP();
    stepped.setOptions(new String[] {"-epochs", "7", "-threads", threads});
    stepped.initializeClassifier(data);
    int iterations = 0;
    while (stepped.next()) {
      iterations++;
      assertEquals(iterations, stepped.getModelView().epochs());
      stepped.distributionForInstance(data.instance(0)); // usable between iterations
    }
    stepped.done();
    assertEquals(7, stepped.getModelView().epochs());
    assertFalse(stepped.next(), "no iteration after the epoch budget");

    BackpropMLP built = new BackpropMLP();
    built.setOptions(new String[] {"-epochs", "7", "-threads", threads});
    built.buildClassifier(data);
    assertArrayEquals(built.getModelView().parameters(), stepped.getModelView().parameters(), 0.0);
    assertEquals(stepped.toString(), built.toString());
  }

  @Test
  void iterativeClassifierOptimizerChoosesTheEpochs() throws Exception {
    Instances data = TestData.load("diabetes");
    IterativeClassifierOptimizer ico = new IterativeClassifierOptimizer();
    ico.setOptions(new String[] {"-L", "5", "-F", "3", "-W", BackpropMLP.class.getName(), "--",
        "-epochs", "60", "-hidden", "16"});
    Evaluation ev = new Evaluation(data);
    ev.crossValidateModel(ico, data, 3, new java.util.Random(1));
    assertTrue(ev.pctCorrect() > 70, "accuracy " + ev.pctCorrect());
    ico.buildClassifier(data);
    assertTrue(ico.toString().contains("Best number of iterations"), ico.toString());
  }

  @Test
  void resumeContinuesFromTheCurrentWeights() throws Exception {
    Instances data = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "5", "-resume", "-threads", "1", "-schedule", "CONSTANT",
        "-l2", "0.01"});
    m.buildClassifier(data);
    m.buildClassifier(data);
    assertEquals(10, m.getModelView().epochs(), "second build continues for 5 more");

    BackpropMLP straight = new BackpropMLP();
    straight.setOptions(new String[] {"-epochs", "10", "-threads", "1", "-schedule", "CONSTANT",
        "-l2", "0.01"});
    straight.buildClassifier(data);
    assertArrayEquals(straight.getModelView().parameters(), m.getModelView().parameters(), 0.0,
        "5 + 5 resumed epochs = 10 epochs in one go");
  }
}
