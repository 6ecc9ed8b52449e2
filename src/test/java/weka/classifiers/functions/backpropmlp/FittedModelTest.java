package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.rules.ZeroR;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * What a trained model holds: the three kinds (built, from the header, fallback) with their
 * settings, the row counters of streaming and aggregation, the header check, and all of it
 * through Java serialization.
 */
class FittedModelTest {

  private static FittedModel built() throws Exception {
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("3");
    o.setMaxEpochs(2);
    o.setL2("0.001");
    TrainingSession s = BatchBuild.fit(o, TestData.load("iris"), true);
    while (s.hasEpochsToRun()) {
      s.runEpoch();
    }
    s.finishEpochs(false);
    return s.model();
  }

  @Test
  void aBuiltModelHoldsItsTrainingRecordAndSettings() throws Exception {
    FittedModel m = built();
    assertFalse(m.isFallback());
    assertTrue(m.nominalClass());
    assertEquals(0, m.header().numInstances());
    assertEquals(5, m.header().numAttributes());
    assertEquals("4-[3 RELU]-3 SOFTMAX + CROSS_ENTROPY", m.network().toString());
    assertEquals(2, m.history().epochs());
    assertEquals(0.001, m.trainedL2());
    assertEquals(150, m.stepRows());
    assertEquals(150, m.trainingRows());
    assertEquals(0, m.validationRows());
    assertNull(m.selection());
    assertEquals(150, m.rowsSinceAggregation());
    assertEquals(0, m.streamedRows());
  }

  @Test
  void theRowCountersFollowStreamingAndAggregation() throws Exception {
    FittedModel m = built();
    m.countStreamedRow();
    m.countStreamedRow();
    assertEquals(152, m.rowsSinceAggregation());
    assertEquals(2, m.streamedRows());
    m.addStreamedRows(10);
    assertEquals(12, m.streamedRows());
    m.resetRowsSinceAggregation();
    assertEquals(0, m.rowsSinceAggregation());
    assertEquals(12, m.streamedRows());
  }

  @Test
  void theOtherKindsOfModel() throws Exception {
    Instances iris = TestData.load("iris");
    FittedModel stream = StreamingSession.untrainedModel(new BackpropMLP(), iris);
    assertEquals(-1, stream.stepRows());
    assertNull(stream.history());
    assertTrue(stream.encoder().isStreaming());
    assertEquals(0.01, stream.trainedL2(), "the strongest default candidate");
    ZeroR prior = new ZeroR();
    prior.buildClassifier(iris);
    FittedModel fallback = FittedModel.fallback(new Instances(iris, 0), prior);
    assertTrue(fallback.isFallback());
    assertNull(fallback.network());
    assertTrue(Double.isNaN(fallback.trainedL2()));
  }

  @Test
  void dataWithAnotherHeaderAreRefused() throws Exception {
    FittedModel m = built();
    Instances iris = TestData.load("iris");
    m.checkHeader(iris, iris.numAttributes());
    m.checkHeader(null, 5);
    Exception e = assertThrows(IllegalArgumentException.class, () -> m.checkHeader(null, 4));
    assertTrue(e.getMessage().contains("has 4 attributes"), e.getMessage());
    Instances diabetes = TestData.load("diabetes");
    e = assertThrows(IllegalArgumentException.class,
        () -> m.checkHeader(diabetes, diabetes.numAttributes()));
    assertTrue(e.getMessage().contains("training header"), e.getMessage());
  }

  /**
   * Another number of attributes or class position is named in words, 1-based, the training
   * data's side last, for rows to predict and to train on alike.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "train on: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void anotherShapeIsNamedInWords(boolean train) throws Exception {
    FittedModel m = built();
    String start = "BackpropMLP: the data to " + (train ? "train on" : "predict")
        + " does not match the training header: ";
    Instances unset = TestData.load("iris");
    unset.setClassIndex(-1);
    assertShapeRefused(m, train, unset, start + "its class attribute is not set, the training"
        + " data's was attribute 5 ('class')");
    Instances first = TestData.load("iris");
    first.setClassIndex(0);
    assertShapeRefused(m, train, first, start + "its class is attribute 1 ('sepallength'), the"
        + " training data's was attribute 5 ('class')");
    Instances fewer = TestData.load("iris");
    fewer.setClassIndex(-1);
    fewer.deleteAttributeAt(0);
    fewer.setClassIndex(3);
    assertShapeRefused(m, train, fewer, start + "it has 4 attributes, the training data had 5");
  }

  private static void assertShapeRefused(FittedModel m, boolean train, Instances data,
      String message) {
    Exception e = assertThrows(IllegalArgumentException.class, () -> {
      if (train) {
        m.checkHeader(data, data.numAttributes());
      } else {
        m.checkPredictionHeader(data, data.numAttributes());
      }
    });
    assertEquals(message, e.getMessage());
  }

  /**
   * A prediction may come through a header whose class has other labels (MultiClassClassifier's
   * class0/class1), not rows to train on; and a header changed after it was checked, on the same
   * object, is checked again.
   */
  @Test
  void predictionsAcceptRenamedClassLabelsAndAChangedHeaderIsCheckedAgain() throws Exception {
    FittedModel m = built();
    Instances renamed = TestData.load("iris");
    renamed.renameAttributeValue(renamed.classAttribute(), "Iris-setosa", "class0");
    renamed.renameAttribute(renamed.classIndex(), "label");
    m.checkPredictionHeader(renamed, renamed.numAttributes());
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> m.checkHeader(renamed, renamed.numAttributes()));
    assertTrue(e.getMessage().startsWith("BackpropMLP: the data to train on does not match"),
        e.getMessage());

    Instances twoClasses = TestData.load("iris");
    twoClasses.setClassIndex(-1);
    twoClasses.replaceAttributeAt(new Attribute("class", List.of("a", "b")), 4);
    twoClasses.setClassIndex(4);
    e = assertThrows(IllegalArgumentException.class,
        () -> m.checkPredictionHeader(twoClasses, twoClasses.numAttributes()));
    assertTrue(e.getMessage().contains("number of values"), e.getMessage());

    Instances reordered = TestData.load("iris");
    reordered.setClassIndex(-1);
    reordered.replaceAttributeAt(new Attribute("class",
        List.of("Iris-versicolor", "Iris-setosa", "Iris-virginica")), 4);
    reordered.setClassIndex(4);
    e = assertThrows(IllegalArgumentException.class,
        () -> m.checkPredictionHeader(reordered, reordered.numAttributes()));
    assertTrue(e.getMessage().contains("the class label 'Iris-setosa' is value 2 of the data's"),
        e.getMessage());

    Instances renamedInput = TestData.load("iris");
    renamedInput.renameAttribute(0, "other");
    assertThrows(IllegalArgumentException.class,
        () -> m.checkPredictionHeader(renamedInput, renamedInput.numAttributes()));

    Instances same = TestData.load("iris");
    m.checkPredictionHeader(same, same.numAttributes());
    same.insertAttributeAt(new Attribute("extra"), 0);
    assertThrows(IllegalArgumentException.class,
        () -> m.checkPredictionHeader(same, same.numAttributes()));
    Instances moved = TestData.load("iris");
    m.checkPredictionHeader(moved, moved.numAttributes());
    moved.setClassIndex(0);
    assertThrows(IllegalArgumentException.class,
        () -> m.checkPredictionHeader(moved, moved.numAttributes()));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    FittedModel m = built();
    FittedModel read = TestData.roundTrip(m);
    assertArrayEquals(m.network().parameters(), read.network().parameters(), 0.0);
    assertEquals(m.history().epochs(), read.history().epochs());
    assertEquals(m.trainedL2(), read.trainedL2());
    assertEquals(m.rowsSinceAggregation(), read.rowsSinceAggregation());
    Instances iris = TestData.load("iris");
    assertArrayEquals(BatchPrediction.distribution(m, iris.instance(7)),
        BatchPrediction.distribution(read, iris.instance(7)), 0.0);
  }
}
