package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;

/**
 * Encodes the class attribute as network targets and decodes network outputs back.
 *
 * <p>A nominal class becomes a one-hot row (a single 0/1 unit when a two-valued class is
 * trained with binary cross-entropy); the output row becomes a class distribution (a sigmoid
 * output row is normalized to sum to 1). A numeric class is standardized with the training mean
 * and standard deviation so that learning rates need not depend on its unit; predictions are
 * reported in the original unit.
 */
public final class TargetEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final boolean nominal;
  private final int classes;
  private final int outputs;
  private double mean;
  private double std;
  /** Running statistics of a numeric class in streaming mode, else null. */
  private RunningStats running;
  /**
   * Whether every numeric class value seen is the same: the prediction is then that value, as
   * ZeroR's, not the mean plus whatever the network outputs for a target of 0 everywhere (a class
   * of 7.5 throughout was predicted between 7.455 and 7.536).
   */
  private boolean constant;
  /** Whether a numeric class is centred and scaled by its median and median deviation. */
  private boolean robust;
  /**
   * ZeroR on the training data, whose prediction a batch build makes before its first epoch
   * ({@link #untrainedPrediction}); null for streams and older models.
   */
  private ZeroR prior;

  private TargetEncoder(boolean nominal, int classes, int outputs, double mean, double std) {
    this.nominal = nominal;
    this.classes = classes;
    this.outputs = outputs;
    this.mean = mean;
    this.std = std;
  }

  /**
   * Learns the encoding.
   *
   * @param data training instances without missing class values
   * @param outputs number of output units chosen for the loss
   * @return the encoder
   * @throws IllegalArgumentException for an infinite numeric class value
   */
  public static TargetEncoder fit(Instances data, int outputs) {
    return fit(data, outputs, false);
  }

  /**
   * Learns the encoding; with {@code robust} (the losses meant for a class with outliers,
   * ABSOLUTE_ERROR and HUBER) a numeric class is centred on its median and scaled by its median
   * absolute deviation × 1.4826 (the standard deviation of normal data; Hampel 1974), unless
   * that is 0 or the targets are a narrow band of more than half of them beside a wide rest
   * ({@link #inNarrowBand}): then by the mean and standard deviation. Why: five values of 1e6
   * among boston's 506 inflated the standard deviation ten thousand times, every clean target
   * then sat within 1e-4 of the others, and the "robust" losses fit nothing (a test MAE of 739
   * where the clean fit gave 1.6); the median and its deviation do not move with a few
   * outliers.
   *
   * @param data training instances without missing class values
   * @param outputs number of output units chosen for the loss
   * @param robust whether to scale a numeric class robustly
   * @return the encoder
   * @throws IllegalArgumentException for an infinite numeric class value
   */
  public static TargetEncoder fit(Instances data, int outputs, boolean robust) {
    boolean nominal = data.classAttribute().isNominal();
    if (nominal) {
      TargetEncoder t = new TargetEncoder(true, data.numClasses(), outputs, 0, 1);
      t.prior = zeroR(data);
      return t;
    }
    int n = data.numInstances();
    double[] v = new double[n];
    int m = 0;
    boolean allWeightless = ColumnScan.allWeightless(data);
    for (int i = 0; i < n; i++) {
      double y = data.instance(i).classValue();
      if (Double.isInfinite(y)) {
        throw new IllegalArgumentException(
            "the numeric class '" + data.classAttribute().name() + "' is infinite in training"
                + " instance " + (i + 1) + "; remove or fix that instance");
      }
      // a row of weight 0 is not trained on, so it must not set the scale either: three such
      // rows with a class of 1e6 took cpu's test RMSE from 32 to 284 (the inputs' rule)
      if (ColumnScan.counts(data.instance(i), allWeightless)) {
        v[m++] = y;
      }
    }
    ColumnStats s = ColumnStats.of(v, m);
    double centre = s.mean;
    double scale = ColumnStats.divisor(s.std, s.maxAbs());
    boolean robustScale = false;
    if (robust && m > 0) {
      double[] sorted = java.util.Arrays.copyOf(v, m);
      java.util.Arrays.sort(sorted);
      double median = median(sorted);
      for (int i = 0; i < m; i++) {
        sorted[i] = Math.abs(sorted[i] - median);
      }
      java.util.Arrays.sort(sorted);
      double mad = 1.4826 * median(sorted);
      // more than half the targets alike (mad 0), or in a band so narrow that the deviation is
      // tiny against the other targets (zero-inflated or quantized data: rain of 0.00-0.02 mm
      // on 62 % of days), leave no deviation to scale by: the mean and sd. Scaled by the
      // band's width, the other targets had lain beyond the reach of these losses' bounded
      // gradients (test MAE 3.8 -> 8.5 when the dry days' 0 became 0.00-0.02)
      if (mad > 0 && Double.isFinite(mad) && !inNarrowBand(sorted)) {
        centre = median;
        scale = mad;
        robustScale = true;
      }
    }
    TargetEncoder t = new TargetEncoder(false, 1, 1, centre, scale);
    t.constant = !(s.std > 0);
    t.robust = robustScale; // what the description says the losses are in
    t.prior = zeroR(data);
    return t;
  }

  /**
   * @return ZeroR trained on {@code data} (training rows with class values), without its own
   *     capabilities test: BackpropMLP's ran before, on the same rows, and ZeroR takes any data
   *     BackpropMLP takes. Why: the test walks every value of every row, and per build it was a
   *     second pass over the data and a second method for the JIT compiler to compile hot. Also
   *     the fallback model of data with no input column ({@link BatchBuild}).
   */
  static ZeroR zeroR(Instances data) {
    ZeroR z = new ZeroR();
    z.setDoNotCheckCapabilities(true);
    try {
      z.buildClassifier(data);
    } catch (Exception e) { // ZeroR takes any data BackpropMLP has accepted
      throw new IllegalStateException("BackpropMLP: ZeroR could not be trained: " + e, e);
    }
    return z;
  }

  /**
   * How many times the upper quartile of the absolute deviations from the median may exceed
   * their median before the targets count as a narrow band with a wide rest ({@link
   * #inNarrowBand}). On one population the ratio is small: normal 1.7, Laplace 2.0, Cauchy 2.4,
   * lognormal with σ = 2 2.9, and a quarter of outliers cannot move it (normal data with 10 %
   * or 20 % of them at 1e6: 1.8, 2.1); 62 % of rain days at 0.00-0.02 mm give 174.
   */
  static final double BAND_RATIO = 6;

  /**
   * Whether the targets' absolute deviations from their median, sorted, are those of a narrow
   * band of more than half the targets beside a wide rest: their upper quartile over {@link
   * #BAND_RATIO} times their median. The quartile, not a spread of all targets: an earlier rule
   * (a 5 %-winsorized standard deviation) was moved by more than 5 % of outliers, and 3 % of
   * cpu's targets at 1e6 had sent HUBER back to the mean and sd (test MAE 21 -> 5,417).
   * Beyond three quarters in the band the rule cannot tell the band's rest from outliers and
   * keeps the median scaling.
   *
   * @param absDeviations the absolute deviations from the median, sorted
   * @return whether the deviations' median is that of a narrow band
   */
  static boolean inNarrowBand(double[] absDeviations) {
    int m = absDeviations.length;
    double upperQuartile = absDeviations[Math.max(0, (int) Math.ceil(0.75 * m) - 1)];
    return upperQuartile > BAND_RATIO * median(absDeviations);
  }

  /** @return the median of sorted values (the mean of the middle two for an even count) */
  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
  }

  /**
   * Whether a numeric class is scaled robustly, which the model summary needs to name the scale its
   * losses are in.
   *
   * @return whether a numeric class is scaled by its median absolute deviation ({@link #fit}
   *     with {@code robust}) rather than its standard deviation
   */
  public boolean isRobust() {
    return robust;
  }

  /**
   * An encoder for rows that arrive one by one: a numeric class is standardized with running
   * statistics updated by {@link #observe(double)}.
   *
   * @param header the data's header
   * @param outputs number of output units chosen for the loss
   * @return the encoder
   */
  public static TargetEncoder forStream(Instances header, int outputs) {
    boolean nominal = header.classAttribute().isNominal();
    TargetEncoder t = new TargetEncoder(nominal, nominal ? header.numClasses() : 1, outputs, 0, 1);
    if (!nominal) {
      t.running = new RunningStats();
    }
    return t;
  }

  /**
   * Streaming mode: adds a numeric class value to the running statistics, unless its row
   * weighs 0 (a row not trained on does not set the scale, as in {@link #fit}).
   *
   * @param classValue a finite class value
   * @param weight its row's weight
   */
  public void observe(double classValue, double weight) {
    if (running != null && Double.isFinite(classValue) && weight > 0) {
      running.add(classValue);
      refresh();
    }
  }

  private void refresh() {
    mean = running.mean();
    std = ColumnStats.divisor(running.std(), running.maxAbs());
    constant = !(running.std() > 0);
  }

  /** Running statistics of a numeric class (streaming mode), else null. */
  public RunningStats runningStats() {
    return running;
  }

  /**
   * Replaces the running statistics (after pooling across models).
   *
   * @param stats pooled statistics
   */
  public void setRunningStats(RunningStats stats) {
    running = stats.copy();
    refresh();
  }

  /** Mean subtracted from a numeric class (0 for nominal). */
  public double mean() {
    return mean;
  }

  /** Whether the class is nominal. */
  public boolean isNominal() {
    return nominal;
  }

  /** Number of output units. */
  public int outputs() {
    return outputs;
  }

  /**
   * Writes the target row for a class value.
   *
   * @param classValue Weka's class value (index or number)
   * @param y destination
   * @param off row offset
   */
  public void encode(double classValue, double[] y, int off) {
    if (!nominal) {
      y[off] = classValue / std - mean / std;
    } else if (outputs == 1) {
      y[off] = classValue;
    } else {
      java.util.Arrays.fill(y, off, off + outputs, 0.0);
      y[off + (int) classValue] = 1;
    }
  }

  /**
   * What a model predicts before its network has learnt anything (a model for row-by-row
   * training before its first mini-batch step, a batch build before its first epoch): what
   * ZeroR trained on the training data predicts where they are known (a batch build), else
   * as ZeroR without data the uniform distribution, or for a numeric class the mean of the
   * values seen so far (0 before any). The untrained network's own outputs would be those of
   * its random initial weights.
   *
   * @param dist destination of {@code numClasses} values (1 for a numeric class)
   */
  public void untrainedPrediction(double[] dist) {
    if (prior != null) { // ZeroR's prediction does not depend on the instance
      try {
        System.arraycopy(prior.distributionForInstance(null), 0, dist, 0, dist.length);
      } catch (Exception e) {
        throw new IllegalStateException("BackpropMLP: ZeroR could not predict: " + e, e);
      }
    } else {
      java.util.Arrays.fill(dist, nominal ? 1.0 / dist.length : mean);
    }
  }

  /**
   * Turns one output row into Weka's prediction: a class distribution, or a one-element array
   * with the numeric prediction, which stays within ±{@link Double#MAX_VALUE}: an extrapolation
   * to an input of 1e308 had given a finite output near 1e307 whose unscaling overflowed to ±∞
   * (the largest double keeps its direction and is a number Weka's evaluation can sum).
   *
   * @param out network outputs
   * @param off row offset
   * @param dist destination of {@code numClasses} values (1 for a numeric class)
   */
  public void decode(double[] out, int off, double[] dist) {
    if (!nominal) {
      dist[0] = constant ? mean
          : Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, out[off] * std + mean));
      return;
    }
    if (outputs == 1) {
      dist[1] = out[off];
      dist[0] = 1 - out[off];
      return;
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      double p = Math.max(0, out[off + k]);
      dist[k] = p;
      sum += p;
    }
    if (sum > 0) {
      for (int k = 0; k < classes; k++) {
        dist[k] /= sum;
      }
    } else {
      java.util.Arrays.fill(dist, 1.0 / classes);
    }
  }

  /** Standard deviation used to scale a numeric class (1 for nominal). */
  public double scale() {
    return std;
  }
}
