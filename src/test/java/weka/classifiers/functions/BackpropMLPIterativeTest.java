package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.backpropmlp.ModelView;
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
    assertEquals(7, iterations, "true on every call that ran an epoch, the last one included");
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

  /**
   * The optimizer scores every epoch run, the last one included: while the error still falls it
   * chooses the whole budget (it had stopped at the budget less one, as next() answered false on
   * the call that ran the last epoch).
   */
  @Test
  void iterativeClassifierOptimizerCanChooseTheLastEpoch() throws Exception {
    Instances data = TestData.load("iris");
    IterativeClassifierOptimizer ico = new IterativeClassifierOptimizer();
    ico.setOptions(new String[] {"-L", "50", "-F", "3", "-metric", "rmse", "-W",
        BackpropMLP.class.getName(), "--", "-epochs", "3", "-l2", "0", "-hidden", "0",
        "-schedule", "CONSTANT", "-threads", "1"});
    ico.buildClassifier(data);
    assertTrue(ico.toString().contains("Best number of iterations found: 3"), ico.toString());
  }

  /**
   * A build on an empty header starts a stream even with -resume (it had gone on training the
   * previous build's rows and said so); measure names are taken in any case, as J48 takes them.
   */
  @Test
  void resumeOnAnEmptyHeaderStartsAStreamAndMeasuresTakeAnyCase() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "4", "-resume"});
    m.buildClassifier(iris);
    assertEquals(4, m.getMeasure("MEASUREEPOCHSRUN"), 0.0);
    m.buildClassifier(new Instances(iris, 0));
    assertEquals(0, m.getMeasure("measureEpochsRun"), 0.0);
    assertTrue(m.toString().contains("No training step has run yet"), m.toString());
  }

  /**
   * With a validation holdout, 10 epochs and 10 resumed are the 20 of one run, curve and model
   * (the resumed epochs had started from the best epoch's weights that done() puts back).
   */
  @Test
  void resumeWithAHoldoutGoesOnFromTheLastEpoch() throws Exception {
    Instances data = TestData.load("diabetes");
    String common = "-threads 1 -schedule CONSTANT -l2 0 -validation 30 -patience 100 -lr 0.05";
    BackpropMLP resumed = new BackpropMLP();
    resumed.setOptions(weka.core.Utils.splitOptions(common + " -epochs 10 -resume"));
    resumed.buildClassifier(data);
    TestData.continueTraining(resumed, data);
    BackpropMLP straight = new BackpropMLP();
    straight.setOptions(weka.core.Utils.splitOptions(common + " -epochs 20"));
    straight.buildClassifier(data);
    assertEquals(20, resumed.getModelView().epochs());
    for (int e = 0; e < 20; e++) {
      assertEquals(straight.getModelView().trainLoss(e), resumed.getModelView().trainLoss(e), 0.0,
          "epoch " + (e + 1));
    }
    assertArrayEquals(straight.getModelView().parameters(), resumed.getModelView().parameters(),
        0.0);
  }

  /**
   * A decaying schedule restarts over the resumed epochs (a warm restart): epochs 11-20 of 10 +
   * 10 get the rates of epochs 1-10, and a warm-up is not repeated. Stretched over 20 epochs
   * instead, the cosine had ended the first build near 0 and jumped to half the base rate at
   * epoch 11.
   */
  @ParameterizedTest
  @ValueSource(strings = {"COSINE", "STEP", "EXPONENTIAL"})
  void aResumedRunRestartsADecayingSchedule(String schedule) throws Exception {
    Instances data = TestData.load("iris");
    for (int warmup : new int[] {0, 2}) {
      BackpropMLP m = new BackpropMLP();
      m.setOptions(weka.core.Utils.splitOptions("-epochs 10 -resume -threads 1 -l2 0.01"
          + " -lr 0.01 -warmup " + warmup + " -schedule " + schedule));
      m.buildClassifier(data);
      TestData.continueTraining(m, data);
      ModelView v = m.getModelView();
      assertEquals(20, v.epochs());
      assertEquals(0.01, v.learningRate(10), 0.0, "the first resumed epoch, warm-up " + warmup);
      assertTrue(v.learningRate(9) < 0.01 && v.learningRate(19) < 0.01);
      for (int e = 0; e < 10 && warmup == 0; e++) {
        assertEquals(v.learningRate(e), v.learningRate(10 + e), 0.0, "epoch " + (11 + e));
      }
    }
  }

  /**
   * -resume continues the previous build on its rows only: on other rows (iris relabelled)
   * initializeClassifier trains afresh and the description says why (they had been ignored
   * without a word, then refused, which broke Weka's meta-learners: they copy a trained model,
   * training state and all, and initialize the copies on their folds); the same rows shuffled,
   * stored sparse, or with an unlabelled row more continue it.
   */
  @Test
  void resumeOnOtherRowsTrainsAfreshAndSaysWhy() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setOptions(weka.core.Utils.splitOptions("-epochs 3 -resume -threads 1 -l2 0.01"));
    m.buildClassifier(iris);
    Instances relabelled = new Instances(iris);
    for (int i = 0; i < relabelled.numInstances(); i++) {
      relabelled.instance(i).setClassValue((relabelled.instance(i).classValue() + 1) % 3);
    }
    BackpropMLP other = (BackpropMLP) new weka.core.SerializedObject(m).getObject();
    TestData.continueTraining(other, relabelled);
    assertEquals(3, other.getModelView().epochs(), "afresh");
    assertTrue(other.toString().contains("Trained afresh, though -resume asked to continue: these"
        + " 150 rows are not the 150 the training ran on."), other.toString());
    Instances shuffled = new Instances(iris);
    shuffled.randomize(new java.util.Random(7));
    TestData.continueTraining(m, shuffled);
    weka.filters.unsupervised.instance.NonSparseToSparse toSparse =
        new weka.filters.unsupervised.instance.NonSparseToSparse();
    toSparse.setInputFormat(iris);
    Instances sparse = weka.filters.Filter.useFilter(iris, toSparse);
    sparse.add((weka.core.Instance) sparse.instance(0).copy());
    sparse.lastInstance().setClassMissing();
    TestData.continueTraining(m, sparse);
    assertEquals(9, m.getModelView().epochs(), "3 + 3 + 3");
    assertFalse(m.toString().contains("Trained afresh"), m.toString());

    BackpropMLP streamed = TestData.streamed(iris, "-resume", "-reservoir", "100", "-epochs", "2");
    TestData.continueTraining(streamed, iris);
    assertTrue(streamed.toString().contains("Trained afresh, though -resume asked to continue: no"
        + " training state was kept"), streamed.toString());
  }

  /**
   * A trained IterativeClassifierOptimizer around a BackpropMLP with -resume can be
   * cross-validated: the copies carry the training state, and its folds initialize them on
   * other rows, which trains afresh (a refusal had ended the cross-validation).
   */
  @Test
  void aTrainedOptimizerAroundAResumableModelCanBeCrossValidated() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setOptions(weka.core.Utils.splitOptions("-epochs 4 -resume -threads 1 -l2 0.01"));
    IterativeClassifierOptimizer ico = new IterativeClassifierOptimizer();
    ico.setIterativeClassifier(m);
    ico.setNumFolds(2);
    ico.buildClassifier(iris);
    Evaluation eval = new Evaluation(iris);
    eval.crossValidateModel(ico, iris, 3, new java.util.Random(1));
    assertTrue(eval.pctCorrect() > 80, eval.toSummaryString());
  }

  /**
   * -resume continues through the IterativeClassifier calls (as the Explorer's "Continue
   * iterating" makes them), bit for bit the epochs of one longer run; a build always trains
   * afresh, as Weka's LogitBoost does, so meta-learners that build one instance on fold after
   * fold work with it (MultiScheme and CVParameterSelection had refused the second fold's rows,
   * and a second build had gone on with the first build's options whatever was set since).
   */
  @Test
  void resumeContinuesFromTheCurrentWeightsAndABuildStartsAfresh() throws Exception {
    Instances data = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "5", "-resume", "-threads", "1", "-schedule", "CONSTANT",
        "-l2", "0.01"});
    m.buildClassifier(data);
    TestData.continueTraining(m, data);
    assertEquals(10, m.getModelView().epochs(), "continued for 5 more");

    BackpropMLP straight = new BackpropMLP();
    straight.setOptions(new String[] {"-epochs", "10", "-threads", "1", "-schedule", "CONSTANT",
        "-l2", "0.01"});
    straight.buildClassifier(data);
    assertArrayEquals(straight.getModelView().parameters(), m.getModelView().parameters(), 0.0,
        "5 + 5 resumed epochs = 10 epochs in one go");

    m.setOptions(new String[] {"-epochs", "10", "-resume", "-threads", "1", "-schedule",
        "CONSTANT", "-l2", "0.01"});
    m.buildClassifier(new Instances(data, 0, 100));
    m.buildClassifier(data);
    assertArrayEquals(straight.getModelView().parameters(), m.getModelView().parameters(), 0.0,
        "a build on other rows, then one afresh on these");

    weka.classifiers.meta.CVParameterSelection search =
        new weka.classifiers.meta.CVParameterSelection();
    search.setClassifier(m);
    search.setNumFolds(3);
    search.addCVParameter("epochs 2 4 2");
    search.buildClassifier(data);
    assertTrue(search.toString().contains("BackpropMLP"), search.toString());
  }

  /**
   * The training state of -resume travels with the model, as Weka's IterativeClassifier asks
   * ("this can make serialized models larger"): the Explorer keeps a serialized copy of every
   * run's model, and its "Continue iterating" on that copy had trained a new network from
   * scratch without a word. A copy, or a model saved and read back, continues bit for bit as the
   * original does, dense or sparse, with a holdout, dropout, momentum or two threads; and a
   * model saved without -resume stays as small as before.
   */
  @ParameterizedTest
  @ValueSource(strings = {"iris|-threads 1", "diabetes|-optimizer SGD -nesterov -validation 20",
      "iris|-optimizer RMSPROP -dropout 0.3 -threads 2", "sparse|-hidden 8 -threads 1",
      "diabetes|-l2 0.01 -optimizer ADAGRAD -clip 1 -mini-batch 50", "lazy|-threads 2"})
  void resumeStateTravelsWithACopyOfTheModel(String setAndOptions) throws Exception {
    String[] parts = setAndOptions.split("\\|");
    if (parts[0].equals("lazy")) { // rows encoded as mini-batches draw them (InstanceRowSource)
      System.setProperty(weka.classifiers.functions.backpropmlp.InputCopy.PROPERTY, "lazy");
      try {
        resumeStateTravelsWithACopyOfTheModel("segment-challenge|" + parts[1]);
      } finally {
        System.clearProperty(weka.classifiers.functions.backpropmlp.InputCopy.PROPERTY);
      }
      return;
    }
    Instances data = parts[0].equals("sparse")
        ? weka.classifiers.functions.backpropmlp.SparseTestData.bow() : TestData.load(parts[0]);
    BackpropMLP original = new BackpropMLP();
    original.setOptions(weka.core.Utils.splitOptions("-epochs 3 -resume " + parts[1]));
    original.buildClassifier(data);
    BackpropMLP copy = (BackpropMLP) new weka.core.SerializedObject(original).getObject();
    TestData.continueTraining(original, data);
    TestData.continueTraining(copy, data);
    assertEquals(original.getModelView().epochs(), copy.getModelView().epochs(), "continued");
    assertTrue(copy.getModelView().epochs() > 3 || parts[1].contains("validation"));
    assertArrayEquals(original.getModelView().parameters(), copy.getModelView().parameters(), 0.0);
    assertEquals(original.toString(), copy.toString());

    original.setResume(false);
    original.buildClassifier(data);
    int without = serializedSize(original);
    BackpropMLP plain = new BackpropMLP();
    plain.setOptions(weka.core.Utils.splitOptions("-epochs 3 " + parts[1]));
    plain.buildClassifier(data);
    assertEquals(serializedSize(plain), without, "no training state without -resume");
  }

  private static int serializedSize(Object o) throws Exception {
    return TestData.serialized(o).length;
  }

  /**
   * Before its first epoch (after {@code initializeClassifier}, before {@code next()}, where
   * Weka's IterativeClassifierOptimizer scores iteration 0) a model predicts what ZeroR does on
   * the training data, not the outputs of its random weights: cpu had been predicted at -925.7
   * for a class of 6 to 1,150 (RMSE 415.8 against ZeroR's 160.4). The description says so.
   */
  @ParameterizedTest
  @ValueSource(strings = {"diabetes", "iris", "cpu"})
  void beforeItsFirstEpochAModelPredictsWhatZeroRDoes(String set) throws Exception {
    Instances data = TestData.load(set);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(weka.core.Utils.splitOptions("-l2 0.01 -threads 1"));
    m.initializeClassifier(data);
    weka.classifiers.rules.ZeroR zeroR = new weka.classifiers.rules.ZeroR();
    zeroR.buildClassifier(data);
    for (int i = 0; i < data.numInstances(); i += 17) {
      assertArrayEquals(zeroR.distributionForInstance(data.instance(i)),
          m.distributionForInstance(data.instance(i)), 1e-9);
    }
    assertTrue(m.toString().contains("No epoch has run yet"), m.toString());
    m.next();
    assertFalse(m.toString().contains("No epoch has run yet"), m.toString());
    double[] zero = zeroR.distributionForInstance(data.instance(0));
    double[] one = m.distributionForInstance(data.instance(0));
    assertFalse(java.util.Arrays.equals(zero, one), "one epoch trained the network");
  }
}
