package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputActivation;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * {@link ModelAverager}'s fold / average / unfold algebra on models whose encoders were fitted
 * on different partitions.
 *
 * <p>Header: numeric {@code x}, nominal {@code bin} {no, yes}, numeric class {@code y}. Streaming
 * encoders lay out 4 columns: x, x missing, bin, bin missing; a network without hidden layer has
 * parameters {@code [w_x, w_xmiss, w_bin, w_binmiss, b]}.
 *
 * <p>Model A saw x = 1, 2, 3 (μ 2, s 1) and y = 10, 20, 30 (μ 20, σ 10); model B saw
 * x = 4, 4, 6, 8, 8 (μ 6, s 2) and y = 0, 0, 40, 80, 80 (μ 40, σ 40). Pooled: x has mean 4.5 and
 * Σ(x − 4.5)² = 48, so s = √(48/7); y has mean 32.5 and Σ(y − 32.5)² = 7350, so σ = √1050.
 */
class ModelAveragerTest {

  private static final double[] A_X = {1, 2, 3};
  private static final double[] A_Y = {10, 20, 30};
  private static final double[] A_P = {0.5, 0.25, -1, 2, 0.1};
  private static final double[] B_X = {4, 4, 6, 8, 8};
  private static final double[] B_Y = {0, 0, 40, 80, 80};
  private static final double[] B_P = {1, 0, 0.5, -0.5, -0.2};

  /** A network with its encoders, as one partition leaves it. */
  private static final class Model {
    final Network net;
    final InstanceEncoder enc;
    final TargetEncoder tgt;

    Model(Network net, InstanceEncoder enc, TargetEncoder tgt) {
      this.net = net;
      this.enc = enc;
      this.tgt = tgt;
    }

    double predict(Instance inst) {
      double[] x = new double[enc.width()];
      enc.encode(inst, x, 0);
      double[] out = new double[net.outputs()];
      net.predict(x, 1, new Workspace(net, 1, false), out);
      double[] dist = new double[1];
      tgt.decode(out, 0, dist);
      return dist[0];
    }
  }

  private static Instances header(boolean numericClass) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("bin", new ArrayList<>(List.of("no", "yes"))));
    atts.add(numericClass ? new Attribute("y")
        : new Attribute("y", new ArrayList<>(List.of("a", "b", "c"))));
    Instances h = new Instances("h", atts, 0);
    h.setClassIndex(2);
    return h;
  }

  private static Instance row(Instances header, double x, double bin, double y) {
    Instance i = new DenseInstance(1, new double[] {x, bin, y});
    i.setDataset(header);
    return i;
  }

  private static Network network(String hidden, boolean numericClass, int outputs) {
    OutputLayer out = numericClass
        ? new OutputLayer(OutputActivation.IDENTITY, Loss.SQUARED_ERROR, 0)
        : new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
    return new Network(4, LayerSpec.parse(hidden, Activation.TANH), outputs, out);
  }

  /** Streaming encoders that observed the rows {@code (xs[i], i % 2, ys[i])}. */
  private static Model streamed(Instances header, double[] xs, double[] ys, Network net,
      Normalization norm) {
    InstanceEncoder enc = InstanceEncoder.forStream(header, norm);
    TargetEncoder tgt = TargetEncoder.forStream(header, net.outputs());
    for (int i = 0; i < xs.length; i++) {
      enc.observe(row(header, xs[i], i % 2, ys[i]));
      tgt.observe(ys[i], 1);
    }
    return new Model(net, enc, tgt);
  }

  private static Model linear(double[] xs, double[] ys, double[] params) {
    Network net = network("", true, 1);
    System.arraycopy(params, 0, net.parameters(), 0, params.length);
    return streamed(header(true), xs, ys, net, Normalization.STANDARDIZE);
  }

  /** An empty model to receive an average: fresh streaming encoders, zero parameters. */
  private static Model receiver(Network like) {
    Network net = like.copy();
    Arrays.fill(net.parameters(), 0.0);
    Instances h = header(true);
    return new Model(net, InstanceEncoder.forStream(h, Normalization.STANDARDIZE),
        TargetEncoder.forStream(h, 1));
  }

  private static Model average(Model a, double wa, Model b, double wb) {
    ModelAverager avg = new ModelAverager(a.net, a.enc);
    avg.add(a.net, a.enc, a.tgt, wa);
    avg.add(b.net, b.enc, b.tgt, wb);
    Model out = receiver(a.net);
    avg.finish(out.net, out.enc, out.tgt);
    return out;
  }

  /**
   * Folding A into raw units: the input standardization moves into the bias
   * (b − w_x·μ/s = 0.1 − 0.5·2 = −0.9, w_x/s = 0.5), then the class scaling multiplies
   * everything by σ = 10 and adds μ = 20 to the bias: A' = [5, 2.5, −10, 20 | 11]. Likewise
   * B' = [20, 0, 20, −20 | −88] (w_x = 1/2·40, b = (−0.2 − 1·6/2)·40 + 40). The mean with weights
   * 3/8 and 5/8 is [14.375, 0.9375, 8.75, −5 | −50.875]; unfolding into the pooled statistics
   * divides by σ = √1050 after subtracting μ = 32.5 from the bias, then multiplies w_x by
   * s = √(48/7) and adds w_x·μ/s = 14.375·4.5/√1050 to the bias.
   */
  @Test
  void averageOfTwoPartitionsIsTheHandComputedNetwork() {
    Model a = linear(A_X, A_Y, A_P);
    Model b = linear(B_X, B_Y, B_P);
    Model avg = average(a, 3, b, 5);
    double sy = Math.sqrt(1050);
    double sx = Math.sqrt(48.0 / 7);
    double[] expected = {14.375 * sx / sy, 0.9375 / sy, 8.75 / sy, -5 / sy, -18.6875 / sy};
    assertArrayEquals(expected, avg.net.parameters(), 1e-12);
    assertEquals(4.5, avg.enc.center(0), 1e-12);
    assertEquals(sx, avg.enc.scale(0), 1e-12);
    assertEquals(32.5, avg.tgt.mean(), 1e-12);
    assertEquals(sy, avg.tgt.scale(), 1e-12);
    assertArrayEquals(A_P, a.net.parameters(), 0.0, "the added networks are left alone");
    assertArrayEquals(B_P, b.net.parameters(), 0.0);
  }

  /**
   * Linear models average exactly: on raw inputs without missing values the averaged model
   * predicts the weighted mean of the two models' predictions; weight 0 gives the other model's
   * function.
   */
  @ParameterizedTest(name = "weights {0} and {1}")
  @CsvSource({"3, 5", "5, 3", "0, 5", "3, 0"})
  void linearModelsAverageTheirPredictions(double wa, double wb) {
    Model a = linear(A_X, A_Y, A_P);
    Model b = linear(B_X, B_Y, B_P);
    Model avg = average(a, wa, b, wb);
    double ea = wa / (wa + wb);
    Instances h = header(true);
    for (double x : new double[] {-2, 0, 2.5, 7, 100}) {
      for (double bin : new double[] {0, 1}) {
        Instance probe = row(h, x, bin, 0);
        double expected = ea * a.predict(probe) + (1 - ea) * b.predict(probe);
        assertEquals(expected, avg.predict(probe), 1e-12 * Math.max(1, Math.abs(expected)),
            "x " + x + ", bin " + bin);
      }
    }
  }

  /**
   * When no model saw a row since the last aggregation (all weights 0), {@code finish} takes the
   * plain mean of the folded models: for linear models, the mean of their predictions (it was
   * the zero function once, because the weighted sum it averaged was all zeros).
   */
  @Test
  void allWeightsZeroGiveThePlainMean() {
    Model a = linear(A_X, A_Y, A_P);
    Model b = linear(B_X, B_Y, B_P);
    Model avg = average(a, 0, b, 0);
    Instance probe = row(header(true), -2, 0, 0);
    double expected = (a.predict(probe) + b.predict(probe)) / 2;
    assertEquals(-63.5, expected, 1e-12);
    assertEquals(expected, avg.predict(probe), 1e-12 * Math.abs(expected));
  }

  static Stream<Arguments> normalizationsAndClasses() {
    List<Arguments> out = new ArrayList<>();
    for (Normalization n : Normalization.values()) {
      out.add(Arguments.of(n, true));
      out.add(Arguments.of(n, false));
    }
    return out.stream();
  }

  /**
   * On a network with hidden layers: unfolding with the same statistics undoes folding, and the
   * folded parameters fed raw numeric values compute what the original computes on encoded
   * values (in the class's unit for a numeric class).
   */
  @ParameterizedTest(name = "{0}, numeric class {1}")
  @MethodSource("normalizationsAndClasses")
  void foldExpressesTheNetworkInRawUnitsAndUnfoldUndoesIt(Normalization norm, boolean numeric) {
    Instances h = header(numeric);
    Network net = network("3,2:RELU", numeric, numeric ? 1 : 3);
    Random r = new Random(9);
    double[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextGaussian();
    }
    double[] ys = numeric ? B_Y : new double[] {0, 1, 2, 1, 0};
    Model m = streamed(h, B_X, ys, net, norm);

    Network folded = net.copy();
    ModelAverager.fold(net, folded.parameters(), m.enc, m.tgt);
    double[] back = folded.parameters().clone();
    ModelAverager.unfold(net, back, m.enc, m.tgt);
    assertArrayEquals(p, back, 1e-12);

    Workspace ws = new Workspace(net, 1, false);
    for (double x : new double[] {-3, 0, 5, 11}) {
      double[] encoded = new double[4];
      m.enc.encode(row(h, x, 1, 0), encoded, 0);
      double[] raw = encoded.clone();
      raw[m.enc.columnOf(0)] = x;
      double[] expected = new double[net.outputs()];
      net.predict(encoded, 1, ws, expected);
      if (numeric) {
        m.tgt.decode(expected.clone(), 0, expected);
      }
      double[] got = new double[net.outputs()];
      folded.predict(raw, 1, ws, got);
      assertArrayEquals(expected, got, 1e-12 * Math.max(1, Math.abs(expected[0])), "x " + x);
    }
  }

  /**
   * A model averaged with itself computes the same function. Its parameters change nonetheless:
   * the pooled statistics count every row twice, and the sample standard deviation of x = 1, 2,
   * 3 taken twice is √(4/5), not 1 (of y: √(400/5) = √80, not 10).
   */
  @Test
  void averagingAStreamedModelWithItselfKeepsItsFunction() {
    Network net = network("3", true, 1);
    Random r = new Random(4);
    for (int i = 0; i < net.numParameters(); i++) {
      net.parameters()[i] = r.nextGaussian();
    }
    Model a = streamed(header(true), A_X, A_Y, net, Normalization.STANDARDIZE);
    Model avg = average(a, 3, a, 3);
    assertEquals(Math.sqrt(0.8), avg.enc.scale(0), 1e-12);
    assertEquals(Math.sqrt(80), avg.tgt.scale(), 1e-12);
    Instances h = header(true);
    for (double x : new double[] {-1, 2, 4.5, 30}) {
      Instance probe = row(h, x, 0, 0);
      double before = a.predict(probe);
      assertEquals(before, avg.predict(probe), 1e-12 * Math.max(1, Math.abs(before)), "x " + x);
    }
  }

  /** With batch-fitted encoders nothing is pooled: self-averaging returns the parameters. */
  @Test
  void averagingABatchFittedModelWithItselfReturnsItsParameters() {
    Instances data = header(true);
    for (int i = 0; i < A_X.length; i++) {
      data.add(row(data, A_X[i], i % 2, A_Y[i]));
    }
    InstanceEncoder enc = InstanceEncoder.fit(data, Normalization.STANDARDIZE);
    TargetEncoder tgt = TargetEncoder.fit(data, 1);
    Network net = network("", true, 1);
    System.arraycopy(A_P, 0, net.parameters(), 0, A_P.length);
    ModelAverager avg = new ModelAverager(net, enc);
    avg.add(net, enc, tgt, 3);
    avg.add(net, enc, tgt, 3);
    Network out = net.copy();
    avg.finish(out, enc, tgt);
    assertArrayEquals(A_P, out.parameters(), 1e-12);
    assertEquals(2, enc.center(0), 1e-12, "statistics untouched");
    assertEquals(20, tgt.mean(), 1e-12);
  }

  @Test
  void differentArchitecturesAreRefused() {
    Model a = linear(A_X, A_Y, A_P);
    ModelAverager avg = new ModelAverager(a.net, a.enc);
    Network wider = network("2", true, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> avg.add(wider, a.enc, a.tgt, 1));
    assertTrue(e.getMessage().contains("different architectures"), e.getMessage());
  }

  /**
   * The same through BackpropMLP's public API: two linear regression models (-hidden none,
   * identity output) built on an empty header and trained row by row on different parts of
   * cpu, then aggregated; the average predicts the row-count-weighted mean of their
   * predictions.
   */
  @Test
  void aggregatedLinearBackpropMlpsPredictTheRowWeightedMeanPrediction() throws Exception {
    Instances cpu = TestData.load("cpu");
    BackpropMLP a = streamedMlp(cpu, 0, 60);
    BackpropMLP b = streamedMlp(cpu, 60, cpu.numInstances());
    double na = 60;
    double nb = cpu.numInstances() - 60;
    double[] fa = new double[cpu.numInstances()];
    double[] fb = new double[cpu.numInstances()];
    for (int i = 0; i < fa.length; i++) {
      fa[i] = a.classifyInstance(cpu.instance(i));
      fb[i] = b.classifyInstance(cpu.instance(i));
    }
    a.aggregate(b);
    a.finalizeAggregation();
    for (int i = 0; i < fa.length; i++) {
      double expected = (na * fa[i] + nb * fb[i]) / (na + nb);
      assertEquals(expected, a.classifyInstance(cpu.instance(i)),
          1e-10 * Math.max(1, Math.abs(expected)), "instance " + i);
    }
  }

  /** batchFinished at the end trains on the rows still buffered, so the weights are final. */
  private static BackpropMLP streamedMlp(Instances data, int from, int to) throws Exception {
    return TestData.streamed(data, from, to, "-hidden", "none", "-threads", "1", "-reservoir",
        "0", "-lr", "0.001", "-mini-batch", "4");
  }
}
