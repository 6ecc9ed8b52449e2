package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.model.Workspace;

/**
 * Trains a network from rows that arrive one at a time (Weka's {@code UpdateableClassifier},
 * map tasks of distributed Weka): rows fill a mini-batch buffer and every full buffer makes one
 * optimizer step, so memory stays at one mini-batch whatever the stream's length. Uses the base
 * learning rate (a schedule needs a known number of epochs) and the calling thread only
 * (a stream step is too small to share). A trainer made to {@linkplain #growingFrom grow} its
 * batch steps on fewer new rows at the stream's start ({@link AutoSettings#streamMiniBatch}),
 * each step topped up to the full mini-batch with {@link EarlierRows earlier rows} when it has a
 * source of them.
 *
 * <p>A stream cannot normalize its instance weights to mean 1 as {@link Trainer} does (the rows
 * to come are unknown), so every weight counts as {@code w / M}, M the largest seen so far: equal
 * weights of any size then step exactly as unweighted rows (unit weights keep their bits), and a
 * row far heavier than the others outweighs them as in a batch build. Why: taken as given, the
 * weights scaled every gradient against the fixed learning rate and penalty, so equal weights of
 * 0.001 left segment-challenge at the majority class (15.7 % where unit weights gave 90.3 %),
 * weights of 1e4 diverged under SGD and squared gradients overflowed from 1e160. M is not saved
 * with the model: a stream resumed after a reload takes its M from the rows it sees.
 *
 * <p>Adding a row is never interrupted: it makes one step at most (and, early in a growing
 * stream, {@link AutoSettings#streamReplaySteps} more on earlier rows), so a caller that checks
 * for an interrupt before each row still stops within a mini-batch, and a row is then either
 * wholly taken (buffered, or trained with its batch) or not at all. Only {@link #flush}
 * checks.
 */
public final class StreamingTrainer {

  private final Network net;
  private final GradientStep stepper;
  private final Workspace ws;
  private final double learningRate;
  private int buffered;
  private long rowsSeen;
  private double lossSum;
  private long steps;
  /** The largest weight of a row added so far, M (0 before any). */
  private double largestWeight;
  /** Rows the stream had before this trainer's when its batch grows; −1 for a fixed batch. */
  private long rowsBefore = -1;
  /** Where a growing batch's steps take their top-up rows from; null for none. */
  private EarlierRows earlier;
  /** Whether the steps of the first rows are followed by replay steps ({@link #rehearsing}). */
  private boolean rehearses;
  /** The configured mini-batch: a fixed batch's size, the size a growing one grows to. */
  private final int full;
  /** Rows trained on by the steps so far: the streamed ones and their top-up rows. */
  private long rowsTrained;
  /**
   * The loss per row of outputs that say nothing ({@code Loss.uninformedLoss}); NaN for a
   * regression loss, whose reference each step computes (see {@link #checkLoss}).
   */
  private final double uninformedLoss;
  /**
   * Which of the last {@link #WINDOW} steps had a loss far above the reference ({@link
   * #checkLoss}): bit k for the step k steps before the last.
   */
  private long recentFarAbove;

  /**
   * Steps among the last {@link #WINDOW} whose loss is far above the reference that make a
   * divergence ({@link #checkLoss}). Measured on streams of four regression sets at Adam's rate
   * 1: the loss passed the limit in 1 to 3 of about 2,000 steps, never in more than 2 steps in a
   * row, and each stream went on to a model (boston r = 0.89); at rate 10 on cpu it was above in
   * 119 of 833 steps, in runs of up to 59, to a model of r = −0.10. Why not in a row: at 1e10 a
   * classifier's loss is either about 1e20 a row or exactly 0 (its huge logits are right on a
   * whole mini-batch now and then), above in about two steps of three.
   */
  static final int STEPS_FAR_ABOVE = 10;

  /** The steps {@link #STEPS_FAR_ABOVE} counts among (at most 64, the bits of a long). */
  static final int WINDOW = 20;

  /**
   * A source of rows the stream passed earlier, such as a uniform sample of it, that fill a
   * growing batch's step up to the full mini-batch. Why: a step of a single new row is a noisy
   * gradient of that row alone, and a stream sorted by class (as many ARFF files are) then
   * steers the network to the class of the moment; mixed with a sample of the stream so far,
   * every step is a full batch that also rehearses what came before (experience replay; Chaudhry
   * et al. 2019, "On Tiny Episodic Memories in Continual Learning").
   */
  public interface EarlierRows {
    /**
     * Adds up to {@code rows} earlier rows to the trainer with {@link #addEarlier} (dense rows:
     * a trainer of sparse rows takes no earlier rows).
     *
     * @param trainer the trainer whose step is due
     * @param rows rows missing from the full mini-batch, ≥ 1
     */
    void topUp(StreamingTrainer trainer, int rows);
  }


  /**
   * A trainer of dense rows that steps each time its buffer holds a full mini-batch.
   *
   * @param net initialized network, trained in place
   * @param cfg hyper-parameters; the mini-batch size is the buffer size
   */
  public StreamingTrainer(Network net, TrainerConfig cfg) {
    this(net, cfg, -1);
  }

  /**
   * A trainer whose rows arrive as their non-zeros ({@link #addSparse}) when {@code nonZeros} ≥ 0:
   * the buffer then holds up to that many non-zeros (a row that does not fit trains the buffer
   * first), and the first layer runs on the non-zeros only.
   *
   * @param net initialized network, trained in place
   * @param cfg hyper-parameters; the mini-batch size is the buffer size
   * @param nonZeros non-zero capacity of the sparse buffer (at least the inputs, so any row
   *     fits an empty buffer), or −1 for dense rows
   */
  public StreamingTrainer(Network net, TrainerConfig cfg, int nonZeros) {
    this.net = net;
    this.full = Math.max(1, cfg.miniBatch());
    this.stepper = new GradientStep(net, cfg, full, nonZeros);
    this.ws = stepper.workspace();
    this.learningRate = cfg.learningRate();
    this.uninformedLoss = net.outputLayer().loss().uninformedLoss(net.outputs());
  }

  /**
   * Makes the mini-batch of new rows grow with the stream ({@link AutoSettings#streamMiniBatch})
   * up to the configured size instead of being fixed at it; each step is topped up to that size
   * with earlier rows where {@code earlierRows} has some.
   *
   * @param streamedBefore rows of the same stream trained on before this trainer's first (by a
   *     trainer before a pause, or before the model was saved), ≥ 0
   * @param earlierRows the source of top-up rows, or null for steps of the new rows alone
   * @return this trainer
   */
  public StreamingTrainer growingFrom(long streamedBefore, EarlierRows earlierRows) {
    rowsBefore = Math.max(0, streamedBefore);
    earlier = earlierRows;
    return this;
  }

  /**
   * Makes each step of a growing stream's first rows be followed by {@link
   * AutoSettings#streamReplaySteps} steps on earlier rows alone (from the source given to {@link
   * #growingFrom}).
   *
   * @param replay whether to
   * @return this trainer
   */
  public StreamingTrainer rehearsing(boolean replay) {
    rehearses = replay;
    return this;
  }

  /** @return the new rows of the step being filled: the configured size, or less while it grows */
  private int batchLimit() {
    return rowsBefore < 0 ? full : AutoSettings.streamMiniBatch(rowsBefore + rowsSeen, full);
  }

  /**
   * Adds an earlier row to the step being filled, as {@link EarlierRows#topUp} does: it is
   * trained on with the new rows but not counted as one, and never makes a step by itself.
   *
   * @param x features, {@code net.inputs()} values from {@code xOff}
   * @param xOff offset of the features
   * @param y targets, {@code net.outputs()} values from {@code yOff}
   * @param yOff offset of the targets
   * @param weight example weight, finite and ≥ 0
   * @return false (nothing added) when the batch is full, or the trainer's rows are sparse
   */
  public boolean addEarlier(double[] x, int xOff, double[] y, int yOff, double weight) {
    if (buffered == ws.capacity() || ws.sparseInput() != null) {
      return false;
    }
    int in = net.inputs();
    System.arraycopy(x, xOff, ws.activations(0), buffered * in, in);
    storeTargetAndWeight(y, yOff, weight);
    return true;
  }

  /**
   * {@link #addEarlier} on the sparse route: an earlier row given by its non-zeros ({@code
   * cols[from .. from+len)}, {@code vals} likewise).
   *
   * @param cols column indices, increasing
   * @param vals their values
   * @param from first entry
   * @param len entries
   * @param y targets of the row
   * @param yOff offset of its targets
   * @param weight its weight
   * @return false when the batch is full (nothing was added)
   */
  public boolean addEarlierSparse(int[] cols, double[] vals, int from, int len, double[] y,
      int yOff, double weight) {
    SparseRows batch = ws.sparseInput();
    if (buffered == ws.capacity() || batch == null || !batch.fits(len)) {
      return false;
    }
    if (buffered == 0) {
      batch.clear();
    }
    batch.appendRow(cols, vals, from, len);
    storeTargetAndWeight(y, yOff, weight);
    return true;
  }

  /**
   * Adds one row given by its non-zeros (a trainer built with a non-zero capacity); trains on
   * the buffer when it is full, or first when the row does not fit beside the rows waiting.
   *
   * @param cols column indices, increasing, from {@code from}
   * @param vals values, likewise
   * @param from first entry
   * @param len entries
   * @param y targets, {@code net.outputs()} values from {@code yOff}
   * @param yOff offset of the targets
   * @param weight example weight, finite and ≥ 0 (see the class comment for its scale)
   */
  public void addSparse(int[] cols, double[] vals, int from, int len, double[] y, int yOff,
      double weight) {
    SparseRows batch = ws.sparseInput();
    if (buffered == ws.capacity() || !batch.fits(len)) {
      step();
    }
    if (buffered == 0) {
      batch.clear();
    }
    batch.appendRow(cols, vals, from, len);
    commitRow(y, yOff, weight);
  }

  /**
   * Adds one row; trains on the buffer when it is full.
   *
   * @param x features, {@code net.inputs()} values from {@code xOff}
   * @param xOff offset of the features
   * @param y targets, {@code net.outputs()} values from {@code yOff}
   * @param yOff offset of the targets
   * @param weight example weight, finite and ≥ 0 (see the class comment for its scale)
   */
  public void add(double[] x, int xOff, double[] y, int yOff, double weight) {
    if (buffered == ws.capacity()) {
      step(); // never true (a full buffer trains at once): a guard of the buffer's bounds
    }
    int in = net.inputs();
    System.arraycopy(x, xOff, ws.activations(0), buffered * in, in);
    commitRow(y, yOff, weight);
  }

  /**
   * Completes the buffered row whose inputs were just stored: copies its targets and weight, and
   * trains on the buffer when it is full.
   */
  private void commitRow(double[] y, int yOff, double weight) {
    storeTargetAndWeight(y, yOff, weight);
    rowsSeen++;
    if (buffered >= batchLimit()) {
      step();
      rehearse();
    }
  }

  /**
   * After the step of a growing stream's first rows, the steps on earlier rows alone that
   * {@link AutoSettings#streamReplaySteps} asks for (none without a source of earlier rows).
   */
  private void rehearse() {
    if (earlier == null || !rehearses) {
      return;
    }
    for (int k = AutoSettings.streamReplaySteps(rowsBefore + rowsSeen); k > 0; k--) {
      earlier.topUp(this, full);
      if (buffered == 0) {
        return; // nothing to rehearse yet
      }
      train(false);
    }
  }

  /** Stores the targets and weight of the row whose inputs were just buffered, and counts it. */
  private void storeTargetAndWeight(double[] y, int yOff, double weight) {
    int out = net.outputs();
    System.arraycopy(y, yOff, ws.targets(), buffered * out, out);
    ws.weights()[buffered] = weight;
    largestWeight = Math.max(largestWeight, weight);
    buffered++;
  }

  /**
   * Trains on whatever the buffer holds (a partial final batch), then checks the weights as an
   * epoch's end does ({@link Trainer#checkWeights}): a stream's steps check the loss before each
   * step, so its last step's divergence would otherwise go unseen. When the thread is
   * interrupted the rows stay buffered and train with the next rows or at the next flush; a
   * batch that diverges is dropped.
   *
   * @throws InterruptedBeforeStepException if the thread was interrupted (nothing trained)
   */
  public void flush() throws InterruptedBeforeStepException {
    if (buffered > 0) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedBeforeStepException(
            "streaming training interrupted after " + rowsSeen + " rows");
      }
      step();
    }
    Trainer.checkWeights(net.parameters(), 0, learningRate);
  }

  /** Trains on the rows in the buffer (at least one), whatever the thread's interrupt flag. */
  private void step() {
    if (earlier != null && buffered < full) {
      earlier.topUp(this, full - buffered);
    }
    train(true);
  }

  /**
   * Trains on the rows in the buffer; {@code counted}: their loss enters {@link #meanLoss} (a
   * replay step's does not, which would otherwise outweigh the stream's own rows).
   */
  private void train(boolean counted) {
    int rows = buffered;
    buffered = 0; // a batch that diverges is dropped with the exception, never trained twice
    if (largestWeight > 0 && largestWeight != 1) {
      double[] wb = ws.weights(); // w / M (class comment): at most 1, never an overflow
      for (int r = 0; r < rows; r++) {
        wb[r] /= largestWeight;
      }
    }
    try {
      double loss = stepper.run(rows, learningRate, null, 0);
      checkLoss(loss, rows);
      if (counted) {
        lossSum += loss;
        rowsTrained += rows;
      }
    } finally {
      if (ws.sparseInput() != null) {
        ws.sparseInput().clear();
      }
    }
    steps++;
  }

  /**
   * Treats {@link #STEPS_FAR_ABOVE} steps of the last {@link #WINDOW} whose loss per row is over
   * {@link Trainer#GROWTH_LIMIT} times that of outputs that say nothing as a divergence. Why: a
   * finite divergence (Adam at a rate of 1e10 moves every weight by about 1e10 a step, and nothing
   * overflows) had left a stream with a model that called every row one class, or predicted numbers
   * near 1e20, where a batch build reports it ({@link Trainer}'s growth check). A stream cannot
   * take its reference from its own first loss as the batch check does: a drifting stream's loss
   * may rightly grow from its start. So the reference is what uninformed outputs cost: for the
   * cross-entropies, every class equally likely ({@code Loss.uninformedLoss}; a classifier is only
   * 10⁴ times worse, about 6,900 nats a row for two classes, when its logits are thousands apart,
   * which takes exploded weights); for a numeric target, the targets' running mean on the same rows
   * ({@code Loss.lossOfZeroOutputs}), which grows with the targets' drift, or 1 where that is less
   * (a squared error 10⁴ times that is an error of 141 standard deviations on every row). A single
   * step that far above is not enough: a high but workable rate throws an unbounded output that far
   * now and then and recovers at once, where a diverged stream keeps coming back there. The loss is
   * a step's before its update, and the steps have been made: the caller drops the model, as after
   * any divergence.
   *
   * @param loss the step's weighted loss sum (weights at most 1, so per row at most its mean)
   * @param rows rows of the step
   */
  private void checkLoss(double loss, int rows) {
    boolean regression = Double.isNaN(uninformedLoss);
    double perRow = loss / rows;
    double reference = uninformedLoss;
    if (regression && perRow > Trainer.GROWTH_LIMIT) { // else below, the reference being ≥ 1
      reference = Math.max(1, net.outputLayer().loss().lossOfZeroOutputs(ws.targets(),
          ws.weights(), rows, net.outputs()) / rows);
    }
    boolean farAbove = perRow > Trainer.GROWTH_LIMIT * reference; // false for NaN
    recentFarAbove = (recentFarAbove << 1 | (farAbove ? 1 : 0)) & ((1L << WINDOW) - 1);
    if (farAbove && Long.bitCount(recentFarAbove) >= STEPS_FAR_ABOVE) {
      throw new DivergenceException(regression ? DivergenceException.Kind.LOSS_FAR_ABOVE_MEAN
          : DivergenceException.Kind.LOSS_FAR_ABOVE_UNINFORMED, 0, learningRate, perRow,
          reference);
    }
  }

  /**
   * Whether this trainer has taken a gradient step on its network yet.
   *
   * @return whether a step has run since this trainer was made
   */
  public boolean hasStepped() {
    return steps > 0;
  }

  /**
   * Mean weighted loss per row over all steps so far (NaN before the first step): over the
   * streamed rows and the earlier rows that topped up their steps, not the replay steps'.
   */
  public double meanLoss() {
    return steps == 0 ? Double.NaN : lossSum / Math.max(1, rowsTrained);
  }
}
