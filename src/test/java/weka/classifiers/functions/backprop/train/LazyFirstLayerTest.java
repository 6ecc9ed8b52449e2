package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * The lazy first-layer update ({@link LazyFirstLayer}): the eager step's bits when every column
 * is in every batch, untouched columns' weights left alone otherwise, the same bits on 1 and 2
 * threads, and training that still learns.
 */
class LazyFirstLayerTest {

  private static TrainerConfig.Builder config(OptimizerType opt, double l2) {
    return TrainerConfig.builder().epochs(4).miniBatch(16).learningRate(0.01).optimizer(opt)
        .l2(l2).dropout(0.2).validationFraction(0.2).seed(3).threads(1);
  }

  @ParameterizedTest(name = "{0}, l2 {1}")
  @CsvSource({"ADAM, 0.01", "SGD, 0.001", "RMSPROP, 0", "ADAGRAD, 0.01", "ADAMW, 0.01"})
  void everyColumnInEveryBatchGivesTheEagerBits(OptimizerType opt, double l2) throws Exception {
    // density 1: every row but row 0 holds every column, so every batch touches all of them
    Dataset sparse = SparseTrainerTest.denseAndSparse(100, 40, 1.0, 9)[1];
    Trainer eager = SparseTrainerTest.train(sparse, "8", config(opt, l2).build());
    Trainer lazy =
        SparseTrainerTest.train(sparse, "8", config(opt, l2).lazyFirstLayer(true).build());
    assertArrayEquals(eager.network().parameters(), lazy.network().parameters());
  }

  @Test
  void absentColumnsKeepTheirWeightsAndPresentOnesMove() {
    Network net = SparseTrainerTest.network(10, "4");
    TrainerConfig cfg =
        config(OptimizerType.ADAM, 0.01).dropout(0).lazyFirstLayer(true).build();
    GradientStep step = new GradientStep(net, cfg, 2, 10);
    Workspace ws = step.workspace();
    SparseRows batch = ws.sparseInput();
    batch.appendRow(new int[] {1, 3}, new double[] {1, 2}, 0, 2);
    batch.appendRow(new int[] {3}, new double[] {-1}, 0, 1);
    ws.targets()[0] = 1;
    ws.targets()[3 + 2] = 1;
    ws.weights()[0] = 1;
    ws.weights()[1] = 1;
    double[] before = net.parameters().clone();
    step.run(2, 0.01, null, 1);
    double[] after = net.parameters();
    int w0 = net.weightOffset(0);
    for (int u = 0; u < 4; u++) {
      for (int c = 0; c < 10; c++) {
        int i = w0 + u * 10 + c;
        if (c == 1 || c == 3) {
          assertNotEquals(before[i], after[i], "unit " + u + " column " + c + " moves");
        } else {
          assertEquals(before[i], after[i], 0.0, "unit " + u + " column " + c + " stays");
        }
      }
    }
    int b0 = net.biasOffset(0);
    int moved = 0;
    for (int u = 0; u < 4; u++) { // a unit inactive on both rows has no bias gradient
      moved += before[b0 + u] != after[b0 + u] ? 1 : 0;
    }
    assertTrue(moved > 0, "the biases update as always");
    // a second step on other columns: the first step's gradient entries were cleared
    batch.clear();
    batch.appendRow(new int[] {7}, new double[] {1}, 0, 1);
    batch.appendRow(new int[] {8}, new double[] {1}, 0, 1);
    double[] mid = net.parameters().clone();
    step.run(2, 0.01, null, 1);
    for (int u = 0; u < 4; u++) {
      for (int c : new int[] {1, 3}) {
        int i = w0 + u * 10 + c;
        assertEquals(mid[i], after[i], 0.0, "column " + c + " absent from the second batch");
      }
    }
  }

  /**
   * A ReLU unit that never fires, trained lazily with Adam and L2 on batches that always touch
   * columns 1 and 3: those columns' weights into it decay under the penalty alone and end at
   * exactly zero (the step's flush of negligible values reaches the touched weights) without
   * passing through subnormal numbers; the untouched columns' weights never move.
   */
  @Test
  void touchedWeightsOfADeadUnitEndAtZeroWithoutSubnormals() {
    int dead = 1;
    Network net = TrainerTest.withDeadUnit(10, 4, 2, dead);
    double[] p = net.parameters();
    GradientStep step = new GradientStep(net, TrainerConfig.builder().learningRate(0.003)
        .optimizer(OptimizerType.ADAM).l2(1e-4).dropout(0).lazyFirstLayer(true).build(), 2, 10);
    Workspace ws = step.workspace();
    ws.sparseInput().appendRow(new int[] {1, 3}, new double[] {1, 2}, 0, 2);
    ws.sparseInput().appendRow(new int[] {3}, new double[] {-1}, 0, 1);
    ws.targets()[0] = 1;
    ws.targets()[2 + 1] = 1;
    ws.weights()[0] = 1;
    ws.weights()[1] = 1;
    double[] before = p.clone();
    for (int t = 1; t <= 20_000; t++) {
      step.run(2, 0.003, null, 1);
      TrainerTest.assertNoSubnormal(p, "at step " + t);
    }
    int w0 = net.weightOffset(0) + dead * 10;
    for (int c = 0; c < 10; c++) {
      assertEquals(c == 1 || c == 3 ? 0.0 : before[w0 + c], p[w0 + c], "column " + c);
    }
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() throws Exception {
    Dataset sparse = SparseTrainerTest.denseAndSparse(300, 2000, 0.01, 5)[1];
    TrainerConfig.Builder b = TrainerConfig.builder().epochs(3).miniBatch(64).learningRate(0.01)
        .dropout(0.2).validationFraction(0.1).seed(4).l2(0.001).clipNorm(1)
        .lazyFirstLayer(true);
    Trainer one = SparseTrainerTest.train(sparse, "64", b.threads(1).build());
    Trainer two = SparseTrainerTest.train(sparse, "64", b.threads(2).build());
    assertArrayEquals(one.network().parameters(), two.network().parameters());
  }

  @Test
  void lazyTrainingStillLearns() throws Exception {
    Dataset sparse = SparseTrainerTest.denseAndSparse(400, 1000, 0.02, 11)[1];
    TrainerConfig.Builder b = TrainerConfig.builder().epochs(15).miniBatch(16)
        .learningRate(0.01).l2(0.001).validationFraction(0.2).seed(2).threads(1);
    Trainer eager = SparseTrainerTest.train(sparse, "16", b.build());
    Trainer lazy = SparseTrainerTest.train(sparse, "16", b.lazyFirstLayer(true).build());
    double first = lazy.history().trainLoss(0);
    double last = lazy.history().trainLoss(lazy.history().epochs() - 1);
    assertTrue(last < 0.5 * first, "lazy training loss " + first + " -> " + last);
    assertTrue(lazy.bestValidationLoss() < 1.25 * eager.bestValidationLoss(),
        "validation loss lazy " + lazy.bestValidationLoss() + ", eager "
            + eager.bestValidationLoss());
  }
}
