package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * What one {@link GradientStep#run} does, checked against values computed independently in this
 * test: the data gradient {@code g = (1/B) Σ_i w_i ∇L_i} comes from {@link Network#forward} and
 * {@link Network#backward} on a copy of the network with its own {@link Workspace}, the losses
 * from the output activations by the loss formulas, the penalty and the clipping by hand.
 *
 * <p>It proves: plain SGD moves the parameters by exactly {@code −η g} and reads only the first
 * {@code rows} rows of the workspace; coupled L2 adds {@code λ₂ w} and L1 adds
 * {@code λ₁ sign(w)} to the weights' gradient and nothing to the biases' (ADAMW instead decays
 * the weights outside the gradient); with a clip norm below the gradient's norm the update is
 * {@code −η · clip · G/‖G‖} (penalty included in G), so its norm is {@code η · clip}, and a larger
 * clip norm changes nothing; the return value is {@code Σ w_i loss_i} before the update;
 * {@link GradientStep#drainLayerNorms} reports the RMS over the steps since the last call of each
 * layer's data-gradient norm (weights only, penalty excluded) and then starts afresh; a NaN input
 * or target, an infinite input, or an enormous learning rate raises a {@link
 * DivergenceException} of the right kind carrying the epoch and learning rate passed in, without
 * applying the offending step; {@link GradientStep#resetOptimizer} makes the next step equal a
 * fresh optimizer's for every update rule (thread counts and the first layer's two blocks: {@link
 * GradientStepThreadsTest}). Networks include one whose first weight layer spans several of the
 * step's parameter chunks.
 */
class GradientStepTest {

  /**
   * Network shapes: a small one, a deeper regression one, one with a multi-chunk layer, one whose
   * first layer is summed in two input halves, one with a hidden layer's delta cut by units too.
   */
  enum Shape {
    SMALL(4, "5:TANH", 3, TrainerTest.CE),
    DEEP_REGRESSION(3, "6:RELU,4:ELU", 2, TrainerTest.MSE),
    SIGMOID_OUTPUTS(3, "4:TANH", 2, TrainerTest.BCE),
    MULTI_CHUNK(20, "450:TANH", 3, TrainerTest.CE), // 9000 first-layer weights > CHUNK
    /** A first layer summed in two input halves (FirstLayerLayout.inputSplit: 152 + 148 inputs). */
    INPUT_HALVES(300, "70:TANH", 3, TrainerTest.CE),
    /**
     * Both cuts: input halves, and a hidden-to-hidden layer whose delta is summed by unit halves
     * (UnitHalves: 70 + 70 units, each half of its 19,600 weights more than one chunk).
     */
    UNIT_HALVES(300, "140:TANH,140:RELU", 3, TrainerTest.CE);

    final int inputs;
    final String hidden;
    final int outputs;
    final OutputLayer head;

    Shape(int inputs, String hidden, int outputs, OutputLayer head) {
      this.inputs = inputs;
      this.hidden = hidden;
      this.outputs = outputs;
      this.head = head;
    }

    /** An initialized network with non-zero biases (so "not on biases" can be seen). */
    Network network(long seed) {
      Network net = TrainerTest.network(inputs, hidden, outputs, head, seed);
      Random rnd = new Random(seed + 100);
      double[] p = net.parameters();
      for (int l = 0; l < net.numLayers(); l++) {
        for (int j = 0; j < net.size(l + 1); j++) {
          p[net.biasOffset(l) + j] = 0.2 * rnd.nextGaussian();
        }
      }
      return net;
    }
  }

  /** A mini-batch: inputs, targets and example weights, row-major. */
  static final class Batch {
    final int rows;
    final double[] x;
    final double[] y;
    final double[] w;

    Batch(int rows, double[] x, double[] y, double[] w) {
      this.rows = rows;
      this.x = x;
      this.y = y;
      this.w = w;
    }
  }

  /** Gaussian inputs; one-hot (CE), 0/1 (BCE) or Gaussian targets; weights in [0.5, 1.5). */
  static Batch batch(Network net, int rows, long seed) {
    Random rnd = new Random(seed);
    int in = net.inputs();
    int k = net.outputs();
    double[] x = new double[rows * in];
    double[] y = new double[rows * k];
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < in; j++) {
        x[i * in + j] = rnd.nextGaussian();
      }
      switch (net.outputLayer().loss()) {
        case CROSS_ENTROPY:
          y[i * k + rnd.nextInt(k)] = 1;
          break;
        case BINARY_CROSS_ENTROPY:
          for (int j = 0; j < k; j++) {
            y[i * k + j] = rnd.nextBoolean() ? 1 : 0;
          }
          break;
        default:
          for (int j = 0; j < k; j++) {
            y[i * k + j] = rnd.nextGaussian();
          }
      }
      w[i] = 0.5 + rnd.nextDouble();
    }
    return new Batch(rows, x, y, w);
  }

  /** Copies the batch into the first rows of the workspace. */
  static void fill(Workspace ws, Batch b) {
    System.arraycopy(b.x, 0, ws.activations(0), 0, b.x.length);
    System.arraycopy(b.y, 0, ws.targets(), 0, b.y.length);
    System.arraycopy(b.w, 0, ws.weights(), 0, b.rows);
  }

  /** A network with the architecture of {@code net} and the given parameters. */
  static Network withParameters(Network net, double[] params) {
    Network c = net.copy();
    System.arraycopy(params, 0, c.parameters(), 0, params.length);
    return c;
  }

  /**
   * The data gradient {@code (1/B) Σ w_i ∇L_i} at {@code params}, by a forward and a backward
   * pass on a copy with its own workspace.
   */
  static double[] dataGradient(Network net, double[] params, Batch b) {
    Network c = withParameters(net, params);
    Workspace ws = new Workspace(c, b.rows, true);
    fill(ws, b);
    double[] g = new double[params.length];
    c.forward(ws, 0, b.rows);
    c.backward(ws, 0, b.rows, b.rows, g);
    return g;
  }

  /** {@code Σ w_i loss_i} at {@code params}, from the output activations by the loss formulas. */
  static double weightedLoss(Network net, double[] params, Batch b) {
    Network c = withParameters(net, params);
    Workspace ws = new Workspace(c, b.rows, false);
    System.arraycopy(b.x, 0, ws.activations(0), 0, b.x.length);
    c.forward(ws, 0, b.rows);
    double[] a = ws.activations(c.numLayers());
    int k = c.outputs();
    double sum = 0;
    for (int i = 0; i < b.rows; i++) {
      double loss = 0;
      for (int j = 0; j < k; j++) {
        double p = a[i * k + j];
        double y = b.y[i * k + j];
        switch (c.outputLayer().loss()) {
          case CROSS_ENTROPY:
            loss -= y * Math.log(p);
            break;
          case BINARY_CROSS_ENTROPY:
            loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
            break;
          case SQUARED_ERROR:
            loss += 0.5 * (p - y) * (p - y);
            break;
          default:
            throw new AssertionError(c.outputLayer().loss());
        }
      }
      sum += b.w[i] * loss;
    }
    return sum;
  }

  /** Whether parameter {@code i} is a weight (as opposed to a bias). */
  static boolean isWeight(Network net, int i) {
    for (int l = 0; l < net.numLayers(); l++) {
      if (i >= net.weightOffset(l) && i < net.biasOffset(l)) {
        return true;
      }
    }
    return false;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Squared norm of weight layer {@code l}'s matrix part (no biases) of {@code g}. */
  static double layerWeightNormSq(Network net, double[] g, int l) {
    double s = 0;
    for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
      s += g[i] * g[i];
    }
    return s;
  }

  static TrainerConfig.Builder sgd(double eta) {
    return TrainerTest.config().optimizer(OptimizerType.SGD).momentum(0).learningRate(eta);
  }

  // ------------------------------------------------------------------------------------------

  /** Plain SGD: θ ← θ − η g; rows beyond {@code rows} in the workspace (NaN here) are unread. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Shape.class)
  void sgdStepIsMinusEtaTimesTheGradient(Shape shape) {
    Network net = shape.network(1);
    double eta = 0.3;
    Batch b = batch(net, 7, 2);
    GradientStep step = new GradientStep(net, sgd(eta).build(), 10);
    Workspace ws = step.workspace();
    Arrays.fill(ws.activations(0), Double.NaN);
    Arrays.fill(ws.targets(), Double.NaN);
    Arrays.fill(ws.weights(), Double.NaN);
    fill(ws, b);
    double[] before = net.parameters().clone();
    double[] g = dataGradient(net, before, b);
    assertTrue(norm(g) > 1e-3, "a vanishing gradient would prove nothing: " + norm(g));

    step.run(b.rows, eta, null, 1);

    double[] expected = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      expected[i] = before[i] - eta * g[i];
    }
    assertArrayEquals(expected, net.parameters(), 1e-12);
  }

  /**
   * A ReLU unit that never fires (bias −100) under Adam with coupled L2: its incoming and
   * outgoing weights feel only {@code λθ} and decay geometrically; the step's flush of negligible
   * values ({@code Underflow}, every 64 steps) sets them to exactly zero before they turn
   * subnormal, and no parameter is ever subnormal.
   */
  @Test
  void deadUnitsWeightsEndAtZeroWithoutPassingThroughSubnormals() {
    int dead = 2;
    Network net = TrainerTest.withDeadUnit(4, 5, 3, dead);
    double[] p = net.parameters();
    Batch b = batch(net, 8, 6);
    GradientStep step = new GradientStep(net, TrainerTest.config()
        .optimizer(OptimizerType.ADAM).learningRate(0.003).l2(1e-4).build(), 8);
    fill(step.workspace(), b);
    for (int t = 1; t <= 20_000; t++) {
      step.run(b.rows, 0.003, null, 1);
      TrainerTest.assertNoSubnormal(p, "at step " + t);
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(0.0, p[net.weightOffset(0) + dead * 4 + i], "incoming weight " + i);
    }
    for (int k = 0; k < 3; k++) {
      assertEquals(0.0, p[net.weightOffset(1) + k * 5 + dead], "outgoing weight " + k);
    }
    assertEquals(-100, p[net.biasOffset(0) + dead], "a dead unit's bias gets no gradient");
  }

  /**
   * Coupled L2 and L1 (SGD): the weights' gradient gains {@code λ₂ w + λ₁ sign(w)} (0 for a
   * weight at exactly 0), the biases' gradient gains nothing.
   */
  @ParameterizedTest(name = "{0}, l2={1}, l1={2}")
  @MethodSource("penalties")
  void penaltiesAddToTheWeightsGradientOnly(Shape shape, double l2, double l1) {
    Network net = shape.network(3);
    net.parameters()[net.weightOffset(0) + 1] = 0.0; // the L1 subgradient at 0 is 0
    double eta = 0.2;
    Batch b = batch(net, 6, 4);
    GradientStep step = new GradientStep(net, sgd(eta).l2(l2).l1(l1).build(), 6);
    fill(step.workspace(), b);
    double[] before = net.parameters().clone();
    double[] g = dataGradient(net, before, b);

    step.run(b.rows, eta, null, 1);

    double[] after = net.parameters();
    int weights = 0;
    for (int i = 0; i < before.length; i++) {
      double w = before[i];
      double penalty = isWeight(net, i) ? l2 * w + l1 * Math.signum(w) : 0;
      weights += isWeight(net, i) ? 1 : 0;
      assertEquals(before[i] - eta * (g[i] + penalty), after[i], 1e-12, "parameter " + i);
    }
    assertTrue(weights > 0 && weights < before.length);
  }

  static Stream<Arguments> penalties() {
    return Stream.of(Shape.SMALL, Shape.DEEP_REGRESSION, Shape.MULTI_CHUNK).flatMap(s -> Stream.of(
        Arguments.of(s, 0.1, 0.0), Arguments.of(s, 0.0, 0.05), Arguments.of(s, 0.1, 0.05)));
  }

  /**
   * ADAMW's L2 is decoupled weight decay: the first step is
   * {@code θ ← θ(1 − ηλ) − η m̂/(√v̂ + ε)} on weights, with the moments of the data gradient g
   * alone, and {@code θ ← θ − η m̂/(√v̂ + ε)} on biases.
   */
  @Test
  void adamwDecaysTheWeightsOutsideTheGradient() {
    Network net = Shape.SMALL.network(5);
    double eta = 0.01;
    double lambda = 0.5;
    Batch b = batch(net, 5, 6);
    TrainerConfig cfg = TrainerTest.config().optimizer(OptimizerType.ADAMW).learningRate(eta)
        .l2(lambda).build();
    GradientStep step = new GradientStep(net, cfg, 5);
    fill(step.workspace(), b);
    double[] before = net.parameters().clone();
    double[] g = dataGradient(net, before, b);

    step.run(b.rows, eta, null, 1);

    double b1 = OptimizerType.BETA1;
    double b2 = OptimizerType.BETA2;
    for (int i = 0; i < before.length; i++) {
      double mHat = (1 - b1) * g[i] / (1 - b1);
      double vHat = (1 - b2) * g[i] * g[i] / (1 - b2);
      double decayed = isWeight(net, i) ? before[i] * (1 - eta * lambda) : before[i];
      double expected = decayed - eta * mHat / (Math.sqrt(vHat) + OptimizerType.EPSILON);
      assertEquals(expected, net.parameters()[i], 1e-12, "parameter " + i);
    }
  }

  /**
   * Clipping the global norm (penalty included): with {@code clip < ‖G‖} the update is
   * {@code −η · clip · G/‖G‖}, of norm {@code η · clip}; with {@code clip > ‖G‖} it is
   * {@code −η G}.
   */
  @ParameterizedTest(name = "{0}, l2={1}, clip={2}×‖G‖")
  @MethodSource("clipping")
  void clippingScalesTheUpdateToTheClipNorm(Shape shape, double l2, double clipFraction) {
    Network net = shape.network(7);
    double eta = 0.5;
    Batch b = batch(net, 8, 8);
    double[] before = net.parameters().clone();
    double[] full = dataGradient(net, before, b);
    for (int i = 0; i < full.length; i++) {
      full[i] += isWeight(net, i) ? l2 * before[i] : 0;
    }
    double fullNorm = norm(full);
    double clip = clipFraction * fullNorm;
    GradientStep step = new GradientStep(net, sgd(eta).l2(l2).clipNorm(clip).build(), 8);
    fill(step.workspace(), b);

    step.run(b.rows, eta, null, 1);

    double scale = clipFraction < 1 ? clip / fullNorm : 1;
    double[] update = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      update[i] = net.parameters()[i] - before[i];
      assertEquals(-eta * scale * full[i], update[i], 1e-12, "parameter " + i);
    }
    assertEquals(eta * Math.min(clip, fullNorm), norm(update), 1e-12);
  }

  static Stream<Arguments> clipping() {
    return Stream.of(Shape.SMALL, Shape.DEEP_REGRESSION, Shape.MULTI_CHUNK).flatMap(s -> Stream.of(
        Arguments.of(s, 0.0, 0.25), Arguments.of(s, 0.1, 0.25), Arguments.of(s, 0.0, 2.0)));
  }

  /** The return value is {@code Σ w_i loss_i} at the parameters before the update. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Shape.class)
  void returnsTheWeightedLossSumBeforeTheUpdate(Shape shape) {
    Network net = shape.network(9);
    double eta = 0.1;
    GradientStep step = new GradientStep(net, sgd(eta).l2(0.1).build(), 9);
    for (int s = 0; s < 3; s++) {
      Batch b = batch(net, 9 - s, 10 + s); // 9, 8, 7 rows
      double[] before = net.parameters().clone();
      double expected = weightedLoss(net, before, b);
      fill(step.workspace(), b);
      double got = step.run(b.rows, eta, null, 1);
      assertEquals(expected, got, 1e-12 * Math.max(1, Math.abs(expected)), "step " + s);
      assertFalse(Arrays.equals(before, net.parameters()), "the step changed nothing");
    }
  }

  /**
   * {@code drainLayerNorms} gives {@code sqrt(mean over the steps of ‖g_W_l‖²)} per weight layer
   * (data gradient of the layer's weight matrix: no biases, no penalty) and then resets.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Shape.class)
  void drainLayerNormsGivesTheRmsOfTheDataGradientNormsAndResets(Shape shape) {
    Network net = shape.network(11);
    double eta = 0.05;
    GradientStep step = new GradientStep(net, sgd(eta).l2(0.3).l1(0.01).build(), 6);
    int layers = net.numLayers();
    double[] sumSq = new double[layers];
    int steps = 3;
    double[] lastSq = new double[layers];
    for (int s = 0; s < steps; s++) {
      Batch b = batch(net, 6, 20 + s);
      double[] g = dataGradient(net, net.parameters().clone(), b);
      for (int l = 0; l < layers; l++) {
        lastSq[l] = layerWeightNormSq(net, g, l);
        sumSq[l] += lastSq[l];
      }
      fill(step.workspace(), b);
      step.run(b.rows, eta, null, 1);
    }
    double[] out = new double[layers];
    step.drainLayerNorms(out);
    for (int l = 0; l < layers; l++) {
      double expected = Math.sqrt(sumSq[l] / steps);
      assertTrue(expected > 0, "layer " + l + " has no gradient: the test proves nothing");
      assertEquals(expected, out[l], 1e-12 * expected, "layer " + l);
    }

    // nothing since the last call: zeros
    Arrays.fill(out, -1);
    step.drainLayerNorms(out);
    assertArrayEquals(new double[layers], out, 0.0);

    // one more step: that step's norms alone
    Batch b = batch(net, 4, 30);
    double[] g = dataGradient(net, net.parameters().clone(), b);
    fill(step.workspace(), b);
    step.run(b.rows, eta, null, 2);
    step.drainLayerNorms(out);
    for (int l = 0; l < layers; l++) {
      double expected = Math.sqrt(layerWeightNormSq(net, g, l));
      assertEquals(expected, out[l], 1e-12 * expected, "layer " + l + " after a reset");
    }
  }

  /** A poisoned batch: where the non-finite value goes and the kind of failure it must give. */
  enum Poison {
    NAN_INPUT(DivergenceException.Kind.LOSS_NOT_FINITE),
    NAN_TARGET(DivergenceException.Kind.LOSS_NOT_FINITE),
    /** tanh saturates to ±1, so the loss stays finite, but ∂L/∂W₁ = 0 · ∞ = NaN. */
    INFINITE_INPUT(DivergenceException.Kind.GRADIENT_NOT_FINITE);

    final DivergenceException.Kind kind;

    Poison(DivergenceException.Kind kind) {
      this.kind = kind;
    }

    /** Puts this poison into a batch of {@code net}'s shape. */
    void apply(Batch b, Network net) {
      switch (this) {
        case NAN_INPUT:
          b.x[2 * net.inputs() + 1] = Double.NaN;
          break;
        case NAN_TARGET:
          b.y[3 * net.outputs()] = Double.NaN;
          break;
        default:
          b.x[1] = Double.POSITIVE_INFINITY;
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Poison.class)
  void nonFiniteBatchRaisesDivergenceWithoutApplyingTheStep(Poison poison) {
    Network net = Shape.SMALL.network(13);
    double eta = 0.0123;
    Batch b = batch(net, 5, 14);
    poison.apply(b, net);
    GradientStep step = new GradientStep(net, sgd(eta).build(), 5);
    fill(step.workspace(), b);
    double[] before = net.parameters().clone();

    DivergenceException e =
        assertThrows(DivergenceException.class, () -> step.run(b.rows, eta, null, 7));

    assertEquals(poison.kind, e.kind());
    assertEquals(7, e.epoch());
    assertEquals(eta, e.learningRate(), 0.0);
    assertFalse(Double.isFinite(e.value()), "value " + e.value());
    assertTrue(e.getMessage().contains("epoch 7"), e.getMessage());
    assertTrue(e.getMessage().contains("0.0123"), e.getMessage());
    assertArrayEquals(before, net.parameters(), 0.0);
  }

  /**
   * A step whose divergence ends the training may update before it checks, but it still
   * reports the same failure for the same poisoned batch.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Poison.class)
  void stepThatMayUpdateFirstRaisesTheSameDivergence(Poison poison) {
    Network net = Shape.SMALL.network(13);
    Batch b = batch(net, 5, 14);
    poison.apply(b, net);
    GradientStep step = new GradientStep(net, sgd(0.01).build(), 5, -1, true);
    fill(step.workspace(), b);

    DivergenceException e =
        assertThrows(DivergenceException.class, () -> step.run(b.rows, 0.01, null, 3));

    assertEquals(poison.kind, e.kind());
    assertEquals(3, e.epoch());
  }

  /**
   * The step that may update before its divergence check (the norms then ride along with the
   * update, unless clipping needs the norm first) gives the checked step's losses, parameters
   * and layer norms to the bit, with SGD and Adam, penalties, on one thread and on two, with the
   * first layer in two blocks too.
   */
  @ParameterizedTest(name = "{0}, {1}, clip {2}, {3} threads")
  @MethodSource("updateFirstCases")
  void updatingBeforeTheCheckGivesTheCheckedStepsBits(Shape shape, OptimizerType optimizer,
      double clip, int threads) {
    TrainerConfig cfg = TrainerTest.config().optimizer(optimizer).learningRate(0.01)
        .momentum(0.9).l1(0.001).l2(0.01).clipNorm(clip).build();
    Network checked = shape.network(29);
    Network updateFirst = checked.copy();
    GradientStep checkedStep = new GradientStep(checked, cfg, 20);
    GradientStep updateFirstStep = new GradientStep(updateFirst, cfg, 20, -1, true);
    checkedStep.enterEpochLayout();
    updateFirstStep.enterEpochLayout();
    try (WorkerPool pool = threads == 1 ? null : new WorkerPool(threads)) {
      for (int s = 0; s < 3; s++) {
        Batch b = batch(checked, 20, 80 + s);
        fill(checkedStep.workspace(), b);
        fill(updateFirstStep.workspace(), b);
        assertEquals(checkedStep.run(20, 0.01, pool, 1), updateFirstStep.run(20, 0.01, pool, 1),
            0.0, "loss of step " + s);
      }
    }
    checkedStep.exitEpochLayout();
    updateFirstStep.exitEpochLayout();
    assertArrayEquals(checked.parameters(), updateFirst.parameters(), 0.0);
    double[] normsChecked = new double[checked.numLayers()];
    double[] normsUpdateFirst = new double[checked.numLayers()];
    checkedStep.drainLayerNorms(normsChecked);
    updateFirstStep.drainLayerNorms(normsUpdateFirst);
    assertArrayEquals(normsChecked, normsUpdateFirst, 0.0);
  }

  static Stream<Arguments> updateFirstCases() {
    return Stream.of(Shape.MULTI_CHUNK, Shape.INPUT_HALVES).flatMap(s -> Stream.of(
        Arguments.of(s, OptimizerType.SGD, 0.0, 1), Arguments.of(s, OptimizerType.ADAM, 0.0, 2),
        Arguments.of(s, OptimizerType.SGD, 0.05, 2)));
  }

  /**
   * A learning rate of 1e300 on a ReLU network with squared error: the first step's loss is
   * finite (it is measured before the update), a later one overflows; the exception carries
   * the epoch and rate of that call, and the failing step is not applied.
   */
  @Test
  void enormousLearningRateRaisesDivergenceInTheEpochPassedIn() {
    Network net = Shape.DEEP_REGRESSION.network(15);
    double eta = 1e300;
    GradientStep step = new GradientStep(net, sgd(eta).build(), 8);
    DivergenceException thrown = null;
    int epoch = 0;
    double[] beforeFailing = null;
    while (thrown == null && epoch < 10) {
      epoch++;
      beforeFailing = net.parameters().clone();
      fill(step.workspace(), batch(net, 8, 40 + epoch));
      try {
        step.run(8, eta, null, epoch);
      } catch (DivergenceException e) {
        thrown = e;
      }
    }
    assertNotNull(thrown, "no divergence in 10 steps at learning rate 1e300");
    assertTrue(epoch >= 2, "the first step's loss is measured before any update");
    assertTrue(thrown.kind() == DivergenceException.Kind.LOSS_NOT_FINITE
        || thrown.kind() == DivergenceException.Kind.GRADIENT_NOT_FINITE, "kind " + thrown.kind());
    assertEquals(epoch, thrown.epoch());
    assertEquals(eta, thrown.learningRate(), 0.0);
    assertEquals(DivergenceException.LARGEST_SUGGESTED_RATE, thrown.suggestedLearningRate(), 0.0,
        "a tenth of an absurd rate would be absurd too");
    assertTrue(thrown.getMessage().contains("epoch " + epoch), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("1.00e+300"), thrown.getMessage());
    assertArrayEquals(beforeFailing, net.parameters(), 0.0);
  }

  /**
   * After two steps (state built up), {@code resetOptimizer} makes the next step equal that of
   * a fresh {@code GradientStep} from the same parameters, bit for bit; without the reset the
   * step differs, so the state did matter.
   */
  @ParameterizedTest(name = "{0}, nesterov={1}")
  @CsvSource({"SGD, false", "SGD, true", "ADAM, false", "ADAMW, false", "RMSPROP, false",
      "ADAGRAD, false"})
  void resetOptimizerMakesTheNextStepEqualAFreshOptimizers(OptimizerType type, boolean nesterov) {
    TrainerConfig cfg = TrainerTest.config().optimizer(type).momentum(0.9).nesterov(nesterov)
        .learningRate(0.05).l2(0.01).build();
    Network reset = Shape.SMALL.network(17);
    Network kept = reset.copy();
    GradientStep resetStep = new GradientStep(reset, cfg, 6);
    GradientStep keptStep = new GradientStep(kept, cfg, 6);
    Batch[] batches = {batch(reset, 6, 50), batch(reset, 6, 51), batch(reset, 6, 52)};
    for (int s = 0; s < 2; s++) {
      fill(resetStep.workspace(), batches[s]);
      resetStep.run(6, 0.05, null, 1);
      fill(keptStep.workspace(), batches[s]);
      keptStep.run(6, 0.05, null, 1);
    }
    assertArrayEquals(reset.parameters(), kept.parameters(), 0.0);
    Network fresh = reset.copy();
    GradientStep freshStep = new GradientStep(fresh, cfg, 6);

    resetStep.resetOptimizer();
    fill(resetStep.workspace(), batches[2]);
    resetStep.run(6, 0.05, null, 2);
    fill(freshStep.workspace(), batches[2]);
    freshStep.run(6, 0.05, null, 2);
    fill(keptStep.workspace(), batches[2]);
    keptStep.run(6, 0.05, null, 2);

    assertArrayEquals(fresh.parameters(), reset.parameters(), 0.0);
    assertFalse(Arrays.equals(kept.parameters(), reset.parameters()),
        "the optimizer's state made no difference: the test proves nothing");
  }
}
