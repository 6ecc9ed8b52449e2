package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A build: the fallback for data without inputs, the refusal of data without a class value, a
 * fixed λ₂ or one chosen among candidates, the final training run alongside the candidates
 * giving the very model that training after the selection gives, and from 1,000 rows the final
 * training continuing from the chosen candidate.
 */
class BatchBuildTest {

  private static BackpropMLP options(String l2, int threads) {
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("6");
    o.setMaxEpochs(15);
    o.setL2(l2);
    o.setThreads(threads);
    return o;
  }

  private static void runAll(TrainingSession s) throws InterruptedException {
    while (s.hasEpochsToRun()) {
      s.runEpoch();
    }
    s.finishEpochs(false);
  }

  @Test
  void aFixedPenaltyTrainsWithItAndLeavesTheEpochsToTheCaller() throws Exception {
    Instances iris = TestData.load("iris");
    TrainingSession s = BatchBuild.fit(options("0.01", 1), iris, true);
    FittedModel m = s.model();
    assertNull(m.selection());
    assertEquals(0.01, m.trainedL2());
    assertEquals(150, m.stepRows());
    assertEquals(150, m.rowsSinceAggregation());
    assertEquals(0, m.history().epochs());
    assertTrue(s.hasEpochsToRun());
    runAll(s);
    assertEquals(15, m.history().epochs());
  }

  @Test
  void candidatesAreSelectedAndTheSpeculativeRunGivesTheSameModel() throws Exception {
    Instances iris = TestData.load("iris");
    String l2 = "0.0001,0.01";
    // all epochs at once, on two threads: the final run may train alongside the candidates
    // (400 units: a build too large for one lane, PenaltySelection.oneLaneWorthIt)
    BackpropMLP wide = options(l2, 2);
    wide.setHiddenLayers("400");
    TrainingSession whole = BatchBuild.fit(wide, iris, true);
    // epoch by epoch: the final run trains after the selection
    TrainingSession stepped = BatchBuild.fit(wide, iris, false);
    assertTrue(stepped.hasEpochsToRun());
    PenaltySelection sel = whole.model().selection();
    assertEquals(0.01, sel.speculated(), "the strongest candidate trained alongside");
    assertEquals(0.01, sel.chosen(), "and was chosen (iris)");
    assertFalse(whole.hasEpochsToRun(), "so its epochs have run already");
    runAll(whole);
    runAll(stepped);
    assertNotNull(stepped.model().selection());
    assertEquals(sel.chosen(), whole.model().trainedL2());
    assertEquals(sel.chosen(), stepped.model().trainedL2());
    assertArrayEquals(stepped.model().network().parameters(),
        whole.model().network().parameters(), 0.0);
    assertEquals(stepped.model().history().epochs(), whole.model().history().epochs());
  }

  @Test
  void candidatesTrainForAShareOfTheEpochsAndTheFinalModelForAllOfThem() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP o = options("0.0001,0.001,0.01", 1);
    o.setMaxEpochs(20);
    o.setPatience(100); // no early stop: every run shows its whole epoch budget
    TrainingSession s = BatchBuild.fit(o, iris, true);
    runAll(s);
    // 30 % of 20 epochs for each candidate (AutoSettings.selectionEpochs), all 20 for the model;
    // the weakest is not trained: 0.001 did not beat 0.01's holdout error (the path's end)
    assertArrayEquals(new int[] {0, 6, 6}, s.model().selection().epochs());
    assertTrue(Double.isNaN(s.model().selection().errors()[0]));
    assertEquals(20, s.model().history().epochs());
  }

  @Test
  void onLargeDataTheCandidatesGetFewerEpochsAndTheFinalModelAllOfThem() throws Exception {
    Instances large = irisCopies(140);
    BackpropMLP o = options("0.0001,0.001,0.01", 1);
    o.setMaxEpochs(10);
    o.setPatience(100);
    TrainingSession s = BatchBuild.fit(o, large, true);
    runAll(s);
    // 21,000 rows, 16,800 of them per candidate: 3 epochs (30 % of 10) × 10,000 / 16,800
    // = 1.8, rounded up (AutoSettings.selectionEpochs(int, int))
    // (the weakest past the path's end, as above)
    assertArrayEquals(new int[] {0, 2, 2}, s.model().selection().epochs());
    assertEquals(10, s.model().history().epochs());
  }

  /** Iris repeated {@code copies} times. */
  private static Instances irisCopies(int copies) throws Exception {
    Instances iris = TestData.load("iris");
    Instances large = new Instances(iris, iris.numInstances() * copies);
    for (int copy = 0; copy < copies; copy++) {
      for (Instance row : iris) {
        large.add((Instance) row.copy());
      }
    }
    return large;
  }

  @Test
  void onAThousandRowsTheFinalTrainingContinuesFromTheChosenCandidate() throws Exception {
    Instances rows = irisCopies(7); // 1,050 rows (AutoSettings.continuedEpochs)
    BackpropMLP o = options("0.0001,0.001,0.01", 2);
    o.setMaxEpochs(10);
    o.setPatience(100);
    TrainingSession whole = BatchBuild.fit(o, rows, true);
    runAll(whole);
    PenaltySelection sel = whole.model().selection();
    assertTrue(sel.continued());
    assertEquals(7, whole.model().history().epochs(), "10 less the candidates' 3");
    assertTrue(ModelSummary.describeSelection(sel, true, 4).contains("continued from the chosen"));
    assertTrue(ModelSummary.of(o, whole.model(), Double.NaN)
        .contains("Epochs run: 7 (on from the chosen L2 candidate's network"));
    // no speculative run beside the candidates then: epoch by epoch on one thread, the same bits
    o.setThreads(1);
    TrainingSession stepped = BatchBuild.fit(o, rows, false);
    runAll(stepped);
    assertTrue(stepped.model().selection().continued());
    assertArrayEquals(whole.model().network().parameters(),
        stepped.model().network().parameters(), 0.0);
    // with validation rows of its own the final training starts afresh for all its epochs
    o.setValidationPercent(10);
    TrainingSession validated = BatchBuild.fit(o, rows, true);
    runAll(validated);
    assertFalse(validated.model().selection().continued());
    assertEquals(10, validated.model().history().epochs());
    // as it does below 1,000 rows
    o.setValidationPercent(0);
    TrainingSession small = BatchBuild.fit(o, irisCopies(6), true);
    runAll(small);
    assertFalse(small.model().selection().continued());
    assertEquals(10, small.model().history().epochs());
  }

  @Test
  void candidatesStopEarlyWithTheShortenedPatience() throws Exception {
    // glass's holdout loss is lowest within the candidates' first epochs (doc/defaults.md)
    Instances glass = TestData.load("glass");
    BackpropMLP defaults = new BackpropMLP(); // 100 epochs, patience 20, three candidates
    defaults.setThreads(1);
    TrainingSession s = BatchBuild.fit(defaults, glass, false);
    int[] epochs = s.model().selection().epochs();
    int patience = AutoSettings.selectionPatience(20);
    boolean before = false;
    for (int e : epochs) {
      assertTrue(e > patience && e <= AutoSettings.selectionEpochs(100), "epochs " + e);
      // under the final training's patience of 20 an early stop comes after epoch 20 at least
      before |= e <= 20;
    }
    assertTrue(before, "a candidate stopped after a plateau shorter than 20 epochs: "
        + Arrays.toString(epochs));
  }

  @Test
  void dataWithoutInputsFallBackToTheClassDistribution() throws Exception {
    Instances iris = TestData.load("iris");
    for (int a = iris.numAttributes() - 2; a >= 0; a--) {
      iris.deleteAttributeAt(a);
    }
    TrainingSession s = BatchBuild.fit(options("0.01", 1), iris, true);
    assertTrue(s.model().isFallback());
    assertFalse(s.hasEpochsToRun());
    assertEquals(1, s.model().header().numAttributes());
    assertTrue(Double.isNaN(s.model().trainedL2()));
  }

  @Test
  void dataWithoutAKnownClassValueIsRefused() throws Exception {
    Instances iris = TestData.load("iris");
    for (Instance i : iris) {
      i.setClassMissing();
    }
    Exception e = assertThrows(weka.core.WekaException.class,
        () -> BatchBuild.fit(options("0.01", 1), iris, true));
    assertTrue(e.getMessage().startsWith("no training instance has a value for the class"
        + " attribute 'class' (all 150 training instances lack it): BackpropMLP needs labelled"
        + " rows;"), e.getMessage());
    assertTrue(e.getMessage().contains("no training instances with a known class value"),
        e.getMessage());
  }
}
