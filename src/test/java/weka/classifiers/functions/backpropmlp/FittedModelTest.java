package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.rules.ZeroR;
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

  @Test
  void survivesJavaSerialization() throws Exception {
    FittedModel m = built();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    FittedModel read;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      read = (FittedModel) in.readObject();
    }
    assertArrayEquals(m.network().parameters(), read.network().parameters(), 0.0);
    assertEquals(m.history().epochs(), read.history().epochs());
    assertEquals(m.trainedL2(), read.trainedL2());
    assertEquals(m.rowsSinceAggregation(), read.rowsSinceAggregation());
    Instances iris = TestData.load("iris");
    assertArrayEquals(BatchPrediction.distribution(m, iris.instance(7)),
        BatchPrediction.distribution(read, iris.instance(7)), 0.0);
  }
}
