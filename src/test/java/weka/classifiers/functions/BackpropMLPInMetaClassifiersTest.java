package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.CVParameterSelection;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * BackpropMLP as the base learner of Weka's meta-classifiers, configured from command lines as
 * the Explorer or a script would: it must be copied (serialized), configured through nested and
 * quoted options, trained in parallel (Bagging with two slots), re-configured by
 * CVParameterSelection and iterated by IterativeClassifierOptimizer, and still learn iris.
 */
class BackpropMLPInMetaClassifiersTest {

  private static final String MLP = "weka.classifiers.functions.BackpropMLP";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "weka.classifiers.meta.FilteredClassifier"
        + " -F \"weka.filters.unsupervised.attribute.Discretize -B 4\""
        + " -W " + MLP + " -- -hidden 8 -lr 0.01 -epochs 40",
    "weka.classifiers.meta.Bagging -P 100 -I 3 -S 1 -num-slots 2"
        + " -W " + MLP + " -- -hidden 8 -lr 0.01 -epochs 40",
    "weka.classifiers.meta.Vote -R AVG"
        + " -B \"" + MLP + " -hidden 8 -lr 0.01 -epochs 40\""
        + " -B \"" + MLP + " -hidden \\\"6:TANH,4\\\" -optimizer SGD -lr 0.05 -nesterov"
        + " -epochs 40\""
        + " -B weka.classifiers.trees.J48",
    "weka.classifiers.meta.CVParameterSelection -X 3 -S 1 -P \"epochs 10 40 4\""
        + " -W " + MLP + " -- -hidden 8 -lr 0.01",
    "weka.classifiers.meta.IterativeClassifierOptimizer -F 3 -L 10"
        + " -W " + MLP + " -- -hidden 8 -lr 0.01 -epochs 60",
    // one against one predicts through a header whose class labels are renamed class0/class1
    "weka.classifiers.meta.MultiClassClassifier -M 3"
        + " -W " + MLP + " -- -hidden 8 -lr 0.01 -epochs 40"
  })
  void learnsIrisInsideAMetaClassifier(String commandLine) throws Exception {
    Instances iris = TestData.load("iris");
    Classifier meta = fromCommandLine(commandLine);

    Evaluation eval = crossValidate(meta, iris);
    assertTrue(eval.pctCorrect() >= 85,
        commandLine + ": 3-fold CV accuracy " + eval.pctCorrect() + "%");

    // The meta-classifier's own options rebuild it exactly, nested BackpropMLP options included,
    // and training is deterministic.
    String[] options = ((OptionHandler) meta).getOptions();
    Classifier again = AbstractClassifier.forName(meta.getClass().getName(), options.clone());
    assertEquals(Utils.joinOptions(options),
        Utils.joinOptions(((OptionHandler) again).getOptions()));
    Evaluation eval2 = crossValidate(again, iris);
    assertEquals(eval.pctCorrect(), eval2.pctCorrect(), 0, Utils.joinOptions(options));
    assertArrayEquals(eval.confusionMatrix(), eval2.confusionMatrix(), Utils.joinOptions(options));
  }

  @Test
  void cvParameterSelectionPicksAnEpochCountFromTheGrid() throws Exception {
    CVParameterSelection cv = (CVParameterSelection) fromCommandLine(
        "weka.classifiers.meta.CVParameterSelection -X 3 -S 1 -P \"epochs 10 40 4\""
            + " -W " + MLP + " -- -hidden 8 -lr 0.01");
    cv.buildClassifier(TestData.load("iris"));
    String[] best = cv.getBestClassifierOptions();
    int epochs = Integer.parseInt(Utils.getOption("epochs", best.clone()));
    assertTrue(Arrays.asList(10, 20, 30, 40).contains(epochs), Utils.joinOptions(best));
    assertEquals(epochs, ((BackpropMLP) cv.getClassifier()).getMaxEpochs());
    assertEquals("8", ((BackpropMLP) cv.getClassifier()).getHiddenLayers());
  }

  private static Classifier fromCommandLine(String commandLine) throws Exception {
    String[] parts = Utils.splitOptions(commandLine);
    return AbstractClassifier.forName(parts[0], Arrays.copyOfRange(parts, 1, parts.length));
  }

  private static Evaluation crossValidate(Classifier classifier, Instances data)
      throws Exception {
    Evaluation eval = new Evaluation(data);
    eval.crossValidateModel(classifier, data, 3, new Random(1));
    return eval;
  }
}
