package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PenaltySelection}: clean data choose the weak penalty and pure noise the strong one;
 * the per-row holdout errors agree with the trainer's accuracy (class) and loss (numeric
 * target); the choice is reproducible; the chosen candidate's network is handed out as its run
 * ended; bad arguments are refused; a NaN error still chooses a candidate.
 */
class PenaltySelectionTest {

  @ParameterizedTest(name = "{0} parameters on {1} rows: one lane {2}")
  @CsvSource({"131, 135, true", "515, 150, true", "887, 160, true", "2882, 51, true",
      "354, 691, false", "2242, 391, false", "4034, 187, false", "2000000, 1, false"})
  void tinyBuildsTrainOnOneLane(int params, int rows, boolean one) {
    assertEquals(one, PenaltySelection.oneLaneWorthIt(params, rows));
  }

  /** Fills one row's four features from {@code rnd} at {@code x[at..at+3]}; returns its class. */
  private interface Row {
    int fill(Random rnd, double[] x, int at);
  }

  /** {@code n} rows of four features and two classes, each row from {@code row}. */
  private static Dataset rows(int n, long seed, Row row) {
    Random rnd = new Random(seed);
    double[] x = new double[n * 4];
    double[] y = new double[n * 2];
    int[] labels = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int c = row.fill(rnd, x, 4 * i);
      labels[i] = c;
      y[2 * i + c] = 1;
      w[i] = 1;
    }
    return new Dataset(x, 4, y, 2, w, labels);
  }

  /**
   * Clean: a curved rule a strongly penalized net cannot follow; noise: a coin flip. Four
   * Gaussian features either way.
   */
  private static Dataset data(int n, long seed, boolean noiseOnly) {
    return rows(n, seed, (rnd, x, at) -> {
      for (int j = 0; j < 4; j++) {
        x[at + j] = rnd.nextGaussian();
      }
      return noiseOnly ? rnd.nextInt(2) : x[at] * x[at + 1] > 0 ? 1 : 0;
    });
  }

  /** Two classes on either side of {@code x₀ = 0}, at least 1 apart: no candidate errs. */
  private static Dataset separable(int n, long seed) {
    return rows(n, seed, (rnd, x, at) -> {
      int c = rnd.nextInt(2);
      x[at] = (c == 1 ? 1 : -1) * (0.5 + rnd.nextDouble());
      for (int j = 1; j < 4; j++) {
        x[at + j] = rnd.nextGaussian();
      }
      return c;
    });
  }

  private static Supplier<Network> networks() {
    return () -> TrainerTest.network(4, "32:RELU", 2, TrainerTest.CE, 1);
  }

  /**
   * A network wide enough that its builds on a few hundred rows take more than one lane
   * (parameters × rows ≥ {@link PenaltySelection#ONE_LANE_WORK}), for the tests of the
   * concurrent runs.
   */
  private static Supplier<Network> wideNetworks() {
    return () -> TrainerTest.network(4, "256:RELU", 2, TrainerTest.CE, 1);
  }

  private static TrainerConfig.Builder config() {
    return TrainerTest.config().optimizer(OptimizerType.ADAM).learningRate(0.01)
        .miniBatch(32).epochs(150).patience(20).seed(1);
  }

  private static TrainerConfig configs() {
    return config().build();
  }

  @Test
  void cleanDataChooseTheWeakPenaltyAndNoiseTheStrongOne() throws InterruptedException {
    double[] candidates = {1e-4, 0.3};
    PenaltySelection clean =
        PenaltySelection.select(candidates, networks(), configs(), data(600, 3, false), 0.25);
    assertEquals(1e-4, clean.chosen(), clean.toString());
    PenaltySelection noise =
        PenaltySelection.select(candidates, networks(), configs(), data(600, 3, true), 0.25);
    assertEquals(0.3, noise.chosen());
    // the report lines up with the candidates
    assertEquals(2, clean.losses().length);
    assertEquals(2, clean.epochs().length);
    assertArrayEquals(candidates, clean.candidates());
  }

  /**
   * The path rule by hand: errors in path order (strongest penalty first), "-" for a candidate
   * still running; the path ends at the first candidate not below the lowest before it, once it
   * and all stronger ones have finished.
   */
  @ParameterizedTest(name = "errors {0}: {1} on the path")
  @CsvSource({"0.10, 1", "0.10 0.10 0.05, 2", "0.10 0.12 0.05, 2", "0.10 0.08 0.08, 3",
      "0.10 0.08 0.05, 3", "0.10 0.08 0.09 0.01, 3", "0.10 0.08 -, 3", "0.10 - 0.20, 3",
      "- 0.12 0.20, 3", "0 0 0, 2"})
  void thePathEndsWhereAWeakerPenaltyStopsHelping(String errors, int length) {
    String[] e = errors.split(" ");
    double[] values = new double[e.length];
    boolean[] finished = new boolean[e.length];
    for (int i = 0; i < e.length; i++) {
      finished[i] = !e[i].equals("-");
      values[i] = finished[i] ? Double.parseDouble(e[i]) : Double.NaN;
    }
    assertEquals(length, PenaltySelection.pathLength(values, finished));
  }

  @Test
  void candidatesPastThePathsEndAreLeftOutWhateverTheThreads() throws InterruptedException {
    // a wide margin: every candidate classifies the holdout without error, so the second
    // does not beat the strongest and the weakest is not needed; with a lane per candidate it
    // runs (and may finish) all the same, and is left out alike
    double[] candidates = {1e-4, 1e-2, 1e-3};
    Dataset d = separable(400, 3);
    PenaltySelection one = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(1).build(), d, 0.25);
    assertEquals(1e-2, one.chosen());
    assertArrayEquals(new double[] {Double.NaN, 0, 0}, one.errors());
    assertEquals(0, one.epochs()[0]);
    assertTrue(Double.isNaN(one.errors()[0]) && Double.isNaN(one.losses()[0]));
    assertTrue(one.epochs()[1] > 0 && one.epochs()[2] > 0);
    PenaltySelection three = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(3).build(), d, 0.25);
    assertEquals(one.chosen(), three.chosen());
    assertArrayEquals(one.epochs(), three.epochs());
    assertArrayEquals(one.errors(), three.errors());
    assertArrayEquals(one.losses(), three.losses());
  }

  @Test
  void theChoiceIsReproducible() throws InterruptedException {
    double[] candidates = {1e-4, 1e-3, 1e-2};
    Dataset d = data(300, 5, false);
    PenaltySelection a = PenaltySelection.select(candidates, networks(), configs(), d, 0.2);
    PenaltySelection b = PenaltySelection.select(candidates, networks(), configs(), d, 0.2);
    assertEquals(a.chosen(), b.chosen());
    assertArrayEquals(a.losses(), b.losses());
  }

  @Test
  void candidatesTrainedConcurrentlyGiveTheSameChoiceAndLosses() throws InterruptedException {
    double[] candidates = {1e-4, 1e-3, 1e-2};
    Dataset d = data(300, 9, false);
    PenaltySelection one = PenaltySelection.select(candidates, networks(),
        config().threads(1).build(), d, 0.2);
    PenaltySelection three = PenaltySelection.select(candidates, networks(),
        config().threads(3).build(), d, 0.2);
    assertEquals(one.chosen(), three.chosen());
    assertArrayEquals(one.losses(), three.losses());
    assertArrayEquals(one.epochs(), three.epochs());
  }

  @Test
  void theFinalTrainingRunsAlongsideConcurrentCandidatesWithTheStrongestValue()
      throws InterruptedException {
    double[] candidates = {1e-4, 1e-2, 1e-3};
    Dataset d = data(300, 9, false);
    double[] trainedWith = {Double.NaN};
    PenaltySelection.FinalTraining record = v -> trainedWith[0] = v;
    PenaltySelection plain = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(4).build(), d, 0.2);
    // a thread per candidate and one more: the final training starts at once, before any
    // candidate has finished, with the strongest value
    PenaltySelection four = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(4).build(), d, 0.2, record);
    assertEquals(1e-2, trainedWith[0]);
    assertEquals(plain.chosen(), four.chosen());
    assertArrayEquals(plain.losses(), four.losses());
    // it ran to its end (at once) before any candidate had finished, so it counts as run with
    // the strongest value whatever the candidates then chose; the caller trains again if that
    // differs
    assertEquals(1e-2, four.speculated());
    assertEquals(Double.NaN, plain.speculated());
    // one at a time there is nothing to gain: the final training is left to the caller
    trainedWith[0] = Double.NaN;
    PenaltySelection one = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(1).build(), d, 0.2, record);
    assertEquals(Double.NaN, trainedWith[0]);
    assertEquals(Double.NaN, one.speculated());
    // a failing final training counts as not run
    PenaltySelection failed = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(2).build(), d, 0.2, v -> {
          throw new DivergenceException(DivergenceException.Kind.LOSS_NOT_FINITE, 1, 0.1,
              Double.NaN, Double.NaN);
        });
    assertEquals(Double.NaN, failed.speculated());
    assertEquals(plain.chosen(), failed.chosen());
  }

  @Test
  void onTwoThreadsTheFinalTrainingTakesTheValueTheFirstCandidatesPointTo()
      throws InterruptedException {
    // clean data: the strong penalty is ruled out as soon as a weak one has run (test above)
    double[] candidates = {1e-4, 0.3, 1e-3};
    Dataset d = data(600, 3, false);
    java.util.List<Double> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    PenaltySelection two = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(2).build(), d, 0.25, asked::add);
    PenaltySelection plain = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(1).build(), d, 0.25);
    assertEquals(plain.chosen(), two.chosen());
    assertArrayEquals(plain.losses(), two.losses());
    assertTrue(plain.chosen() < 0.3, plain.toString());
    // the two strongest candidates ran first, so the final training never took 0.3
    assertEquals(1, asked.size(), asked.toString());
    assertTrue(asked.get(0) < 0.3, asked.toString());
    assertTrue(Double.isNaN(two.speculated()) || two.speculated() == asked.get(0));
  }

  @Test
  void aFinalTrainingWithTheStrongestValueStopsOnceTheCandidatesChooseAnother()
      throws InterruptedException {
    double[] candidates = {1e-4, 0.3};
    Dataset d = data(600, 3, false); // clean data: the weak penalty wins (test above)
    long[] waited = {0};
    boolean[] released = {false};
    PenaltySelection.FinalTraining endless = new PenaltySelection.FinalTraining() {
      @Override
      public void train(double l2) {
        throw new AssertionError("the selection asks with the flag");
      }

      @Override
      public void train(double l2, java.util.function.BooleanSupplier wanted)
          throws InterruptedException {
        assertEquals(0.3, l2);
        long until = System.nanoTime() + 120_000_000_000L;
        while (wanted.getAsBoolean() && System.nanoTime() < until) {
          Thread.sleep(1);
          waited[0]++;
        }
        released[0] = !wanted.getAsBoolean();
      }
    };
    PenaltySelection sel = PenaltySelection.select(candidates, wideNetworks(),
        config().threads(2).build(), d, 0.25, endless);
    assertEquals(1e-4, sel.chosen());
    assertTrue(released[0], "released by the choice, not by the time limit");
    assertTrue(waited[0] > 0);
    assertEquals(Double.NaN, sel.speculated(), "a training let go is not offered as the final");
  }

  /**
   * An interrupt while the candidates train on their own threads stops them, leaves no thread
   * and is thrown as an {@link InterruptedException} that says where training stopped (the
   * bare one of the wait for the candidates had no message).
   */
  @Test
  void anInterruptStopsConcurrentCandidatesSaysWhereAndLeavesNoThread() throws Exception {
    Dataset d = data(4000, 2, false);
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        PenaltySelection.select(new double[] {1e-4, 1e-3}, networks(),
            config().threads(2).epochs(100000).patience(100000).build(), d, 0.2);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();
    Thread.sleep(300);
    caller.interrupt();
    caller.join(10000);
    assertEquals(false, caller.isAlive(), "selection did not stop after an interrupt");
    assertEquals(InterruptedException.class, thrown.get() == null ? null : thrown.get().getClass());
    assertEquals("training interrupted while choosing the L2 penalty among [1.0E-4, 0.001]",
        thrown.get().getMessage());
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      assertEquals(false, t.getName().startsWith("BackpropMLP-l2-selection") && t.isAlive(),
          "worker left running: " + t);
    }
  }

  /** On one lane too, an interrupt says it came while the penalty was being chosen. */
  @Test
  void anInterruptOnOneLaneSaysItCameWhileChoosing() {
    Dataset d = data(400, 2, false);
    Thread.currentThread().interrupt();
    InterruptedException e;
    try {
      e = org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
          () -> PenaltySelection.select(new double[] {1e-4, 1e-3}, networks(),
              config().threads(1).build(), d, 0.2));
    } finally {
      Thread.interrupted();
    }
    assertEquals("training interrupted while choosing the L2 penalty among [1.0E-4, 0.001]",
        e.getMessage());
    assertEquals(false, e instanceof InterruptedBeforeStepException,
        "its model is not kept: not the repeatable kind");
  }

  @Test
  void perRowHoldoutErrorsAverageToTheBestEpochsMisclassificationRate()
      throws InterruptedException {
    Dataset d = TrainerTest.noisyClasses(200, 7, null);
    Trainer t = new Trainer(networks().get(), config().validationFraction(0.3).build(), d);
    TrainerTest.train(t);
    double[] rows = t.validationRowErrors();
    for (double e : rows) {
      assertEquals(true, e == 0 || e == 1, "0/1 error expected: " + e);
    }
    TrainingHistory h = t.history();
    assertEquals(t.validationRows(), rows.length);
    assertEquals(1 - h.validationMetric(h.bestEpoch()),
        PairedErrors.weightedMean(rows, t.validationRowWeights()), 1e-12);
  }

  @Test
  void perRowHoldoutErrorsOfANumericTargetAverageToTheBestLoss() throws InterruptedException {
    Random rnd = new Random(4);
    int n = 200;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = rnd.nextGaussian();
      x[2 * i + 1] = rnd.nextGaussian();
      y[i] = Math.sin(x[2 * i]) + 0.3 * rnd.nextGaussian();
      w[i] = 1 + i % 3;
    }
    Dataset d = new Dataset(x, 2, y, 1, w, null);
    Trainer t = new Trainer(TrainerTest.network(2, "16:TANH", 1, TrainerTest.MSE, 1),
        config().validationFraction(0.3).build(), d);
    TrainerTest.train(t);
    double[] rows = t.validationRowErrors();
    assertEquals(t.validationRows(), rows.length);
    assertEquals(t.bestValidationLoss(),
        PairedErrors.weightedMean(rows, t.validationRowWeights()), 1e-12);
  }

  @Test
  void badArgumentsAreRefused() {
    Dataset d = data(50, 1, false);
    assertThrows(IllegalArgumentException.class,
        () -> PenaltySelection.select(new double[0], networks(), configs(), d, 0.2));
    assertThrows(IllegalArgumentException.class,
        () -> PenaltySelection.select(new double[] {0.1}, networks(), configs(), d, 0));
    assertThrows(IllegalArgumentException.class,
        () -> PenaltySelection.select(new double[] {0.1}, networks(), configs(), d, 1));
  }

  @Test
  void theChosenCandidatesNetworkIsTheOneItsRunEndedWith() throws InterruptedException {
    Dataset d = data(300, 7, false);
    double[] candidates = {0.0001, 0.01};
    PenaltySelection kept =
        PenaltySelection.select(candidates, networks(), configs(), d, 0.2, null, true);
    // the chosen value trained alone, as its candidate run did: the same bits
    Trainer alone = new Trainer(networks().get(),
        config().l2(kept.chosen()).validationFraction(0.2).build(), d);
    while (alone.runEpoch()) {
      // to its early stop
    }
    alone.finish();
    assertFalse(kept.continued());
    Network chosen = kept.takeChosenNetwork();
    assertArrayEquals(alone.network().parameters(), chosen.parameters(), 0.0);
    assertTrue(kept.continued(), "the description says the final training continued from it");
    assertNull(kept.takeChosenNetwork(), "handed out once");
    PenaltySelection notKept = PenaltySelection.select(candidates, networks(), configs(), d, 0.2);
    assertNull(notKept.takeChosenNetwork());
    assertFalse(notKept.continued());
  }

  @Test
  void aNaNErrorStillChoosesACandidate() {
    // every comparison with a NaN is false; the best must still pass its own test (not −1)
    double[] candidates = {1, 0.1, 0.01};
    double[][] rowErrors = {{Double.NaN, 0}, {0, 1}, {1, 1}};
    boolean[] all = {true, true, true};
    int c = PenaltySelection.choose(candidates, new double[] {1, 1, 1}, rowErrors,
        new double[] {1, 1}, all, all);
    assertTrue(c >= 0 && c < candidates.length, "chose " + c);
  }

  /**
   * The lanes that train candidates at once are as many as fit in 80 % of the free heap, at
   * least one: each holds a network and its training state, which the build's memory check
   * counted once (-threads 4 had run out of a heap in which -threads 1 trained).
   */
  @Test
  void lanesAreAsManyAsTheHeapHolds() {
    Network net = networks().get();
    assertTrue(PenaltySelection.lanesThatFit(net, 32) >= 8, "a small network: the threads rule");
    assertEquals(1, PenaltySelection.lanesThatFit(net, Integer.MAX_VALUE),
        "a mini-batch whose activations exceed the heap: one lane");
  }

  /** However many candidates and threads, the lanes stay within the cap of {@code -threads}. */
  @Test
  void lanesStayWithinTheThreadCap() {
    Dataset d = data(2_000, 3, false);
    int most = WorkerPool.mostThreads();
    assertEquals(most, PenaltySelection.lanes(10 * most, networks(), config().threads(4096)
        .build(), d));
    assertEquals(3, PenaltySelection.lanes(3, networks(), config().threads(4096).build(), d));
    assertEquals(1, PenaltySelection.lanes(10, networks(), config().threads(1).build(), d));
  }
}
