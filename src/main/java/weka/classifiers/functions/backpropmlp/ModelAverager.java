package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.Network;


/**
 * Weighted averaging of networks with the same architecture trained on different partitions
 * of the data (federated averaging, McMahan et al. 2017): the parameters are averaged in
 * proportion to how many rows each model saw.
 *
 * <p>Partitions normalize their inputs (and a numeric class) with their own running
 * statistics, so their raw parameters live in different coordinates and cannot be averaged
 * directly. Each model is therefore first <em>folded</em> into raw units: a standardized input
 * {@code x = (v − μ)/s} feeding weight {@code w} is the same as weight {@code w/s} on {@code v}
 * with bias {@code −w μ/s}, and a standardized numeric output {@code (y − μ)/σ} is undone by
 * multiplying the output layer by σ and adding μ to its bias. The folded parameters are
 * averaged, the statistics pooled (Chan, Golub &amp; LeVeque 1979), and the average unfolded into
 * the pooled statistics.
 */
public final class ModelAverager {

  private final String architecture;
  /** Whether the first model was trained row by row (its encoder a stream's): all must match. */
  private final boolean streaming;
  private final double[] sum;
  /** Unweighted sum of the folded parameters, for a round in which no model saw a row. */
  private final double[] plainSum;
  private final RunningStats[] inputs;
  private RunningStats targetStats;
  private double totalWeight;
  private int models;

  /**
   * Starts an average shaped like {@code net}.
   *
   * @param net the architecture every added model must have
   * @param enc its input encoder
   */
  public ModelAverager(Network net, InstanceEncoder enc) {
    architecture = net.toString();
    streaming = enc.isStreaming();
    sum = new double[net.numParameters()];
    plainSum = new double[net.numParameters()];
    inputs = new RunningStats[enc.slots()];
  }

  /**
   * The options averaging needs alike, beyond the architecture: the seed and the initializer
   * (networks that start apart do not average into a model: segment-challenge's two partitions
   * at 96.9 and 94.3 % averaged to 80.7 % with seeds 1 and 2, 96.1 % with the same seed) and
   * the normalization (which decides the encoding). Others, such as the learning rate, the
   * optimizer, the penalty or the epochs, may differ between partitions.
   */
  private static final String[] START_OPTIONS = {"seed", "init", "normalize"};

  /**
   * Refuses two models whose recorded options differ in one that averaging needs alike ({@link
   * #START_OPTIONS}), naming it. Models without recorded options (saved before) pass.
   *
   * @param mine this model's options as trained ({@link FittedModel#trainedOptions})
   * @param other the other model's
   * @throws IllegalArgumentException naming the option that differs
   */
  static void refuseOtherStart(String[] mine, String[] other) {
    if (mine == null || other == null) {
      return;
    }
    for (String name : START_OPTIONS) {
      String a = OptionChecks.valueOf(mine, name);
      String b = OptionChecks.valueOf(other, name);
      if (!java.util.Objects.equals(a, b)) {
        throw new IllegalArgumentException("BackpropMLP: cannot aggregate models trained with"
            + " different -" + name + " (" + a + " vs " + b + "): averaging needs partitions that"
            + " start from the same weights and encode alike; give every partition the same -"
            + name);
      }
    }
  }

  /**
   * Adds one model.
   *
   * @param net its network
   * @param enc its input encoder
   * @param tgt its target encoder
   * @param weight rows it trained on since the last aggregation
   * @throws IllegalArgumentException if its architecture differs
   */
  public void add(Network net, InstanceEncoder enc, TargetEncoder tgt, double weight) {
    refuseUnlike(net, enc);
    double[] folded = net.parameters().clone();
    fold(net, folded, enc, tgt);
    for (int i = 0; i < sum.length; i++) {
      sum[i] += weight * folded[i];
      plainSum[i] += folded[i];
    }
    totalWeight += weight;
    models++;
    for (int j = 0; j < inputs.length; j++) {
      RunningStats s = enc.runningStats(j);
      if (s != null) {
        if (inputs[j] == null) {
          inputs[j] = new RunningStats();
        }
        inputs[j].merge(s);
      }
    }
    if (tgt.runningStats() != null) {
      if (targetStats == null) {
        targetStats = new RunningStats();
      }
      targetStats.merge(tgt.runningStats());
    }
  }

  /**
   * Refuses a model that cannot join this average: built from a whole data set where the first
   * was trained row by row (or the reverse), or of another architecture. Changes nothing, so a
   * caller can check a model before it starts an aggregation.
   *
   * @param net its network
   * @param enc its input encoder
   * @throws IllegalArgumentException saying which
   */
  void refuseUnlike(Network net, InstanceEncoder enc) {
    if (enc.isStreaming() != streaming) {
      throw new IllegalArgumentException("BackpropMLP: cannot aggregate a model built from a whole"
          + " data set with one trained row by row (their inputs are encoded differently: a"
          + " stream gives every column a missing-value indicator); train every partition the"
          + " same way, e.g. row by row: buildClassifier on the empty header, updateClassifier"
          + " per row, batchFinished");
    }
    if (!architecture.equals(net.toString()) || net.numParameters() != sum.length
        || enc.slots() != inputs.length) {
      throw new IllegalArgumentException("cannot aggregate BackpropMLP models with different"
          + " architectures: " + architecture + " vs " + net + "; every partition must use the"
          + " same options and header, and be trained row by row when its data may differ (a"
          + " build from a whole data set adds an input per attribute with a missing value)");
    }
  }

  /**
   * Writes the average into {@code net} and the pooled statistics into the encoders.
   *
   * @param net receives the averaged parameters
   * @param enc receives the pooled input statistics (streaming encoders)
   * @param tgt receives the pooled class statistics (numeric class)
   */
  public void finish(Network net, InstanceEncoder enc, TargetEncoder tgt) {
    double[] p = net.parameters();
    if (totalWeight > 0) {
      for (int i = 0; i < p.length; i++) {
        p[i] = sum[i] / totalWeight;
      }
    } else { // no model saw a row since the last round: plain mean
      for (int i = 0; i < p.length; i++) {
        p[i] = plainSum[i] / Math.max(1, models);
      }
    }
    for (int j = 0; j < inputs.length; j++) {
      if (inputs[j] != null && enc.runningStats(j) != null) {
        enc.setRunningStats(j, inputs[j]);
      }
    }
    if (targetStats != null && tgt.runningStats() != null) {
      tgt.setRunningStats(targetStats);
    }
    unfold(net, p, enc, tgt);
  }

  /** Rewrites {@code p} (laid out as {@code net}) in raw input and output units. */
  static void fold(Network net, double[] p, InstanceEncoder enc, TargetEncoder tgt) {
    rescaleInputs(net, p, enc, true);
    rescaleOutputs(net, p, tgt, true);
  }

  /** Inverse of {@link #fold} with the encoders' current statistics. */
  static void unfold(Network net, double[] p, InstanceEncoder enc, TargetEncoder tgt) {
    rescaleOutputs(net, p, tgt, false);
    rescaleInputs(net, p, enc, false);
  }

  /**
   * Moves the first layer between standardized inputs {@code x = (v − μ)/s} and raw inputs
   * {@code v}: folding maps weight w to {@code w/s} and subtracts {@code w·μ/s} from the
   * unit's bias; unfolding inverts it.
   */
  private static void rescaleInputs(Network net, double[] p, InstanceEncoder enc, boolean fold) {
    int in = net.inputs();
    int w0 = net.weightOffset(0);
    int b0 = net.biasOffset(0);
    for (int j = 0; j < enc.slots(); j++) {
      if (!enc.isNumeric(j)) {
        continue;
      }
      int c = enc.columnOf(j);
      double mu = enc.center(j);
      double s = enc.scale(j);
      for (int u = 0; u < net.size(1); u++) {
        int wi = w0 + u * in + c;
        if (fold) {
          p[b0 + u] -= p[wi] * (mu / s);
          p[wi] /= s;
        } else {
          p[wi] *= s;
          p[b0 + u] += p[wi] * (mu / s);
        }
      }
    }
  }

  /**
   * Moves the output layer between a standardized numeric class {@code (y − μ)/σ} and its raw
   * unit: folding multiplies weights and biases by σ and adds μ to the biases. Nothing to do
   * for a nominal class.
   */
  private static void rescaleOutputs(Network net, double[] p, TargetEncoder tgt, boolean fold) {
    if (tgt.isNominal()) {
      return;
    }
    int last = net.numLayers() - 1;
    double sigma = tgt.scale();
    int from = net.weightOffset(last);
    int bias = net.biasOffset(last);
    int to = bias + net.outputs();
    for (int i = from; i < to; i++) {
      if (fold) {
        p[i] = p[i] * sigma + (i >= bias ? tgt.mean() : 0);
      } else {
        p[i] = (p[i] - (i >= bias ? tgt.mean() : 0)) / sigma;
      }
    }
  }

  /**
   * The number of models added to the average so far.
   *
   * @return how many models were added
   */
  public int models() {
    return models;
  }

  @Override
  public String toString() {
    return "average of " + models + " models over " + totalWeight + " rows";
  }
}
