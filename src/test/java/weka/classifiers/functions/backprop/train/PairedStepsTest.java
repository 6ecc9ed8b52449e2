package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * Two threads sharing each step by the first layer's input halves ({@link PairedSteps}): the
 * model, its training curve and its gradient norms are those of one thread to the bit, with the
 * optimizers, penalties, dropout, a holdout and a short last batch; a divergence and an interrupt
 * end the epoch as on one thread, without leaving a thread waiting.
 */
class PairedStepsTest {

  private static final int INPUTS = 300;

  /** 200 rows of 300 standard normal inputs and three classes (seed 77). */
  private static Dataset wideData() {
    Random rnd = new Random(77);
    int n = 200;
    double[] x = new double[n * INPUTS];
    double[] y = new double[n * 3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < INPUTS; p++) {
        x[i * INPUTS + p] = rnd.nextGaussian();
      }
      labels[i] = (x[i * INPUTS] + x[i * INPUTS + 200] > 0 ? 1 : 0)
          + (x[i * INPUTS + 299] > 1 ? 1 : 0);
      y[i * 3 + labels[i]] = 1;
    }
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return new Dataset(x, INPUTS, y, 3, w, labels);
  }

  private static Trainer trainer(Network net, TrainerConfig.Builder cfg, int threads) {
    return new Trainer(net, cfg.threads(threads).build(), wideData());
  }

  /**
   * @param optimizer the optimizer
   * @param dropout the hidden layer's dropout
   * @param hidden the hidden layers (a second one small enough for one thread to run)
   */
  @ParameterizedTest(name = "{0}, dropout {1}, hidden {2}")
  @CsvSource({"ADAM, 0, 120:RELU", "SGD, 0.3, 120:RELU", "ADAM, 0.2, 60:RELU;20:TANH"})
  void twoThreadsTrainTheOneThreadModel(OptimizerType optimizer, double dropout, String hidden)
      throws InterruptedException {
    TrainerConfig.Builder cfg = TrainerTest.config().optimizer(optimizer).learningRate(0.01)
        .momentum(0.9).l1(0.0001).l2(0.001).dropout(dropout).epochs(3).miniBatch(48)
        .validationFraction(0.2);
    Network[] nets = new Network[2];
    Trainer[] trainers = new Trainer[2];
    for (int k = 0; k < 2; k++) {
      nets[k] = TrainerTest.network(INPUTS, hidden.replace(';', ','), 3, TrainerTest.CE, 5);
      trainers[k] = trainer(nets[k], cfg, k + 1);
      while (trainers[k].runEpoch()) {
        assertFalse(nets[k].firstLayer().inSplitLayout());
      }
      trainers[k].finish();
    }
    assertTrue(trainers[1].ranPairedSteps(), "two threads did not share the steps by halves");
    assertFalse(trainers[0].ranPairedSteps());
    assertArrayEquals(nets[0].parameters(), nets[1].parameters(), 0.0);
    for (int e = 0; e < 3; e++) {
      assertEquals(trainers[0].history().trainLoss(e), trainers[1].history().trainLoss(e), 0.0);
      for (int l = 0; l < nets[0].numLayers(); l++) {
        assertEquals(trainers[0].history().gradientNorm(e, l),
            trainers[1].history().gradientNorm(e, l), 0.0, "gradient norm, epoch " + e);
      }
    }
  }

  /** An absurd learning rate diverges on two threads as on one: same kind, same epoch. */
  @Test
  void divergenceEndsTheEpochAsOnOneThread() {
    DivergenceException[] thrown = new DivergenceException[2];
    for (int k = 0; k < 2; k++) {
      Network net = TrainerTest.network(INPUTS, "120:RELU", 3, TrainerTest.CE, 5);
      Trainer t = trainer(net, TrainerTest.config().optimizer(OptimizerType.SGD)
          .learningRate(1e300).epochs(5).miniBatch(48), k + 1);
      thrown[k] = assertThrows(DivergenceException.class, () -> {
        while (t.runEpoch()) {
          assertFalse(net.firstLayer().inSplitLayout());
        }
      });
      assertFalse(net.firstLayer().inSplitLayout(), "weights left in two blocks");
    }
    assertEquals(thrown[0].kind(), thrown[1].kind());
    assertEquals(thrown[0].epoch(), thrown[1].epoch());
  }

  /** An interrupt before an epoch stops it before its first step, on both threads. */
  @Test
  void interruptStopsTheEpoch() {
    Network net = TrainerTest.network(INPUTS, "120:RELU", 3, TrainerTest.CE, 5);
    Trainer t = trainer(net, TrainerTest.config().epochs(5).miniBatch(48), 2);
    Thread.currentThread().interrupt();
    try {
      InterruptedException e = assertThrows(InterruptedException.class, t::runEpoch);
      assertEquals("training interrupted in epoch 1 after 0 mini-batches", e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertFalse(net.firstLayer().inSplitLayout());
  }
}
