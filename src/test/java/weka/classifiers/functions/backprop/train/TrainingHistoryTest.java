package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.TestData;

/**
 * {@link TrainingHistory}: every value recorded for an epoch (training loss, validation loss
 * and metric, learning rate, one gradient norm per weight layer) is read back for that epoch,
 * also after the history has grown far past its initial capacity; before any epoch the summaries
 * are NaN; the best epoch is the last one unless the trainer marks another, and the best
 * validation loss is that epoch's; without a holdout the validation values stay NaN; the norms
 * are copied on record; a history planned for its epochs records them without allocating; the
 * history survives Java serialization.
 */
class TrainingHistoryTest {

  /** Epoch e of the synthetic run: distinct values that identify e and the layer. */
  private static void recordEpoch(TrainingHistory h, int e) {
    double[] norms = new double[h.layers()];
    for (int l = 0; l < norms.length; l++) {
      norms[l] = 10 * e + l;
    }
    h.record(1.0 / (e + 1), 2.0 / (e + 1), 0.5 + e / 1000.0, 0.01 * (e + 1), norms);
  }

  private static void assertEpoch(TrainingHistory h, int e) {
    assertEquals(1.0 / (e + 1), h.trainLoss(e), 0.0, "train loss " + e);
    assertEquals(2.0 / (e + 1), h.validationLoss(e), 0.0, "validation loss " + e);
    assertEquals(0.5 + e / 1000.0, h.validationMetric(e), 0.0, "metric " + e);
    assertEquals(0.01 * (e + 1), h.learningRate(e), 0.0, "learning rate " + e);
    for (int l = 0; l < h.layers(); l++) {
      assertEquals(10 * e + l, h.gradientNorm(e, l), 0.0, "norm " + e + ", " + l);
    }
  }

  @Test
  void anEmptyHistoryHasNoSummaries() {
    TrainingHistory h = new TrainingHistory(3);
    assertEquals(0, h.epochs());
    assertEquals(3, h.layers());
    assertEquals(-1, h.bestEpoch());
    assertTrue(Double.isNaN(h.finalTrainLoss()));
    assertTrue(Double.isNaN(h.bestValidationLoss()));
  }

  @Test
  void recordsEachEpochAndReadsItBack() {
    TrainingHistory h = new TrainingHistory(2);
    h.record(0.9, 0.8, 0.6, 0.1, new double[] {1e-3, 2e-3});
    h.record(0.5, 0.7, 0.7, 0.05, new double[] {4e-3, 5e-3});
    h.record(0.3, 0.75, 0.65, 0.025, new double[] {6e-3, 7e-3});
    assertEquals(3, h.epochs());
    assertEquals(0.9, h.trainLoss(0));
    assertEquals(0.7, h.validationLoss(1));
    assertEquals(0.65, h.validationMetric(2));
    assertEquals(0.05, h.learningRate(1));
    assertEquals(1e-3, h.gradientNorm(0, 0));
    assertEquals(2e-3, h.gradientNorm(0, 1));
    assertEquals(5e-3, h.gradientNorm(1, 1));
    assertEquals(6e-3, h.gradientNorm(2, 0));
    // without a marked best epoch, the last one counts
    assertEquals(2, h.bestEpoch());
    assertEquals(0.75, h.bestValidationLoss());
    assertEquals(0.3, h.finalTrainLoss());

    h.setBestEpoch(1);
    assertEquals(1, h.bestEpoch());
    assertEquals(0.7, h.bestValidationLoss());
    assertEquals(0.3, h.finalTrainLoss(), "the final loss is still the last epoch's");
    h.record(0.2, 0.9, 0.6, 0.01, new double[] {0, 0});
    assertEquals(1, h.bestEpoch(), "a later epoch is not best until marked");
    assertEquals(0.2, h.finalTrainLoss());
  }

  @ParameterizedTest(name = "{0} weight layers")
  @ValueSource(ints = {1, 3, 7})
  void growsPastItsInitialCapacityKeepingEveryEpoch(int layers) {
    TrainingHistory h = new TrainingHistory(layers);
    int epochs = 1000; // several doublings
    for (int e = 0; e < epochs; e++) {
      recordEpoch(h, e);
    }
    assertEquals(epochs, h.epochs());
    for (int e = 0; e < epochs; e++) {
      assertEpoch(h, e);
    }
    assertEquals(epochs - 1, h.bestEpoch());
    assertEquals(1.0 / epochs, h.finalTrainLoss(), 0.0);
  }

  /**
   * Room for the planned epochs is set aside up front: recording them allocates nothing (the
   * trainer records an epoch inside {@code next()}), where a history of the default room grows
   * its arrays; a planned history grows past its plan, and a plan of 0 still records.
   */
  @ParameterizedTest(name = "{0} epochs planned")
  @ValueSource(ints = {0, 1, 100})
  void plannedEpochsAreRecordedWithoutAllocating(int planned) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    TrainingHistory h = new TrainingHistory(2, planned);
    TrainingHistory unplanned = new TrainingHistory(2);
    double[] norms = {1, 2};
    long before = threads.getThreadAllocatedBytes(id);
    for (int e = 0; e < planned; e++) {
      h.record(1, 2, 3, 4, norms);
    }
    long planning = threads.getThreadAllocatedBytes(id) - before;
    before = threads.getThreadAllocatedBytes(id);
    for (int e = 0; e < 100; e++) {
      unplanned.record(1, 2, 3, 4, norms);
    }
    long growing = threads.getThreadAllocatedBytes(id) - before;
    assertTrue(planning < 64, planning + " bytes for " + planned + " planned epochs");
    assertTrue(growing > 1000, growing + " bytes growing to 100 epochs");
    for (int e = planned; e < planned + 40; e++) {
      recordEpoch(h, e);
    }
    assertEquals(planned + 40, h.epochs());
    assertEpoch(h, planned + 39);
  }

  @Test
  void withoutAHoldoutTheValidationValuesStayNaN() {
    TrainingHistory h = new TrainingHistory(2);
    for (int e = 0; e < 40; e++) {
      h.record(1.0 / (e + 1), Double.NaN, Double.NaN, 0.1, new double[] {e, -e});
    }
    assertEquals(40, h.epochs());
    for (int e = 0; e < 40; e++) {
      assertTrue(Double.isNaN(h.validationLoss(e)));
      assertTrue(Double.isNaN(h.validationMetric(e)));
      assertEquals(-e, h.gradientNorm(e, 1), 0.0);
    }
    assertEquals(39, h.bestEpoch());
    assertTrue(Double.isNaN(h.bestValidationLoss()));
    assertEquals(1.0 / 40, h.finalTrainLoss(), 0.0);
  }

  @Test
  void recordCopiesTheNorms() {
    TrainingHistory h = new TrainingHistory(2);
    double[] norms = {1, 2};
    h.record(1, 1, 1, 1, norms);
    norms[0] = 99;
    h.record(1, 1, 1, 1, norms);
    assertEquals(1, h.gradientNorm(0, 0), 0.0);
    assertEquals(99, h.gradientNorm(1, 0), 0.0);
  }

  @Test
  void survivesSerialization() throws Exception {
    TrainingHistory h = new TrainingHistory(2);
    for (int e = 0; e < 20; e++) {
      recordEpoch(h, e);
    }
    h.setBestEpoch(7);
    TrainingHistory back = TestData.roundTrip(h);
    assertEquals(20, back.epochs());
    assertEquals(2, back.layers());
    assertEquals(7, back.bestEpoch());
    for (int e = 0; e < 20; e++) {
      assertEpoch(back, e);
    }
    recordEpoch(back, 20); // and keeps growing
    assertEpoch(back, 20);
  }
}
