package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Initializer;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputActivation;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Regularizer;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.OptimizerType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end behaviour of {@link Trainer}: XOR is learned by a 2-4-1 (sigmoid/BCE) and a 2-4-2
 * (softmax/CE) tanh network; one full-batch SGD epoch is exactly one step along the gradient of
 * the documented objective (weights normalized to mean 1, penalty added); rescaling all example
 * weights changes nothing; the same seed reproduces the parameters bit for bit (shuffling,
 * holdout and dropout included) and another seed does not; early stopping stops on a plateau and
 * {@link Trainer#finish()} restores the parameters of {@link TrainingHistory#bestEpoch()};
 * gradient clipping bounds the step; an interrupted thread stops training within one
 * mini-batch, and one interrupted before an epoch starts leaves the run to go on unchanged; a
 * learning rate of 1e6 raises a {@link DivergenceException} that reports the epoch
 * and the rate in numbers (and no command-line flag: that is the Weka side's wording);
 * inconsistent inputs are refused.
 */
class TrainerTest {

  /**
   * The settings these tests were written for: a constant learning rate of 0.001 and a patience
   * of 10 epochs, which each test then overrides where it matters.
   */
  static TrainerConfig.Builder config() {
    return TrainerConfig.builder().schedule(Schedule.CONSTANT).learningRate(0.001).patience(10);
  }

  static final OutputLayer BCE =
      new OutputLayer(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 0);
  static final OutputLayer CE = new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
  static final OutputLayer MSE = new OutputLayer(OutputActivation.IDENTITY, Loss.SQUARED_ERROR, 0);

  static final double[] XOR_X = {0, 0, 0, 1, 1, 0, 1, 1};
  static final int[] XOR_LABELS = {0, 1, 1, 0};

  static Dataset xor(boolean softmax) {
    int k = softmax ? 2 : 1;
    double[] y = new double[4 * k];
    for (int i = 0; i < 4; i++) {
      if (softmax) {
        y[2 * i + XOR_LABELS[i]] = 1;
      } else {
        y[i] = XOR_LABELS[i];
      }
    }
    return new Dataset(XOR_X.clone(), 2, y, k, new double[] {1, 1, 1, 1}, XOR_LABELS.clone());
  }

  static Network network(int inputs, String spec, int outputs, OutputLayer out, long seed) {
    Network net = new Network(inputs, LayerSpec.parse(spec, Activation.TANH), outputs, out);
    net.initialize(Initializer.AUTO, Seeds.stream(seed, Seeds.INIT));
    return net;
  }

  /**
   * A softmax network with one ReLU hidden layer whose unit {@code dead} never fires (its bias is
   * −100), so its incoming and outgoing weights feel the L2 penalty alone.
   */
  static Network withDeadUnit(int inputs, int units, int outputs, int dead) {
    Network net = network(inputs, units + ":RELU", outputs, CE, 5);
    net.parameters()[net.biasOffset(0) + dead] = -100;
    return net;
  }

  /** Fails, naming {@code when}, if any of {@code values} is subnormal. */
  static void assertNoSubnormal(double[] values, String when) {
    for (double v : values) {
      assertTrue(v == 0 || Math.abs(v) >= Double.MIN_NORMAL, "subnormal " + when);
    }
  }

  /** Noisy two-class data: x ∈ R⁴, label from a linear rule with 25% of labels flipped. */
  static Dataset noisyClasses(int n, long seed, double[] weights) {
    Random rnd = new Random(seed);
    double[] x = new double[n * 4];
    double[] y = new double[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[4 * i + j] = rnd.nextGaussian();
      }
      int c = x[4 * i] + 0.5 * x[4 * i + 1] > 0 ? 1 : 0;
      if (rnd.nextDouble() < 0.25) {
        c = 1 - c;
      }
      labels[i] = c;
      y[2 * i + c] = 1;
    }
    double[] w = weights != null ? weights : new double[n];
    if (weights == null) {
      for (int i = 0; i < n; i++) {
        w[i] = 0.5 + rnd.nextDouble();
      }
    }
    return new Dataset(x, 4, y, 2, w, labels);
  }

  static void train(Trainer t) throws InterruptedException {
    while (t.runEpoch()) {
      // run to the end of the budget or early stop
    }
    t.finish();
  }

  // ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "XOR, softmax={0}")
  @ValueSource(booleans = {false, true})
  void learnsXor(boolean softmax) throws InterruptedException {
    for (long seed = 1; seed <= 3; seed++) {
      Dataset data = xor(softmax);
      Network net = network(2, "4:TANH", softmax ? 2 : 1, softmax ? CE : BCE, seed);
      TrainerConfig cfg = config().optimizer(OptimizerType.ADAM).learningRate(0.05)
          .miniBatch(4).epochs(2000).seed(seed).build();
      Trainer t = new Trainer(net, cfg, data);
      train(t);
      assertEquals(2000, t.epochsRun());
      assertTrue(t.history().finalTrainLoss() < 0.05,
          "seed " + seed + ": loss " + t.history().finalTrainLoss());
      // the trained network, evaluated afresh, separates the four points
      double[] out = new double[4 * net.outputs()];
      net.predict(XOR_X, 4, new Workspace(net, 4, false), out);
      double loss = 0;
      for (int i = 0; i < 4; i++) {
        int off = i * net.outputs();
        assertEquals(XOR_LABELS[i], Trainer.predictedClass(out, off, net.outputs()), "row " + i);
        double p = softmax ? out[off + XOR_LABELS[i]]
            : XOR_LABELS[i] == 1 ? out[off] : 1 - out[off];
        loss -= Math.log(p) / 4;
      }
      assertTrue(loss < 0.05, "seed " + seed + ": loss after training " + loss);
    }
  }

  /**
   * With one full batch, SGD without momentum and a constant rate, an epoch is exactly
   * {@code θ ← θ − η ∇J}, where {@code J = (1/B) Σ w'_i L_i + R(θ)} and the weights are
   * normalized to mean 1: {@code w'_i = w_i · B / Σ w}.
   */
  @Test
  void oneFullBatchEpochIsOneGradientStepOnTheDocumentedObjective() throws InterruptedException {
    Dataset data = noisyClasses(12, 4, null);
    Network net = network(4, "5:ELU", 2, CE, 3);
    double[] before = net.parameters().clone();
    double l1 = 0.01;
    double l2 = 0.1;
    double eta = 0.3;
    TrainerConfig cfg = config().optimizer(OptimizerType.SGD).momentum(0)
        .learningRate(eta).miniBatch(100).epochs(1).l1(l1).l2(l2).build();
    Trainer t = new Trainer(net, cfg, data);
    t.runEpoch();

    Network ref = net.copy();
    System.arraycopy(before, 0, ref.parameters(), 0, before.length);
    Workspace ws = new Workspace(ref, 12, true);
    System.arraycopy(data.x(), 0, ws.activations(0), 0, data.x().length);
    System.arraycopy(data.y(), 0, ws.targets(), 0, data.y().length);
    double sum = Arrays.stream(data.weights()).sum();
    for (int i = 0; i < 12; i++) {
      ws.weights()[i] = data.weights()[i] * 12 / sum;
    }
    double[] grad = new double[before.length];
    ref.forward(ws, 0, 12);
    double weightedLoss = ref.backward(ws, 0, 12, 12, grad);
    new Regularizer(ref, l1, l2).addGradient(before, grad);
    double[] expected = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      expected[i] = before[i] - eta * grad[i];
    }
    assertArrayEquals(expected, net.parameters(), 1e-12);
    // the recorded training loss is the weighted mean loss before the step
    assertEquals(weightedLoss / 12, t.history().trainLoss(0), 1e-12);
    assertEquals(eta, t.history().learningRate(0), 0.0);
    assertTrue(t.isFinished());
    assertFalse(t.runEpoch());
  }

  @Test
  void scalingAllWeightsChangesNothing() throws InterruptedException {
    double[][] params = new double[2][];
    for (int s = 0; s < 2; s++) {
      Dataset base = noisyClasses(40, 9, null);
      double[] w = base.weights().clone();
      for (int i = 0; i < w.length; i++) {
        w[i] *= s == 0 ? 1 : 4; // a power of two: the normalization is exact
      }
      Dataset data = new Dataset(base.x(), 4, base.y(), 2, w, base.labels());
      Network net = network(4, "6:RELU", 2, CE, 2);
      train(new Trainer(net, config().epochs(20).miniBatch(8).learningRate(0.01).build(), data));
      params[s] = net.parameters();
    }
    assertArrayEquals(params[0], params[1], 0.0);
  }

  /** Trains with every random stream in use: init, shuffling, holdout, dropout. */
  static double[] trainWithSeed(long seed) throws InterruptedException {
    Dataset data = noisyClasses(80, 1, null);
    Network net = network(4, "8:RELU,6:TANH", 2, CE, seed);
    TrainerConfig cfg = config().epochs(15).miniBatch(7).learningRate(0.01)
        .dropout(0.3).validationFraction(0.2).patience(100).seed(seed)
        .schedule(Schedule.COSINE).warmup(2).build();
    Trainer t = new Trainer(net, cfg, data);
    train(t);
    assertEquals(16, t.validationRows());
    return net.parameters();
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() throws InterruptedException {
    double[] a = trainWithSeed(7);
    double[] b = trainWithSeed(7);
    double[] c = trainWithSeed(8);
    assertArrayEquals(a, b, 0.0);
    assertFalse(Arrays.equals(a, c), "a different seed gave the same model");
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() throws InterruptedException {
    // 25% label noise, a wide network and a brisk rate: the validation loss soon turns up
    Dataset data = noisyClasses(120, 2, null);
    Network net = network(4, "64:TANH", 2, CE, 5);
    TrainerConfig cfg = config().epochs(500).miniBatch(16).learningRate(0.03)
        .validationFraction(0.3).patience(8).seed(3).build();
    Trainer t = new Trainer(net, cfg, data);
    assertEquals(36, t.validationRows());
    assertEquals(84, t.trainingRows());
    List<double[]> snapshots = new ArrayList<>();
    while (t.runEpoch()) {
      snapshots.add(net.parameters().clone());
    }
    snapshots.add(net.parameters().clone());
    TrainingHistory h = t.history();
    assertTrue(t.stoppedEarly(), "did not stop early");
    assertTrue(t.isFinished());
    assertTrue(t.epochsRun() < 500);
    assertEquals(t.epochsRun(), h.epochs());
    int best = h.bestEpoch();
    // patience 8: training ran exactly 8 epochs past the best one
    assertEquals(best + 8, h.epochs() - 1);
    double min = Double.POSITIVE_INFINITY;
    for (int e = 0; e < h.epochs(); e++) {
      min = Math.min(min, h.validationLoss(e));
      assertTrue(h.validationMetric(e) >= 0 && h.validationMetric(e) <= 1);
    }
    assertEquals(min, h.bestValidationLoss(), 0.0);
    assertEquals(min, h.validationLoss(best), 0.0);
    assertFalse(Arrays.equals(snapshots.get(best), net.parameters()),
        "the final weights already are the best ones: the test proves nothing");
    t.finish();
    assertArrayEquals(snapshots.get(best), net.parameters(), 0.0);
  }

  @Test
  void clippingBoundsTheStep() throws InterruptedException {
    Dataset data = noisyClasses(30, 6, null);
    Network net = network(4, "5:TANH", 2, CE, 1);
    double[] before = net.parameters().clone();
    TrainerConfig cfg = config().optimizer(OptimizerType.SGD).momentum(0)
        .learningRate(1).miniBatch(30).epochs(1).clipNorm(0.01).build();
    new Trainer(net, cfg, data).runEpoch();
    double sq = 0;
    for (int i = 0; i < before.length; i++) {
      sq += (net.parameters()[i] - before[i]) * (net.parameters()[i] - before[i]);
    }
    // the raw gradient norm of this problem is far above 0.01, so the step is exactly η·0.01
    assertEquals(0.01, Math.sqrt(sq), 1e-12);
  }

  @Test
  @Timeout(10)
  void interruptionStopsTrainingPromptly() throws Exception {
    Dataset data = noisyClasses(2000, 3, null);
    Network net = network(4, "32:TANH,32:TANH", 2, CE, 1);
    Trainer t = new Trainer(net, config().epochs(1_000_000).miniBatch(16).build(), data);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        t.runEpoch();
        started.countDown();
        while (t.runEpoch()) {
          // a million epochs: only the interrupt can end this
        }
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    worker.setDaemon(true); // never outlive the test JVM, even if the interrupt is ignored
    worker.start();
    assertTrue(started.await(5, TimeUnit.SECONDS), "first epoch took too long");
    long t0 = System.nanoTime();
    worker.interrupt();
    worker.join(2000);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(worker.isAlive(), "training ignored the interrupt");
    assertTrue(thrown.get() instanceof InterruptedException, "got " + thrown.get());
    assertNotNull(thrown.get().getMessage());
    assertTrue(ms < 1000, "took " + ms + " ms to stop");
    assertTrue(t.epochsRun() >= 1 && t.epochsRun() < 1_000_000);
  }

  @Test
  void interruptedBeforeTheFirstBatchChangesNothing() {
    Dataset data = noisyClasses(50, 3, null);
    Network net = network(4, "8:TANH", 2, CE, 1);
    double[] before = net.parameters().clone();
    Trainer t = new Trainer(net, config().epochs(10).build(), data);
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, t::runEpoch);
    } finally {
      Thread.interrupted(); // clear the flag for the next test on this thread
    }
    assertArrayEquals(before, net.parameters(), 0.0);
    assertEquals(0, t.epochsRun());
  }

  /**
   * An interrupt noticed before an epoch starts leaves the trainer as it was, its shuffling
   * stream too: once the flag is cleared, the epochs go on to the uninterrupted run's model.
   * Before the check at the epoch's start, the shuffle had already drawn its stream.
   */
  @Test
  void anEpochInterruptedBeforeItStartsRunsAgainAsIfUninterrupted() throws InterruptedException {
    Dataset data = noisyClasses(50, 3, null);
    Network reference = network(4, "8:TANH", 2, CE, 1);
    Network net = reference.copy();
    train(new Trainer(reference, config().epochs(5).build(), data));
    Trainer t = new Trainer(net, config().epochs(5).build(), data);
    t.runEpoch();
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedBeforeStepException.class, t::runEpoch);
    } finally {
      Thread.interrupted(); // clear the flag for the next test on this thread
    }
    assertEquals(1, t.epochsRun());
    train(t);
    assertArrayEquals(reference.parameters(), net.parameters(), 0.0);
  }

  /**
   * {@code n} rows of three standard normal inputs (seed 1), unit weights, and a target from the
   * first input: {@code 2·x₀ + 0.5}, or for a class its sign (two classes, one-hot).
   */
  static Dataset linearProblem(int n, boolean regression) {
    Random rnd = new Random(1);
    double[] x = new double[n * 3];
    double[] y = new double[n * (regression ? 1 : 2)];
    int[] labels = regression ? null : new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[3 * i + j] = rnd.nextGaussian();
      }
      w[i] = 1;
      if (regression) {
        y[i] = 2 * x[3 * i] + 0.5;
      } else {
        labels[i] = x[3 * i] > 0 ? 1 : 0;
        y[2 * i + labels[i]] = 1;
      }
    }
    return new Dataset(x, 3, y, regression ? 1 : 2, w, labels);
  }

  /**
   * A learning rate of 1e6 on a problem whose loss is unbounded (ReLU hidden layer, squared
   * error; and ReLU with softmax cross-entropy) blows the loss up within a few steps.
   */
  @ParameterizedTest(name = "lr 1e6 diverges, regression={0}")
  @ValueSource(booleans = {true, false})
  void hugeLearningRateThrowsDivergence(boolean regression) {
    Dataset data = linearProblem(60, regression);
    Network net = network(3, "8:RELU", regression ? 1 : 2, regression ? MSE : CE, 1);
    TrainerConfig cfg = config().optimizer(OptimizerType.SGD).momentum(0)
        .learningRate(1e6).miniBatch(16).epochs(200).build();
    Trainer t = new Trainer(net, cfg, data);
    DivergenceException e = assertThrows(DivergenceException.class, () -> train(t));
    assertTrue(e.getMessage().contains("learning rate 1.00e+06"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
    assertFalse(e.getMessage().contains("-lr"), "the engine names no flag: " + e.getMessage());
    assertEquals(1e6, e.learningRate());
    assertEquals(0.1, e.suggestedLearningRate(), 0.0);
    assertTrue(e.epoch() >= 1 && e.epoch() <= t.epochsRun() + 1, "epoch " + e.epoch());
    assertTrue(t.epochsRun() < 200);
    // The check runs before the optimizer step, so the offending step is never applied: in
    // these runs the parameters are huge but not NaN (not guaranteed in general: a finite
    // gradient times η can still overflow; the Weka adapter discards the model anyway).
    for (double p : net.parameters()) {
      assertFalse(Double.isNaN(p), "NaN left in the parameters");
    }
  }

  /**
   * Adam moves every weight by about the rate at each step, so at 1e10 the weights stay finite
   * while the first epoch's loss reaches orders of magnitude above its first mini-batch's: that
   * epoch already reports the divergence, where the check against the first epoch's loss could
   * only start from the second (and a loss that stays at that level never grows past it).
   */
  @ParameterizedTest(name = "Adam at 1e10 diverges in epoch 1, regression={0}")
  @ValueSource(booleans = {true, false})
  void finiteDivergenceInTheFirstEpochIsReported(boolean regression) {
    Dataset data = linearProblem(64, regression);
    Network net = network(3, "8:RELU", regression ? 1 : 2, regression ? MSE : CE, 1);
    TrainerConfig cfg = config().optimizer(OptimizerType.ADAM).learningRate(1e10).miniBatch(8)
        .epochs(20).build();
    Trainer t = new Trainer(net, cfg, data);
    DivergenceException e = assertThrows(DivergenceException.class, () -> train(t));
    assertEquals(DivergenceException.Kind.LOSS_GREW_IN_FIRST_EPOCH, e.kind(), e.getMessage());
    assertEquals(1, e.epoch(), e.getMessage());
    assertTrue(e.value() > Trainer.GROWTH_LIMIT * 1e-3, e.getMessage());
  }

  @Test
  void refusesInconsistentData() {
    Network net = network(4, "3", 2, CE, 1);
    Dataset wrongWidth = new Dataset(new double[6], 3, new double[4], 2, new double[2], null);
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(net, config().build(), wrongWidth));
    Dataset zeroWeights = new Dataset(new double[8], 4, new double[4], 2, new double[2], null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(net, config().build(), zeroWeights));
    assertTrue(e.getMessage().contains("weight"), e.getMessage());
    Dataset empty = new Dataset(new double[0], 4, new double[0], 2, new double[0], null);
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(net, config().build(), empty));
  }

  /**
   * A first layer of 300 inputs, cut into halves and trained with its weights in two blocks
   * during each epoch (GradientStep.enterEpochLayout, the batch copied by halves into blocks of
   * its own with more than one thread): 1, 2 and 3 threads give the same model to the bit, with
   * a holdout whose validation passes read the weights between epochs, and the network is
   * row-major again after every epoch.
   */
  @Test
  void wideInputsTrainTheSameModelOnAnyThreadCount() throws InterruptedException {
    Random rnd = new Random(77);
    int n = 200;
    int in = 300;
    double[] x = new double[n * in];
    double[] y = new double[n * 3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < in; p++) {
        x[i * in + p] = rnd.nextGaussian();
      }
      labels[i] = (x[i * in] + x[i * in + 200] > 0 ? 1 : 0) + (x[i * in + 299] > 1 ? 1 : 0);
      y[i * 3 + labels[i]] = 1;
    }
    double[] w = new double[n];
    Arrays.fill(w, 1);
    Dataset data = new Dataset(x, in, y, 3, w, labels);
    double[] reference = null;
    for (int threads = 1; threads <= 3; threads++) {
      // wide enough for the trainer to use the threads (Trainer.threadsWorthUsing)
      Network net = network(in, "120:RELU", 3, CE, 3);
      assertEquals(threads, Trainer.threadsWorthUsing(net.numParameters(), 64, threads));
      Trainer t = new Trainer(net, config().optimizer(OptimizerType.ADAM).learningRate(0.01)
          .epochs(4).miniBatch(64).validationFraction(0.2).threads(threads).build(), data);
      while (t.runEpoch()) {
        assertFalse(net.firstLayer().inSplitLayout(), "weights left in two blocks after an epoch");
      }
      t.finish();
      assertFalse(net.firstLayer().inSplitLayout());
      if (reference == null) {
        reference = net.parameters().clone();
        assertTrue(t.history().trainLoss(3) < t.history().trainLoss(0), "nothing was learnt");
      } else {
        assertArrayEquals(reference, net.parameters(), 0.0, threads + " threads");
      }
    }
  }

  /**
   * The spread of an output leaves out the 1 % of values farthest out at each end, so that one
   * row of 209 cannot hide a model that predicts the same for the rest; below 100 values it is
   * the whole range.
   */
  @Test
  void theOutputSpreadLeavesOutTheOnePercentFarthestOut() {
    double[] v = new double[209];
    java.util.Arrays.fill(v, 104.1);
    v[17] = 900;
    assertEquals(0.0, Trainer.trimmedRange(v.clone(), 0, 209), 0.0);
    double[] padded = new double[212];
    System.arraycopy(v, 0, padded, 3, 209);
    padded[0] = -5; // outside the range looked at
    assertEquals(0.0, Trainer.trimmedRange(padded, 3, 209), 0.0);
    double[] few = {1, 1, 1, 1.5};
    assertEquals(0.5, Trainer.trimmedRange(few, 0, 4), 0.0);
    double[] spread = new double[300];
    for (int i = 0; i < 300; i++) {
      spread[i] = i;
    }
    assertEquals(293.0, Trainer.trimmedRange(spread, 0, 300), 0.0); // 3 left out at each end
  }
}
