package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks in the style of Deeplearning4j's {@code GradientCheckUtil}: the analytic
 * gradient of the training objective
 *
 * <pre>
 *   J(θ) = (1/B) Σ_i w_i L_i(θ) + R(θ),   R(θ) = λ₁ Σ|w| + (λ₂/2) Σ w²   (weights only)
 * </pre>
 *
 * computed by {@link Network#forward}, {@link Network#backward} and
 * {@link Regularizer#addGradient}, is compared for EVERY parameter with a central finite
 * difference {@code (J(θ+h e_p) − J(θ−h e_p)) / 2h} in double precision. The relative error
 * {@code |a − n| / (|a| + |n|)} must be below {@value #MAX_RELATIVE_ERROR}; a component passes
 * on its absolute error alone when that is below {@value #MIN_ABSOLUTE_ERROR} (Deeplearning4j's
 * {@code minAbsoluteError}), since rounding in {@code J(θ±h)} limits a central difference of an
 * O(1) objective to about 1e-9 absolute accuracy; at least 90% of the components must pass on
 * the relative error alone, so the floor cannot hide a wrong gradient, and at least half must be
 * non-zero, so a dead network cannot pass vacuously.
 *
 * <p>The objective J used for the finite differences is computed by an independent reference
 * implementation in this test (losses from the pre-activations, penalty from the parameters), so
 * the check also verifies the loss values {@code backward} returns and that the penalty skips
 * the biases. Every hidden activation is crossed with every valid output/loss pairing, with and
 * without L1 and L2, with and without label smoothing; plus networks without hidden layers,
 * mixed activations, and fixed dropout masks.
 *
 * <p>Kinks (ReLU and leaky ReLU at 0, ELU's second derivative at 0, the absolute error at 0,
 * Huber at |r| = 1, L1 at w = 0) are avoided by redrawing the problem, deterministically, until
 * no pre-activation, residual or weight lies within {@value #KINK_MARGIN} of a kink; a step of
 * {@value #H} cannot move any of them that far, so every parameter is checked.
 */
class GradientCheckTest {

  static final double H = 1e-6;
  static final double MAX_RELATIVE_ERROR = 1e-6;
  static final double MIN_ABSOLUTE_ERROR = 1e-8;
  static final double KINK_MARGIN = 1e-4;
  static final int ROWS = 5;
  static final int INPUTS = 3;

  /** The valid pairings of output transform and loss, with the number of output units used. */
  enum Head {
    SOFTMAX_CROSS_ENTROPY(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 3),
    SIGMOID_BINARY_CROSS_ENTROPY(OutputActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 3),
    SIGMOID_SQUARED_ERROR(OutputActivation.SIGMOID, Loss.SQUARED_ERROR, 2),
    IDENTITY_SQUARED_ERROR(OutputActivation.IDENTITY, Loss.SQUARED_ERROR, 2),
    SIGMOID_ABSOLUTE_ERROR(OutputActivation.SIGMOID, Loss.ABSOLUTE_ERROR, 2),
    IDENTITY_ABSOLUTE_ERROR(OutputActivation.IDENTITY, Loss.ABSOLUTE_ERROR, 2),
    SIGMOID_HUBER(OutputActivation.SIGMOID, Loss.HUBER, 2),
    IDENTITY_HUBER(OutputActivation.IDENTITY, Loss.HUBER, 3);

    final OutputActivation activation;
    final Loss loss;
    final int outputs;

    Head(OutputActivation activation, Loss loss, int outputs) {
      this.activation = activation;
      this.loss = loss;
      this.outputs = outputs;
    }

    boolean crossEntropy() {
      return !loss.isRegression();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Parameter sources
  // ------------------------------------------------------------------------------------------

  /** Label smoothing values that make sense for a head. */
  static double[] smoothings(Head head) {
    return head.crossEntropy() ? new double[] {0, 0.1} : new double[] {0};
  }

  static final double[][] PENALTIES = {{0, 0}, {0.03, 0}, {0, 0.1}, {0.03, 0.1}};

  /** Every hidden activation × head × smoothing × {no penalty, L1, L2, L1+L2}. */
  static Stream<Arguments> hiddenCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Activation act : Activation.values()) {
      for (Head head : Head.values()) {
        for (double eps : smoothings(head)) {
          for (double[] pen : PENALTIES) {
            cases.add(Arguments.of(act, head, eps, pen[0], pen[1]));
          }
        }
      }
    }
    return cases.stream();
  }

  /** Every head × smoothing × penalty, for a network without hidden layers. */
  static Stream<Arguments> linearCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Head head : Head.values()) {
      for (double eps : smoothings(head)) {
        for (double[] pen : PENALTIES) {
          cases.add(Arguments.of(head, eps, pen[0], pen[1]));
        }
      }
    }
    return cases.stream();
  }

  // ------------------------------------------------------------------------------------------
  // Tests
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} hidden 4,3, {1}, smoothing {2}, l1 {3}, l2 {4}")
  @MethodSource("hiddenCases")
  void gradientMatchesFiniteDifferences(
      Activation act, Head head, double smoothing, double l1, double l2) {
    String spec = "4:" + act + ",3:" + act;
    Problem p = Problem.draw(spec, head, smoothing, l1, l2, false, seedOf(act, head, l1, l2));
    p.checkGradient();
  }

  @ParameterizedTest(name = "no hidden layer, {0}, smoothing {1}, l1 {2}, l2 {3}")
  @MethodSource("linearCases")
  void gradientWithoutHiddenLayers(Head head, double smoothing, double l1, double l2) {
    Problem p = Problem.draw("", head, smoothing, l1, l2, false, seedOf(null, head, l1, l2));
    assertEquals(1, p.net.numLayers());
    p.checkGradient();
  }

  @ParameterizedTest(name = "mixed activations, {0}")
  @EnumSource(Head.class)
  void gradientWithMixedActivationsAndThreeHiddenLayers(Head head) {
    Problem p =
        Problem.draw("5:GELU,4:LEAKY_RELU,3:SOFTPLUS", head, head.crossEntropy() ? 0.05 : 0,
            0.01, 0.02, false, 77 + head.ordinal());
    p.checkGradient();
  }

  /**
   * A hidden-to-hidden layer whose delta is summed by unit halves ({@link UnitHalves}), under
   * the heads with bounded outputs: an identity output over 66 units makes the objective large
   * enough that the finite differences' rounding alone passes the absolute floor (about 1.5e-8 on
   * 8 of the 3,000 components, the same 8 with the layer summed whole).
   */
  @ParameterizedTest(name = "unit halves, {0}")
  @EnumSource(value = Head.class, names = {"SOFTMAX_CROSS_ENTROPY",
      "SIGMOID_BINARY_CROSS_ENTROPY", "SIGMOID_SQUARED_ERROR", "SIGMOID_HUBER"})
  void gradientThroughALayerCutByUnits(Head head) {
    Problem p = Problem.draw("40:TANH,66:SOFTPLUS", head, 0, 0, 0, false,
        500 + head.ordinal());
    assertEquals(33, UnitHalves.cut(p.net, 1));
    p.checkGradient();
  }

  @ParameterizedTest(name = "dropout with fixed masks, {0} hidden")
  @EnumSource(Activation.class)
  void gradientWithFixedDropoutMasks(Activation act) {
    for (Head head : new Head[] {Head.SOFTMAX_CROSS_ENTROPY, Head.IDENTITY_SQUARED_ERROR}) {
      Problem p = Problem.draw(
          "4:" + act + ",3:" + act, head, 0, 0, 0.05, true, 1000 + act.ordinal());
      // The masks must actually change the outputs, or this would be the plain check again.
      double[] masked = p.outputs();
      double[] plain = p.outputs(null);
      assertTrue(!Arrays.equals(masked, plain), "dropout masks had no effect");
      p.checkGradient();
    }
  }

  /** Forward pass against a naive evaluation of the documented parameter layout. */
  @ParameterizedTest(name = "forward of {0} matches naive reference")
  @EnumSource(Activation.class)
  void forwardMatchesNaiveReference(Activation act) {
    for (Head head : Head.values()) {
      Problem p = Problem.draw("4:" + act + ",3:" + act, head, 0, 0, 0, false, 5 + act.ordinal());
      double[] engine = p.outputs();
      double[] naive = p.naiveOutputs();
      // GELU's Φ is Abramowitz & Stegun's approximation (|error| ≤ 1.5e-7); the naive
      // reference uses the exact erf
      double tolerance = act == Activation.GELU ? 1e-6 : 1e-12;
      assertArrayEquals(naive, engine, tolerance, () -> act + " / " + head);
    }
  }

  /** The loss returned by backward is Σ w_i L_i, and the gradient is additive over row blocks. */
  @ParameterizedTest(name = "backward accumulates over row blocks, {0}")
  @EnumSource(Head.class)
  void backwardAccumulatesOverRowBlocks(Head head) {
    Problem p = Problem.draw("4:TANH,3:ELU", head, 0, 0, 0, false, 31 + head.ordinal());
    int n = p.net.numParameters();

    double[] whole = new double[n];
    p.net.forward(p.ws, 0, ROWS);
    double lossWhole = p.net.backward(p.ws, 0, ROWS, ROWS, whole);
    assertEquals(ROWS * p.referenceDataLoss(), lossWhole, 1e-12 * Math.abs(lossWhole) + 1e-15);

    // Forward and backward in two blocks, into one accumulator that already holds something.
    double[] blocks = new double[n];
    Arrays.fill(blocks, 0.25);
    p.net.forward(p.ws, 0, 2);
    p.net.forward(p.ws, 2, ROWS);
    double lossA = p.net.backward(p.ws, 0, 2, ROWS, blocks);
    double lossB = p.net.backward(p.ws, 2, ROWS, ROWS, blocks);
    assertEquals(lossWhole, lossA + lossB, 1e-12 * Math.abs(lossWhole));
    for (int i = 0; i < n; i++) {
      assertEquals(whole[i] + 0.25, blocks[i], 1e-12, "parameter " + i);
    }
  }

  // ------------------------------------------------------------------------------------------
  // The problem: a random network, batch, targets and weights away from every kink
  // ------------------------------------------------------------------------------------------

  static long seedOf(Activation act, Head head, double l1, double l2) {
    return 1009L * (act == null ? 99 : act.ordinal()) + 37L * head.ordinal()
        + (l1 > 0 ? 5 : 0) + (l2 > 0 ? 11 : 0);
  }

  static final class Problem {
    final Network net;
    final Workspace ws;
    final Regularizer reg;
    final OutputLayer head;
    final double l1;
    final double l2;
    /** Fixed dropout masks applied by every pass, or null. */
    final Dropout dropout;

    private Problem(Network net, Workspace ws, Regularizer reg, double l1, double l2,
        Dropout dropout) {
      this.net = net;
      this.ws = ws;
      this.reg = reg;
      this.head = net.outputLayer();
      this.l1 = l1;
      this.l2 = l2;
      this.dropout = dropout;
    }

    /**
     * Draws random parameters (biases included), inputs, targets and non-uniform example
     * weights; redraws (deterministically, from the same seeded generator) while anything sits
     * within {@link #KINK_MARGIN} of a kink.
     */
    static Problem draw(String spec, Head h, double smoothing, double l1, double l2,
        boolean dropout, long seed) {
      Random rnd = new Random(seed);
      LayerSpec layers = LayerSpec.parse(spec, Activation.TANH);
      OutputLayer out = new OutputLayer(h.activation, h.loss, smoothing);
      for (int attempt = 0; attempt < 1000; attempt++) {
        Network net = new Network(INPUTS, layers, h.outputs, out);
        double[] theta = net.parameters();
        for (int i = 0; i < theta.length; i++) {
          theta[i] = 0.6 * rnd.nextGaussian();
        }
        Workspace ws = new Workspace(net, ROWS, true);
        double[] x = ws.activations(0);
        for (int i = 0; i < x.length; i++) {
          x[i] = rnd.nextGaussian();
        }
        double[] y = ws.targets();
        for (int r = 0; r < ROWS; r++) {
          for (int k = 0; k < h.outputs; k++) {
            int idx = r * h.outputs + k;
            switch (h.loss) {
              case CROSS_ENTROPY:
                y[idx] = 0;
                break;
              case BINARY_CROSS_ENTROPY:
                y[idx] = rnd.nextBoolean() ? 1 : 0;
                break;
              default:
                // sigmoid outputs live in (0,1); identity outputs get a wide spread so that
                // Huber sees both its quadratic and its linear regime
                y[idx] = h.activation == OutputActivation.SIGMOID
                    ? rnd.nextDouble() : 1.2 * rnd.nextGaussian();
            }
          }
          if (h.loss == Loss.CROSS_ENTROPY) {
            y[r * h.outputs + rnd.nextInt(h.outputs)] = 1;
          }
        }
        double[] w = ws.weights();
        for (int r = 0; r < ROWS; r++) {
          w[r] = 0.2 + 1.8 * rnd.nextDouble();
        }
        Dropout fixed = null;
        if (dropout) {
          double[][] masks = new double[layers.depth()][];
          for (int l = 0; l < layers.depth(); l++) {
            masks[l] = new double[ROWS * layers.width(l)];
            for (int i = 0; i < masks[l].length; i++) {
              masks[l][i] = rnd.nextDouble() < 0.3 ? 0 : 1 / 0.7;
            }
          }
          fixed = Dropout.withMasks(net, masks);
        }
        Problem p = new Problem(net, ws, new Regularizer(net, l1, l2), l1, l2, fixed);
        if (!p.nearKink() && p.seesBothHuberRegimes()) {
          return p;
        }
      }
      throw new AssertionError("could not draw a problem away from kinks");
    }

    /** Whether any pre-activation, residual or weight lies within KINK_MARGIN of a kink. */
    boolean nearKink() {
      forward();
      int last = net.numLayers() - 1;
      for (int l = 0; l < last; l++) {
        Activation a = net.hiddenActivation(l);
        if (a == Activation.RELU || a == Activation.LEAKY_RELU || a == Activation.ELU) {
          double[] z = ws.preActivations(l);
          for (int i = 0; i < ROWS * net.size(l + 1); i++) {
            if (Math.abs(z[i]) < KINK_MARGIN) {
              return true;
            }
          }
        }
      }
      Loss loss = head.loss();
      if (loss == Loss.ABSOLUTE_ERROR || loss == Loss.HUBER) {
        double[] a = ws.activations(last + 1);
        double[] y = ws.targets();
        for (int i = 0; i < ROWS * net.outputs(); i++) {
          double r = Math.abs(a[i] - y[i]);
          double kink = loss == Loss.HUBER ? Loss.HUBER_DELTA : 0;
          if (Math.abs(r - kink) < KINK_MARGIN) {
            return true;
          }
        }
      }
      if (l1 > 0) {
        double[] theta = net.parameters();
        for (int l = 0; l < net.numLayers(); l++) {
          for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
            if (Math.abs(theta[i]) < KINK_MARGIN) {
              return true;
            }
          }
        }
      }
      return false;
    }

    /** For an identity-output Huber loss: whether some residuals are below 1 and some above. */
    boolean seesBothHuberRegimes() {
      if (head.loss() != Loss.HUBER || head.activation() != OutputActivation.IDENTITY) {
        return true;
      }
      double[] a = outputs();
      double[] y = ws.targets();
      boolean small = false;
      boolean large = false;
      for (int i = 0; i < a.length; i++) {
        small |= Math.abs(a[i] - y[i]) < Loss.HUBER_DELTA;
        large |= Math.abs(a[i] - y[i]) > Loss.HUBER_DELTA;
      }
      return small && large;
    }

    /** Forward pass over the batch, through the problem's dropout masks if it has them. */
    void forward() {
      net.forward(ws, 0, ROWS, null, dropout);
    }

    /** A copy of the network's outputs for the batch. */
    double[] outputs() {
      return outputs(dropout);
    }

    /** A copy of the network's outputs for the batch, through the given masks (or none). */
    double[] outputs(Dropout masks) {
      net.forward(ws, 0, ROWS, null, masks);
      return Arrays.copyOf(ws.activations(net.numLayers()), ROWS * net.outputs());
    }

    /** J(θ) by the reference implementation, after a forward pass at the current θ. */
    double referenceObjective() {
      return referenceDataLoss() + referencePenalty();
    }

    /** (1/B) Σ w_i L_i, each L_i computed here from the output pre-activations. */
    double referenceDataLoss() {
      forward();
      int k = net.outputs();
      double[] z = ws.preActivations(net.numLayers() - 1);
      double[] y = ws.targets();
      double[] w = ws.weights();
      double sum = 0;
      for (int r = 0; r < ROWS; r++) {
        sum += w[r] * referenceRowLoss(z, y, r * k, k);
      }
      return sum / ROWS;
    }

    double referenceRowLoss(double[] z, double[] y, int off, int k) {
      double eps = head.labelSmoothing();
      double loss = 0;
      switch (head.loss()) {
        case CROSS_ENTROPY: {
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < k; j++) {
            max = Math.max(max, z[off + j]);
          }
          double s = 0;
          for (int j = 0; j < k; j++) {
            s += Math.exp(z[off + j] - max);
          }
          double lse = max + Math.log(s);
          for (int j = 0; j < k; j++) {
            double t = (1 - eps) * y[off + j] + eps / k;
            loss -= t * (z[off + j] - lse); // −t log softmax(z)
          }
          return loss;
        }
        case BINARY_CROSS_ENTROPY:
          for (int j = 0; j < k; j++) {
            double t = (1 - eps) * y[off + j] + eps / 2;
            double zj = z[off + j];
            // log σ(z) = −log(1 + e^−z),  log(1 − σ(z)) = −log(1 + e^z)
            loss += t * Math.log1p(Math.exp(-zj)) + (1 - t) * Math.log1p(Math.exp(zj));
          }
          return loss;
        default:
          for (int j = 0; j < k; j++) {
            double zj = z[off + j];
            double a = head.activation() == OutputActivation.SIGMOID ? 1 / (1 + Math.exp(-zj)) : zj;
            double r = a - y[off + j];
            switch (head.loss()) {
              case SQUARED_ERROR:
                loss += 0.5 * r * r;
                break;
              case ABSOLUTE_ERROR:
                loss += Math.abs(r);
                break;
              default:
                loss += Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
            }
          }
          return loss;
      }
    }

    /** λ₁ Σ|w| + (λ₂/2) Σ w² over the weight matrices only. */
    double referencePenalty() {
      double[] theta = net.parameters();
      double pen = 0;
      for (int l = 0; l < net.numLayers(); l++) {
        for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
          pen += l1 * Math.abs(theta[i]) + 0.5 * l2 * theta[i] * theta[i];
        }
      }
      return pen;
    }

    /** The analytic ∇J: backward with gradScale = B, plus the regularizer's gradient. */
    double[] analyticGradient() {
      double[] grad = new double[net.numParameters()];
      forward();
      double weightedLoss = net.backward(ws, 0, ROWS, ROWS, grad, null, dropout);
      reg.addGradient(net.parameters(), grad);
      // backward returns Σ w_i L_i; the reference computes (1/B) Σ w_i L_i independently
      double ref = ROWS * referenceDataLoss();
      assertEquals(ref, weightedLoss, 1e-12 * Math.abs(ref) + 1e-15, "loss value from backward");
      assertEquals(referencePenalty(), reg.penalty(net.parameters()),
          1e-12 * Math.abs(referencePenalty()) + 1e-15, "penalty value");
      return grad;
    }

    /** Compares every component of the analytic and numerical gradients. */
    void checkGradient() {
      double[] analytic = analyticGradient();
      double[] theta = net.parameters();
      List<String> failures = new ArrayList<>();
      int nonZero = 0;
      int relativeOk = 0;
      for (int i = 0; i < theta.length; i++) {
        double old = theta[i];
        double up = old + H;
        double down = old - H;
        theta[i] = up;
        double jUp = referenceObjective();
        theta[i] = down;
        double jDown = referenceObjective();
        theta[i] = old;
        double numeric = (jUp - jDown) / (up - down); // the exactly representable step
        double a = analytic[i];
        double abs = Math.abs(a - numeric);
        double rel = abs == 0 ? 0 : abs / (Math.abs(a) + Math.abs(numeric));
        if (Math.abs(a) > MIN_ABSOLUTE_ERROR) {
          nonZero++;
        }
        if (rel <= MAX_RELATIVE_ERROR) {
          relativeOk++;
        } else if (abs > MIN_ABSOLUTE_ERROR) {
          failures.add(String.format("param %d (%s): analytic %.12g numeric %.12g rel %.3g",
              i, describe(i), a, numeric, rel));
        }
      }
      assertTrue(failures.isEmpty(),
          net + ", l1 " + l1 + ", l2 " + l2 + (dropout != null ? ", dropout" : "") + ": "
              + failures.size() + " of " + theta.length + " components wrong:\n"
              + String.join("\n", failures));
      // Guard against a vacuous check: an all-zero gradient would trivially match, and the
      // absolute floor must rescue only the few components too small to difference accurately.
      assertTrue(nonZero >= theta.length / 2,
          "only " + nonZero + " of " + theta.length + " gradient components are non-zero");
      assertTrue(relativeOk >= 0.9 * theta.length,
          "only " + relativeOk + " of " + theta.length + " components within relative error");
    }

    /** Human-readable location of parameter i. */
    String describe(int i) {
      for (int l = net.numLayers() - 1; l >= 0; l--) {
        if (i >= net.biasOffset(l)) {
          return "layer " + l + " bias " + (i - net.biasOffset(l));
        }
        if (i >= net.weightOffset(l)) {
          int in = net.size(l);
          int j = (i - net.weightOffset(l)) / in;
          return "layer " + l + " weight[" + j + "][" + (i - net.weightOffset(l)) % in + "]";
        }
      }
      return "?";
    }

    /** Network outputs by a naive loop over the documented layout (W row-major, then b). */
    double[] naiveOutputs() {
      double[] theta = net.parameters();
      double[] out = new double[ROWS * net.outputs()];
      for (int r = 0; r < ROWS; r++) {
        double[] a = Arrays.copyOfRange(ws.activations(0), r * INPUTS, (r + 1) * INPUTS);
        for (int l = 0; l < net.numLayers(); l++) {
          int in = net.size(l);
          int o = net.size(l + 1);
          double[] z = new double[o];
          for (int j = 0; j < o; j++) {
            z[j] = theta[net.biasOffset(l) + j];
            for (int q = 0; q < in; q++) {
              z[j] += theta[net.weightOffset(l) + j * in + q] * a[q];
            }
          }
          a = new double[o];
          if (l < net.numLayers() - 1) {
            for (int j = 0; j < o; j++) {
              a[j] = naiveActivation(net.hiddenActivation(l), z[j]);
            }
          } else if (head.activation() == OutputActivation.SOFTMAX) {
            double s = 0;
            for (int j = 0; j < o; j++) {
              s += Math.exp(z[j]);
            }
            for (int j = 0; j < o; j++) {
              a[j] = Math.exp(z[j]) / s;
            }
          } else {
            for (int j = 0; j < o; j++) {
              a[j] = head.activation() == OutputActivation.SIGMOID
                  ? 1 / (1 + Math.exp(-z[j])) : z[j];
            }
          }
        }
        System.arraycopy(a, 0, out, r * net.outputs(), net.outputs());
      }
      return out;
    }

    static double naiveActivation(Activation act, double z) {
      switch (act) {
        case RELU:
          return Math.max(0, z);
        case LEAKY_RELU:
          return z > 0 ? z : 0.01 * z;
        case ELU:
          return z > 0 ? z : Math.exp(z) - 1;
        case GELU:
          return z * 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        case TANH:
          return Math.tanh(z);
        case SIGMOID:
          return 1 / (1 + Math.exp(-z));
        case SOFTPLUS:
          return Math.log(1 + Math.exp(z));
        case IDENTITY:
          return z;
        default:
          throw new AssertionError(act);
      }
    }
  }

  /** Sanity check of the checker itself: a corrupted gradient must be caught. */
  @Test
  void checkerDetectsAWrongGradient() {
    Problem p = Problem.draw("4:TANH", Head.SOFTMAX_CROSS_ENTROPY, 0, 0, 0, false, 3);
    double[] theta = p.net.parameters();
    double[] analytic = p.analyticGradient();
    // A 1e-4 relative perturbation of one component is far above the tolerance.
    int i = p.net.biasOffset(0);
    double old = theta[i];
    theta[i] = old + H;
    double jUp = p.referenceObjective();
    theta[i] = old - H;
    double jDown = p.referenceObjective();
    theta[i] = old;
    double numeric = (jUp - jDown) / (2 * H);
    double wrong = analytic[i] * (1 + 1e-4);
    double rel = Math.abs(wrong - numeric) / (Math.abs(wrong) + Math.abs(numeric));
    assertTrue(Math.abs(analytic[i]) > 1e-3, "component too small for this check");
    assertTrue(rel > MAX_RELATIVE_ERROR, "checker cannot see a 1e-4 relative error: " + rel);
  }
}
