package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
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

  /**
   * Steps with the first layer stored by input ({@link GradientStep#enterEpochLayout}, as the
   * trainer's epochs on sparse rows run them) against the same steps row-major, and against
   * row-major steps that check the gradient before the update (row-by-row training's): the same
   * parameters to the bit without clipping, through a switch back to row-major and in again
   * (the optimizer's state moving both ways), with both penalties, on one and two threads, with
   * batches that list their columns by scanning and by sorting. By input the gradient norm is
   * summed by blocks of columns, so the per-layer norms agree to rounding, and with clipping
   * (whose factor is the norm's) so do the parameters.
   */
  @ParameterizedTest(name = "{0}, l1 {1}, clip {2}, {3} thread(s), hidden [{4}]")
  @CsvSource({
      "ADAM, 0, 0, 1, '24'", "ADAM, 0.001, 0.5, 2, '24'", "SGD, 0.001, 0, 2, '24'",
      "RMSPROP, 0, 0.5, 1, '24'", "ADAGRAD, 0, 0, 2, '24'", "ADAMW, 0.001, 0.5, 1, '24'",
      "ADAM, 0, 0, 2, ''", "SGD, 0, 0, 1, '9,5'"
  })
  void storingTheFirstLayerByInputGivesTheRowMajorBits(OptimizerType opt, double l1,
      double clip, int threads, String hidden) {
    Dataset data = SparseTrainerTest.denseAndSparse(120, 700, 0.03, 11)[1];
    TrainerConfig cfg = config(opt, 0.01).l1(l1).clipNorm(clip).lazyFirstLayer(true).build();
    int batch = 16;
    int nnz = data.sparseX().maxNonZeros(batch);
    Network byInputNet = SparseTrainerTest.network(700, hidden);
    Network rowMajorNet = SparseTrainerTest.network(700, hidden);
    Network checkedNet = SparseTrainerTest.network(700, hidden);
    GradientStep byInput = new GradientStep(byInputNet, cfg, batch, nnz, true);
    GradientStep rowMajor = new GradientStep(rowMajorNet, cfg, batch, nnz, true);
    GradientStep checked = new GradientStep(checkedNet, cfg, batch, nnz, false);
    int[] order = new int[120];
    for (int i = 0; i < order.length; i++) {
      order[i] = (i * 37) % order.length;
    }
    try (WorkerPool pool = threads > 1 ? new WorkerPool(threads) : null) {
      int at = 0;
      // by input for 6 steps, row-major for 3, by input again for 4 (of them 2 of one row,
      // whose few columns are sorted rather than scanned)
      int[][] phases = {{6, batch}, {3, batch}, {2, batch}, {2, 1}};
      for (int ph = 0; ph < phases.length; ph++) {
        boolean stored = ph != 1;
        if (stored) {
          byInput.enterEpochLayout();
          assertTrue(byInputNet.firstLayer().inInputMajorLayout());
        }
        for (int k = 0; k < phases[ph][0]; k++, at += phases[ph][1]) {
          for (GradientStep step : new GradientStep[] {byInput, rowMajor, checked}) {
            load(step, data, order, at % order.length, phases[ph][1]);
            step.run(phases[ph][1], 0.02, pool, 1);
          }
        }
        byInput.exitEpochLayout();
        assertArrayEquals(checkedNet.parameters(), rowMajorNet.parameters(), "phase " + ph);
        assertArrayEquals(rowMajorNet.parameters(), byInputNet.parameters(),
            clip > 0 ? 1e-12 : 0.0, "phase " + ph);
      }
    }
    double[] normsByInput = new double[byInputNet.numLayers()];
    double[] normsRowMajor = new double[byInputNet.numLayers()];
    byInput.drainLayerNorms(normsByInput);
    rowMajor.drainLayerNorms(normsRowMajor);
    assertEquals(normsRowMajor[0], normsByInput[0], 1e-12 * normsRowMajor[0], "first layer");
    for (int l = 1; l < normsByInput.length; l++) {
      assertEquals(normsRowMajor[l], normsByInput[l], clip > 0 ? 1e-12 : 0.0, "layer " + l);
    }
  }

  /** Puts {@code n} rows of {@code data} ({@code order[from ..]}) into the step's batch. */
  private static void load(GradientStep step, Dataset data, int[] order, int from, int n) {
    Workspace ws = step.workspace();
    SparseRows batch = ws.sparseInput();
    batch.clear();
    for (int r = 0; r < n; r++) {
      int i = order[(from + r) % order.length];
      batch.appendRow(data.sparseX(), i);
      System.arraycopy(data.y(), i * 3, ws.targets(), r * 3, 3);
      ws.weights()[r] = 1;
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
