package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Initializer;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputActivation;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * A {@link Trainer} over a {@link Dataset} with sparse features: after a few epochs (with a
 * holdout, dropout and different optimizers) it leaves the same parameters, curves and holdout
 * losses as over the same data held densely, to rounding (1e-12 relative); with 1 or 2 threads
 * it gives the same bits; and a sparse dataset refuses to hand out a dense matrix.
 */
class SparseTrainerTest {

  /**
   * Bag-of-words-like data: {@code n} rows of {@code in} counts at the given density (row 0
   * empty, row 1 with every column), the class from a few "topic" columns.
   */
  static Dataset[] denseAndSparse(int n, int in, double density, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n * in];
    double[] y = new double[n * 3];
    int[] labels = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double[] topic = new double[3];
      for (int p = 0; p < in; p++) {
        if (i == 1 || (i != 0 && rnd.nextDouble() < density)) {
          double v = 1 + rnd.nextInt(3);
          x[i * in + p] = v;
          topic[p % 3] += p < in / 10 ? 3 * v : v;
        }
      }
      int c = topic[0] >= topic[1] && topic[0] >= topic[2] ? 0 : topic[1] >= topic[2] ? 1 : 2;
      labels[i] = c;
      y[3 * i + c] = 1;
      w[i] = 0.5 + rnd.nextDouble();
    }
    Dataset dense = new Dataset(x, in, y, 3, w, labels);
    Dataset sparse =
        new Dataset(SparseRows.fromDense(x, n, in), y.clone(), 3, w.clone(), labels.clone());
    return new Dataset[] {dense, sparse};
  }

  static Network network(int in, String hidden) {
    Network net = new Network(in, LayerSpec.parse(hidden, Activation.RELU), 3,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, Seeds.stream(1, Seeds.INIT));
    return net;
  }

  static Trainer train(Dataset data, String hidden, TrainerConfig cfg) throws Exception {
    Trainer t = new Trainer(network(data.features(), hidden), cfg, data);
    while (t.runEpoch()) {
      // all epochs
    }
    t.finish();
    return t;
  }

  /**
   * The sparse rows' eager step leaves the first layer's gradient norm and clearing to the
   * batch's columns where the penalty rides in the update ({@code BatchColumns}: no L1, no
   * clipping), and takes the whole layer otherwise: the same parameters, losses and gradient
   * norms either way.
   */
  @ParameterizedTest(name = "{0} rows, {1} inputs, density {2}, [{3}], {4}, dropout {5},"
      + " L2 {6}, L1 {7}, clip {8}")
  @CsvSource({
      "120, 300, 0.02, '16', ADAM, 0, 0, 0, 0", "90, 50, 0.3, '8:TANH,6', SGD, 0.2, 0, 0, 0",
      "200, 1000, 0.01, '24', RMSPROP, 0.3, 0, 0, 0", "60, 20, 0.5, '', ADAM, 0, 0, 0, 0",
      "150, 400, 0.02, '16', ADAM, 0.1, 0.001, 0, 0", "150, 400, 0.02, '16', SGD, 0, 0.001, 0, 0",
      "150, 400, 0.02, '16', ADAM, 0, 0.001, 0.0005, 0",
      "150, 400, 0.02, '16', ADAM, 0, 0.001, 0, 0.5",
      "150, 400, 0.02, '16', RMSPROP, 0, 0.001, 0, 0",
      "150, 400, 0.02, '16', ADAGRAD, 0, 0.001, 0, 0",
      "150, 400, 0.02, '16', ADAMW, 0, 0.001, 0, 0"
  })
  void sparseTrainingGivesTheDenseParameters(int n, int in, double density, String hidden,
      OptimizerType optimizer, double dropout, double l2, double l1, double clip)
      throws Exception {
    Dataset[] data = denseAndSparse(n, in, density, n + in);
    TrainerConfig cfg = TrainerConfig.builder().epochs(5).miniBatch(16).learningRate(0.01)
        .optimizer(optimizer).dropout(dropout).validationFraction(0.2).seed(3).threads(1)
        .l2(l2).l1(l1).clipNorm(clip).build();
    Trainer dense = train(data[0], hidden, cfg);
    Trainer sparse = train(data[1], hidden, cfg);
    double[] a = dense.network().parameters();
    double[] b = sparse.network().parameters();
    for (int q = 0; q < a.length; q++) {
      assertEquals(a[q], b[q], 1e-12 * Math.max(1e-3, Math.abs(a[q])), "parameter " + q);
    }
    assertEquals(dense.history().epochs(), sparse.history().epochs());
    for (int e = 0; e < dense.history().epochs(); e++) {
      assertEquals(dense.history().trainLoss(e), sparse.history().trainLoss(e),
          1e-12 * Math.abs(dense.history().trainLoss(e)), "training loss of epoch " + e);
      for (int l = 0; l < dense.history().layers(); l++) {
        assertEquals(dense.history().gradientNorm(e, l), sparse.history().gradientNorm(e, l),
            1e-12 * dense.history().gradientNorm(e, l), "gradient norm, epoch " + e + ", " + l);
      }
    }
    assertEquals(dense.bestValidationLoss(), sparse.bestValidationLoss(),
        1e-12 * dense.bestValidationLoss());
    assertArrayEquals(dense.validationRowErrors(), sparse.validationRowErrors());
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() throws Exception {
    // large enough for the trainer to use a second thread (see Trainer.threadsWorthUsing)
    Dataset sparse = denseAndSparse(300, 2000, 0.01, 5)[1];
    TrainerConfig.Builder b = TrainerConfig.builder().epochs(3).miniBatch(64).learningRate(0.01)
        .dropout(0.2).validationFraction(0.1).seed(4);
    assertTrue(Trainer.threadsWorthUsing(
        (int) Network.parameterCount(2000, LayerSpec.parse("64", Activation.RELU), 3), 64, 2) == 2);
    Trainer one = train(sparse, "64", b.threads(1).build());
    Trainer two = train(sparse, "64", b.threads(2).build());
    assertArrayEquals(one.network().parameters(), two.network().parameters());
  }

  @Test
  void sparseDatasetHasNoDenseMatrix() {
    Dataset sparse = denseAndSparse(10, 30, 0.2, 1)[1];
    assertTrue(sparse.isSparse());
    assertEquals(30, sparse.features());
    assertThrows(IllegalStateException.class, sparse::x);
    Dataset dense = denseAndSparse(10, 30, 0.2, 1)[0];
    assertFalse(dense.isSparse());
    assertThrows(IllegalArgumentException.class, () -> new Dataset(sparse.sparseX(),
        new double[9 * 3], 3, new double[9], null));
  }
}
