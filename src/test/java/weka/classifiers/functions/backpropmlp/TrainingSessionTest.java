package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instances;

/**
 * The training state between calls: epochs run one at a time, early stopping is recorded, a
 * kept run resumes for more epochs on the same header only, and without rows the row-by-row
 * calls do nothing.
 */
class TrainingSessionTest {

  private static BackpropMLP options(int epochs) {
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("4");
    o.setMaxEpochs(epochs);
    o.setL2("0.01");
    return o;
  }

  @Test
  void runsOneEpochAtATimeAndDropsTheRunWhenDone() throws Exception {
    TrainingSession s = BatchBuild.fit(options(3), TestData.load("iris"), false);
    FittedModel m = s.model();
    for (int e = 1; e <= 3; e++) {
      assertTrue(s.hasEpochsToRun());
      s.runEpoch();
      assertEquals(e, m.history().epochs());
    }
    assertFalse(s.hasEpochsToRun());
    s.finishEpochs(false);
    assertTrue(TrainingSession.resumeWith(s, TestData.load("iris"), 2, new String[0])
        .startsWith("no training state was kept"), "nothing kept to resume");
  }

  /**
   * The size a kept run is judged by before it is saved with its model (three times it must fit
   * the free heap) is within a factor of two of its serialized bytes, dense and sparse; without
   * a kept run nothing is saved.
   */
  @Test
  void aKeptRunsEstimatedSizeIsNearItsSerializedSize() throws Exception {
    for (Instances data : new Instances[] {TestData.load("diabetes"), SparseTestData.bow()}) {
      TrainingSession s = BatchBuild.fit(options(2), data, false);
      s.runEpoch();
      s.finishEpochs(true);
      int bytes = TestData.serialized(s.resumable()).length;
      double ratio = (double) bytes / s.stateBytes();
      assertTrue(ratio > 0.5 && ratio < 2, "serialized " + bytes + ", estimated "
          + s.stateBytes());
      s.finishEpochs(false);
      assertEquals(0, s.stateBytes());
      assertEquals(null, s.resumable());
    }
  }

  @Test
  void aKeptRunResumesOnTheSameHeaderOnly() throws Exception {
    Instances iris = TestData.load("iris");
    TrainingSession s = BatchBuild.fit(options(2), iris, false);
    s.runEpoch();
    s.runEpoch();
    s.finishEpochs(true);
    assertEquals("the data's attributes differ from the model's",
        TrainingSession.resumeWith(s, TestData.load("diabetes"), 3, new String[0]),
        "another header: afresh");
    assertEquals("", TrainingSession.resumeWith(s, iris, 3, s.model().trainedOptions()));
    int runs = 0;
    while (s.hasEpochsToRun()) {
      s.runEpoch();
      runs++;
    }
    assertEquals(3, runs);
    assertEquals(5, s.model().history().epochs());
  }

  @Test
  void earlyStoppingIsRecordedInTheModel() throws Exception {
    BackpropMLP o = options(500);
    o.setValidationPercent(30);
    o.setPatience(1);
    TrainingSession s = BatchBuild.fit(o, TestData.load("iris"), false);
    while (s.hasEpochsToRun()) {
      s.runEpoch();
    }
    assertTrue(s.model().stoppedEarly());
    assertTrue(s.model().history().epochs() < 500);
  }

  @Test
  void withoutRowsTheRowByRowCallsDoNothing() throws Exception {
    TrainingSession s = BatchBuild.fit(options(1), TestData.load("iris"), false);
    s.flushRows();
    assertSame(s, s.finishRows(false), "no stream, no new model");
    assertTrue(Double.isNaN(s.meanStreamLoss()));
    assertSame(s.rows(), s.rows(), "one row-by-row session, started on first use");
    assertSame(s.model(), TrainingSession.of(new BackpropMLP(), s.model()).model());
  }
}
