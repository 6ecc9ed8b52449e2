package weka.classifiers.functions.backprop.train;

import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Workspace;

/**
 * Trains a {@link Network} on a {@link Dataset} by mini-batch backpropagation, one epoch per
 * call of {@link #runEpoch()}, so callers can interleave epochs with their own logic (Weka's
 * {@code IterativeClassifier}).
 *
 * <p>Per epoch: the training rows are reshuffled, cut into mini-batches, and for each batch the
 * objective {@code (1/B) Σ_i w_i L_i + R(θ)} (weights normalized to mean 1 over the training
 * rows) is differentiated by backpropagation, the gradient optionally clipped to a maximum global
 * norm (Pascanu, Mikolov &amp; Bengio 2013), and handed to the optimizer. With a validation
 * fraction, a stratified holdout is set aside once; after each epoch its loss decides early
 * stopping (Prechelt 1998): training ends after {@code patience} epochs without improvement and
 * {@link #finish()} restores the best weights.
 *
 * <p>A {@link Dataset} with sparse features trains through a sparse input batch: the first
 * layer's products run on the non-zeros only, and the model equals the dense one to rounding.
 *
 * <p>Nothing in the epoch loop allocates: all buffers are created here, once.
 *
 * <p>Serializable, with everything it holds, so that a model kept to resume training carries
 * this state when it is saved or copied (Weka's Explorer copies every run's model), and goes on
 * bit for bit as the original would.
 */
public final class Trainer implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final Network net;
  private final TrainerConfig cfg;
  private final Dataset data;
  private final int[] train;
  private final int[] validation;
  private final double weightScale;
  /**
   * Exponent of the largest training weight ({@link WeightScale}), divided out of every training
   * weight before {@link #weightScale}, so that Σw neither overflows (weights of 1e308) nor
   * makes {@code n / Σw} overflow (subnormal weights).
   */
  private final int weightShift;
  /** The last epoch's weights while the best epoch's stand in for them ({@link #finish}). */
  private double[] lastWeights;
  private final Workspace ws;
  private final GradientStep stepper;
  /**
   * Copies each mini-batch's inputs into the workspace; made when first needed, so that a
   * trainer read back from a stream (a model saved to resume) has one too.
   */
  private transient BatchLoader loader;
  private final double[] layerNorms;
  private final RandomGenerator shuffleRng;
  private final TrainingHistory history;
  private final double[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int sinceBest;
  private int epoch;
  /**
   * Mean loss per row of the first mini-batch, taken at the initial weights: what the first
   * epoch's loss is compared with ({@link #checkGrowth}); NaN until then (0 in a trainer saved
   * before this field existed, which had run its first epoch, so never reads it).
   */
  private double startLoss = Double.NaN;
  /** The epoch budget: the configuration's, extended by {@link #setMaxEpochs}. */
  private int maxEpochs;
  /** The epoch the schedule's current cycle began at: 0, or where {@link #setMaxEpochs} was. */
  private int cycleStart;
  private boolean stoppedEarly;

  /**
   * Prepares training: splits off the holdout, normalizes weights, allocates all buffers and
   * the optimizer state. The network must already be initialized.
   *
   * @param net network to train in place
   * @param cfg hyper-parameters
   * @param data training data
   * @throws IllegalArgumentException when the data cannot train anything (no rows, zero weights)
   */
  public Trainer(Network net, TrainerConfig cfg, Dataset data) {
    if (data.features() != net.inputs() || data.targets() != net.outputs()) {
      throw new IllegalArgumentException(
          "data has " + data.features() + " features and " + data.targets()
              + " targets; the network expects " + net.inputs() + " and " + net.outputs());
    }
    if (data.rows() == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    this.net = net;
    this.cfg = cfg;
    this.maxEpochs = cfg.epochs();
    this.data = data;
    int[][] split =
        Holdout.split(data.labels(), data.weights(), cfg.validationFraction(),
            Seeds.stream(cfg.seed(), Seeds.HOLDOUT));
    this.train = split[0];
    this.validation = split[1];
    // n / Σw over the training rows, each w · 2^−shift with the largest in [1, 2): the same bits
    // as w · n / Σw (a power of two is exact), and finite for weights of any finite size
    this.weightShift = WeightScale.exponentOfLargest(data.weights(), train);
    double sum = weightSum(train, data.weights(), weightShift);
    if (!(sum > 0)) {
      throw new IllegalArgumentException("all training instance weights are zero");
    }
    this.weightScale = train.length / sum;
    int batch = Math.max(1, Math.min(cfg.miniBatch(), train.length));
    // sparse rows: a sparse batch buffer sized for the batch's longest rows, never the dense one
    this.stepper = data.isSparse()
        ? new GradientStep(net, cfg, batch, data.sparseX().maxNonZeros(batch), true)
        : new GradientStep(net, cfg, batch, -1, true);
    this.ws = stepper.workspace();
    this.layerNorms = new double[net.numLayers()];
    this.shuffleRng = Seeds.stream(cfg.seed(), Seeds.SHUFFLE);
    this.history = new TrainingHistory(net.numLayers(), maxEpochs);
    this.best = validation.length > 0 ? net.parameters().clone() : null;
  }

  /**
   * Σ weights[i] · 2^−shift over {@code rows}. A method of its own so that the constructor has
   * no loop: the JIT would otherwise compile the whole constructor, with everything it calls
   * inlined, on the stack (an on-stack replacement) once the loop's iterations add up over a few
   * hundred builds, about a quarter of a second of compiler time for code that runs once per
   * training.
   */
  private static double weightSum(int[] rows, double[] weights, int shift) {
    double sum = 0;
    for (int i : rows) {
      sum += Math.scalb(weights[i], -shift);
    }
    return sum;
  }

  /**
   * About the bytes this trainer takes when serialized with its model (a model kept to resume):
   * twice its data ({@link Dataset#approximateBytes}) and five copies of the parameters (the
   * best and last weights, the gradient and two optimizer moments), and 16 KB; the factor covers
   * the workspace, the random streams (2.5 KB each) and the stream's framing (measured: a kept
   * run of diabetes or of a 1,200-word bag of words serialized to 1.37-2.04 times its data and
   * parameter copies).
   *
   * @return bytes, approximately
   */
  public long approximateBytes() {
    return 2 * (data.approximateBytes() + (long) MemoryEstimate.PARAMETER_COPIES * Double.BYTES
        * net.numParameters()) + 16_384;
  }

  /** The network being trained. */
  public Network network() {
    return net;
  }

  /** Number of rows trained on (after the holdout). */
  public int trainingRows() {
    return train.length;
  }

  /**
   * Training rows of weight 0, which are drawn into mini-batches but add nothing to a gradient
   * (for the description, whose row count includes them).
   *
   * @return how many of the {@link #trainingRows()} have weight 0
   */
  public int weightlessTrainingRows() {
    double[] w = data.weights();
    int n = 0;
    for (int i : train) {
      n += w[i] == 0 ? 1 : 0;
    }
    return n;
  }

  /** Number of held-out rows (0 without early stopping). */
  public int validationRows() {
    return validation.length;
  }

  /** Whether no further epoch will run: the epoch budget is spent or patience ran out. */
  public boolean isFinished() {
    return epoch >= maxEpochs || stoppedEarly;
  }

  /** Whether training ended because the validation loss stopped improving. */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /**
   * The lowest validation loss of any epoch so far (the data loss only, without the penalty, so
   * that runs with different penalties compare fairly); +∞ without a holdout.
   */
  public double bestValidationLoss() {
    return bestLoss;
  }

  /** Epochs completed so far. */
  public int epochsRun() {
    return epoch;
  }

  /** The per-epoch record. */
  public TrainingHistory history() {
    return history;
  }

  /**
   * Extends the epoch budget (to resume training after {@link #finish()}). The added epochs run
   * the learning-rate schedule afresh over their own span, a warm restart: a decaying schedule
   * had ended near 0, and stretching it over the new total instead jumped the rate back to an
   * arbitrary point of a longer curve.
   *
   * @param epochs new maximum number of epochs
   */
  public void setMaxEpochs(int epochs) {
    cycleStart = epoch;
    maxEpochs = epochs;
    stoppedEarly = false;
    sinceBest = 0;
  }

  /**
   * Runs one epoch over the shuffled training rows.
   *
   * @return whether more epochs may follow ({@code !isFinished()})
   * @throws InterruptedException if the calling thread is interrupted (checked every batch); an
   *     {@link InterruptedBeforeStepException} when it was before the epoch started
   * @throws DivergenceException if the loss or gradient stops being finite
   */
  public boolean runEpoch() throws InterruptedException {
    if (isFinished()) {
      return false;
    }
    if (Thread.currentThread().isInterrupted()) {
      // before the shuffle draws from its stream: the trainer is as it was, so the epoch can
      // run again once the interrupt is cleared, exactly as it would have run now
      throw new InterruptedBeforeStepException(
          "training interrupted in epoch " + (epoch + 1) + " after 0 mini-batches");
    }
    // a resumed run's epochs are a cycle of the schedule of their own (a warm restart, as in
    // SGDR, Loshchilov & Hutter 2017), without a second warm-up; CONSTANT is unaffected
    double lr = cfg.schedule().rate(cfg.learningRate(), epoch - cycleStart,
        maxEpochs - cycleStart, cycleStart == 0 ? cfg.warmup() : 0);
    Seeds.shuffle(train, train.length, shuffleRng);
    // Worker threads live for one epoch only, so none outlives training however the caller
    // drives the epochs (buildClassifier, IterativeClassifier, interruption, exceptions).
    try (WorkerPool pool = new WorkerPool(threadsWorthUsing())) {
      runBatches(pool, lr);
    }
    epoch++;
    return !isFinished();
  }

  /**
   * Below about {@value #MIN_FLOPS_PER_THREAD} floating-point operations per mini-batch and
   * thread, handing work to other threads costs more than it saves: small networks train on
   * the calling thread alone. The model is the same either way.
   */
  private int threadsWorthUsing() {
    return threadsWorthUsing(net.numParameters(), ws.capacity(), cfg.threads());
  }

  /**
   * The rule of {@link #threadsWorthUsing()} for a network of {@code parameters} weights and
   * biases, mini-batches of {@code batchRows} rows and {@code threads} allowed threads.
   */
  static int threadsWorthUsing(int parameters, int batchRows, int threads) {
    double flops = 6.0 * parameters * batchRows;
    int useful = (int) Math.max(1, Math.min(Integer.MAX_VALUE, flops / MIN_FLOPS_PER_THREAD));
    return Math.max(1, Math.min(threads, useful));
  }

  /** Work per thread and mini-batch below which extra threads do not pay off. */
  static final double MIN_FLOPS_PER_THREAD = 2e6;

  /** The mini-batch steps of one epoch, then the validation check. */
  private void runBatches(WorkerPool pool, double lr) throws InterruptedException {
    int n = train.length;
    int cap = ws.capacity();
    double lossSum = 0;
    int steps = 0;
    // a wide first layer's weights in two blocks, or stored by input on sparse rows, for the
    // epoch's steps (see GradientStep), and row-major again before anything else (validation,
    // the caller) reads them
    stepper.enterEpochLayout();
    try {
      for (int start = 0; start < n; start += cap) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("training interrupted in epoch " + (epoch + 1)
              + " after " + steps + " mini-batches");
        }
        int rows = Math.min(cap, n - start);
        loader().loadInputs(train, start, rows, pool);
        loadTargets(start, rows);
        double batchLoss = stepper.run(rows, lr, pool, epoch + 1);
        if (epoch == 0 && steps == 0) {
          startLoss = batchLoss / rows;
        }
        lossSum += batchLoss;
        steps++;
      }
    } finally {
      stepper.exitEpochLayout();
    }
    stepper.drainLayerNorms(layerNorms);
    double trainLoss = lossSum / n;
    double valLoss = Double.NaN;
    double metric = Double.NaN;
    if (validation.length > 0) {
      double[] lm = evaluate(validation, pool);
      valLoss = lm[0];
      metric = lm[1];
    }
    history.record(trainLoss, valLoss, metric, lr, layerNorms);
    checkFinite();
    checkGrowth(trainLoss, lr);
    if (validation.length > 0) {
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        sinceBest = 0;
        System.arraycopy(net.parameters(), 0, best, 0, best.length);
        history.setBestEpoch(epoch);
      } else if (++sinceBest >= cfg.patience()) {
        stoppedEarly = true;
      }
    }
  }

  /** Restores the weights of the best validation epoch (if there was a holdout). */
  public void finish() {
    finish(false);
  }

  /**
   * Restores the weights of the best validation epoch (if there was a holdout); with {@code
   * resumable}, first sets the last epoch's weights aside for {@link #resumeFromLastEpoch}.
   *
   * @param resumable whether more epochs may follow this finish (a run kept to be resumed)
   */
  public void finish(boolean resumable) {
    if (best != null && history.epochs() > 0 && bestLoss < Double.POSITIVE_INFINITY) {
      lastWeights = resumable ? net.parameters().clone() : null;
      System.arraycopy(best, 0, net.parameters(), 0, best.length);
    }
  }

  /**
   * Puts back the last epoch's weights that {@link #finish(boolean)} set aside, so that more
   * epochs go on from where the run stopped, with its optimizer state: with a CONSTANT schedule
   * 10 epochs and 10 resumed then give the 20 epochs of one run (a decaying schedule restarts,
   * see {@link #setMaxEpochs}). Why: the resumed epochs had started from the best
   * epoch's weights with the last epoch's optimizer state, and drifted from the single run.
   */
  public void resumeFromLastEpoch() {
    if (lastWeights != null) {
      System.arraycopy(lastWeights, 0, net.parameters(), 0, lastWeights.length);
      lastWeights = null;
    }
  }

  /**
   * How far the outputs move across the first {@code maxRows} training rows: the largest range,
   * over the output units, of the unit's output (a class probability, or the standardized
   * numeric prediction), leaving out at each end the outputs of the 1 % of rows farthest out
   * ({@link #trimmedRange}). Near 0 the model predicts the same for nearly every row: it has
   * learnt nothing beyond the class distribution (a penalty that removed the signal, dead units,
   * too few steps, a step so large that every unit died), which its description should say. Why
   * the trim: on cpu with {@code -lr 1}, 208 of 209 predictions were the same and the one other
   * row hid it. One forward pass over those rows, on this thread.
   *
   * @param maxRows rows to look at, at most
   * @return the largest range; NaN with fewer than two rows, where there is nothing to compare
   *     (one row had been described as "predicts nearly the same for every training row")
   */
  public double outputSpread(int maxRows) {
    int n = Math.min(maxRows, train.length);
    if (n < 2) {
      return Double.NaN;
    }
    int out = net.outputs();
    double[] byUnit = new double[out * n]; // unit j's outputs at [j·n, (j + 1)·n)
    for (int start = 0; start < n; start += ws.capacity()) {
      int k = Math.min(ws.capacity(), n - start);
      loader().loadInputs(train, start, k, null);
      net.forward(ws, 0, k, null);
      gather(ws.activations(net.numLayers()), k, out, byUnit, n, start);
    }
    double spread = 0;
    for (int j = 0; j < out; j++) {
      spread = Math.max(spread, trimmedRange(byUnit, j * n, n));
    }
    return spread;
  }

  /**
   * Whether every training row has the same target (the same class, or the same numeric value):
   * then a model that predicts the same for every row has learnt all there is, and its
   * description should not suggest a weaker penalty or more epochs.
   *
   * @return true when the training rows' targets are all equal (or there is at most one row)
   */
  public boolean targetsAlike() {
    double[] y = data.y();
    int t = data.targets();
    for (int i = 1; i < train.length; i++) {
      for (int k = 0; k < t; k++) {
        if (y[train[i] * t + k] != y[train[0] * t + k]) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Copies output {@code j} of block row {@code r} ({@code a[r·out + j]}) to {@code
   * byUnit[j·n + start + r]}. A method of its own: in {@link #outputSpread}, which runs once a
   * build, a loop like this had added up until the JIT compiled the whole method on the stack
   * with the batch loading inlined, 0.07-0.10 s of compilation in segment-challenge's timed build
   * (bench/README.md, "The compiler's work in dna's timed run").
   */
  private static void gather(double[] a, int rows, int out, double[] byUnit, int n, int start) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < out; j++) {
        byUnit[j * n + start + r] = a[r * out + j];
      }
    }
  }

  /**
   * The range of {@code v[from .. from + n)} without its {@code ⌊n / 100⌋} smallest and largest
   * values (the whole range below 100 values). Sorts that part of {@code v}.
   */
  static double trimmedRange(double[] v, int from, int n) {
    java.util.Arrays.sort(v, from, from + n);
    int trim = n / 100;
    return v[from + n - 1 - trim] - v[from + trim];
  }

  private void checkFinite() {
    checkWeights(net.parameters(), epoch + 1, cfg.learningRate());
  }

  /**
   * Treats a parameter that is not finite, or beyond ±{@value #WEIGHT_LIMIT}, as divergence.
   * Why the bound: the loss of an epoch is measured before each step, so an epoch whose last step
   * threw the weights to about 1e300 ({@code -lr 1e300}) ended with a finite loss and finite
   * weights, and the model predicted ±∞ (or one class) unremarked; no data a network can learn
   * from needs a weight of that size.
   *
   * @param p the parameters
   * @param epoch the 1-based epoch, or 0 for a streaming update
   * @param lr the learning rate, for the message
   * @throws DivergenceException if a parameter is NaN, infinite or beyond the limit
   */
  static void checkWeights(double[] p, int epoch, double lr) {
    double most = 0;
    for (double v : p) {
      most = Math.max(most, Math.abs(v)); // NaN stays NaN
    }
    if (!(most <= WEIGHT_LIMIT)) {
      throw new DivergenceException(DivergenceException.Kind.WEIGHTS_NOT_FINITE, epoch, lr,
          Double.NaN, Double.NaN);
    }
  }

  /** The largest magnitude a trained parameter may have ({@link #checkWeights}). */
  static final double WEIGHT_LIMIT = 1e100;

  /**
   * Treats a training loss that has grown by a factor of {@value #GROWTH_LIMIT} over the first
   * epoch's as divergence: with saturating activations an oversized step can leave every
   * number finite while the model is useless. The first epoch itself is compared with its
   * first mini-batch, whose loss the initial weights made: with Adam at a rate of 1e10 every
   * number stays finite, but iris's first epoch ended at a mean loss of 1.8e20 against 1.2 for
   * its first mini-batch, and without this check training went on to a model that called every
   * row one of two classes.
   */
  private void checkGrowth(double trainLoss, double lr) {
    boolean firstEpoch = history.epochs() == 1;
    double reference = firstEpoch ? startLoss : history.trainLoss(0);
    if (trainLoss > GROWTH_LIMIT * Math.max(reference, 1e-3)) { // false while reference is NaN
      throw new DivergenceException(firstEpoch ? DivergenceException.Kind.LOSS_GREW_IN_FIRST_EPOCH
          : DivergenceException.Kind.LOSS_GREW, epoch + 1, lr, trainLoss, reference);
    }
  }

  /**
   * Factor by which an epoch's training loss may exceed its reference before training stops:
   * the first epoch's loss, or for the first epoch itself the loss of its first mini-batch.
   */
  static final double GROWTH_LIMIT = 1e4;

  /**
   * Weighted mean loss and the metric (accuracy, or RMSE of the first target) over rows.
   *
   * @param rows row indices
   * @return {loss, metric}
   */
  private double[] evaluate(int[] rows, WorkerPool pool) {
    return evaluate(rows, pool, null);
  }

  /**
   * The error of every validation row under the current weights (after {@link #finish()}: the
   * best epoch's): 1 for a misclassified row and 0 for a correct one with a class target, the
   * loss with a numeric one. The row order is fixed, the same for every run with the same seed
   * and data, so that two runs' errors can be compared row by row.
   *
   * @return one unweighted error per validation row; empty without a holdout
   */
  public double[] validationRowErrors() {
    double[] perRow = new double[validation.length];
    if (validation.length > 0) {
      try (WorkerPool pool = new WorkerPool(threadsWorthUsing())) {
        evaluate(validation, pool, perRow);
      }
    }
    return perRow;
  }

  /** The weights of the validation rows, in {@link #validationRowErrors()}'s order. */
  public double[] validationRowWeights() {
    double[] out = new double[validation.length];
    for (int k = 0; k < validation.length; k++) {
      out[k] = data.weights()[validation[k]];
    }
    return out;
  }

  /**
   * @param perRow if not null, receives each row's error (see {@link #validationRowErrors()}) at
   *     the same position as in rows
   */
  private double[] evaluate(int[] rows, WorkerPool pool, double[] perRow) {
    int cap = ws.capacity();
    // each weight as w · 2^−shift, the largest of these rows in [1, 2) (WeightScale): the
    // ratios below are the same bits, and Σ w·loss and Σw stay finite for weights of 1e308
    int shift = WeightScale.exponentOfLargest(data.weights(), rows);
    double[] sums = new double[SUMS];
    for (int start = 0; start < rows.length; start += cap) {
      int n = Math.min(cap, rows.length - start);
      loader().loadInputs(rows, start, n, pool);
      copyTargets(rows, start, n);
      net.forward(ws, 0, n, pool);
      score(rows, start, n, shift, perRow, sums);
    }
    double weight = sums[WEIGHT];
    if (!(weight > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {sums[LOSS] / weight, data.labels() != null ? sums[HITS] / weight
        : Math.sqrt(sums[SQUARED_ERROR] / weight)};
  }

  /** Positions of {@link #score}'s running sums. */
  private static final int LOSS = 0;
  private static final int WEIGHT = 1;
  private static final int HITS = 2;
  private static final int SQUARED_ERROR = 3;
  private static final int SUMS = 4;

  /**
   * Copies the targets of data rows {@code rows[start .. start + n)} into the workspace. The
   * row loops of {@link #evaluate} are methods of their own ({@link #score} too), as {@link
   * #loadTargets} is: with them inline the JIT compiled the whole of {@code evaluate}, the
   * forward pass inlined, twice (whole and on the stack), 0.11-0.13 s once per JVM, which on a
   * loaded machine fell inside a timed build (bench/README.md, "The compiler's work in dna's
   * timed run").
   */
  private void copyTargets(int[] rows, int start, int n) {
    int out = net.outputs();
    double[] y = data.y();
    double[] yb = ws.targets();
    for (int r = 0; r < n; r++) {
      System.arraycopy(y, rows[start + r] * out, yb, r * out, out);
    }
  }

  /**
   * Adds the weighted loss, weight, hits (class targets) or squared error (numeric ones) of the
   * {@code n} rows just passed forward to {@code sums}, row by row in order, and writes each
   * row's error to {@code perRow} if it is not null (see {@link #validationRowErrors()}).
   */
  private void score(int[] rows, int start, int n, int shift, double[] perRow, double[] sums) {
    int out = net.outputs();
    int last = net.numLayers() - 1;
    double[] w = data.weights();
    int[] labels = data.labels();
    double[] yb = ws.targets();
    double[] z = ws.preActivations(last);
    double[] a = ws.activations(last + 1);
    double[] scratch = ws.deltas(last);
    double[] logSumExps = ws.logSumExps();
    for (int r = 0; r < n; r++) {
      int i = rows[start + r];
      double wi = Math.scalb(w[i], -shift);
      double li = net.outputLayer().lossAndDelta(z, a, yb, r * out, r * out, out, 0, scratch,
          logSumExps[r]);
      sums[LOSS] += wi * li;
      sums[WEIGHT] += wi;
      if (labels != null) {
        boolean hit = predictedClass(a, r * out, out) == labels[i];
        if (hit) {
          sums[HITS] += wi;
        }
        if (perRow != null) {
          perRow[start + r] = hit ? 0 : 1;
        }
      } else {
        double d = a[r * out] - yb[r * out];
        sums[SQUARED_ERROR] += wi * d * d;
        if (perRow != null) {
          perRow[start + r] = li;
        }
      }
    }
  }

  /**
   * Copies the targets of training rows {@code train[start .. start + rows)} into the
   * workspace, with their weights scaled to a mean of 1 ({@link #weightScale}). A method of its
   * own, as {@link #weightSum} is: a loop over the rows inside the epoch's loop over the batches
   * had the JIT compile the whole epoch on the stack, from each of the two loops, in the first
   * build of a fresh JVM.
   */
  private void loadTargets(int start, int rows) {
    copyTargets(train, start, rows);
    double[] w = data.weights();
    double[] wb = ws.weights();
    for (int r = 0; r < rows; r++) {
      wb[r] = Math.scalb(w[train[start + r]], -weightShift) * weightScale;
    }
  }

  /** The batch copier ({@link #loader}). */
  private BatchLoader loader() {
    if (loader == null) {
      loader = new BatchLoader(net, data, ws);
    }
    return loader;
  }

  /** Class predicted from one output row: arg-max, or the 0.5 threshold for a single unit. */
  static int predictedClass(double[] a, int off, int width) {
    if (width == 1) {
      return a[off] > 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < width; k++) {
      if (a[off + k] > a[off + best]) {
        best = k;
      }
    }
    return best;
  }
}
