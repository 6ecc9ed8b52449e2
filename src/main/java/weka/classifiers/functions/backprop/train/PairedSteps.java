package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.HalfStepPass;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Workspace;

/**
 * An epoch's mini-batch steps on two threads that each run one input half of every step, for a
 * first layer in two blocks ({@link GradientStep#pairable}): the whole epoch is one phase of the
 * {@link WorkerPool}, in which the two threads meet only where a step's results must cross.
 *
 * <p>Per step, the worker copies its half of the batch, computes its half's partial sums and
 * publishes them; the caller does the same for its half, then, alone, the rest of the forward
 * pass and the backward pass down to the first layer's deltas, checks the loss, begins the
 * optimizer's step and publishes the deltas; then each computes its half's weight gradient and
 * updates its share of the parameters, and the worker goes straight on to its half of the next
 * batch. The caller combines a step's norms once the worker's next partial sums show that its
 * update is done (after the epoch's last step, once it is). Two one-way signals a step, where
 * {@link GradientStep#run} on the pool has four phases, each published, claimed and joined by
 * both threads (bench/README.md, "Two threads sharing each step by input halves").
 *
 * <p>The same operations in the same order on every element as {@link GradientStep#run}, so the
 * model is the same to the bit as with one thread or three. A divergence or an interruption on
 * the caller's side stops the worker at its next wait; a failure on the worker's side stops the
 * caller at its next wait, and the pool then throws it.
 */
final class PairedSteps implements WorkerPool.RangeTask {

  /** The trainer's side of a step: the batch's targets and its input halves. */
  interface Batches {
    /** Copies the targets and weights of training rows {@code [start, start + rows)}. */
    void loadTargets(int start, int rows);

    /** Copies input half {@code half} of training rows {@code [start, start + rows)}. */
    void copyHalf(int half, int start, int rows);
  }

  private final GradientStep step;
  private final Workspace ws;
  private final Batches batches;
  private final HalfStepPass callerPass;
  private final HalfStepPass workerPass;

  private int rowsInEpoch;
  private int capacity;
  private double lr;
  private int epoch;
  private double lossSum;
  private double firstLoss;
  private int stepsDone;
  private boolean interrupted;

  /** Last step whose worker half's partial sums are ready. */
  private volatile int sumsReady;
  /** Last step whose deltas are ready and whose optimizer step has begun. */
  private volatile int deltasReady;
  /** Last step whose worker share of the update is done. */
  private volatile int updateDone;
  /** Set when the caller's side ends, normally or not: the worker stops waiting. */
  private volatile boolean callerEnded;
  /** Set when the worker's side fails: the caller stops waiting. */
  private volatile boolean workerFailed;

  /**
   * @param net the network trained
   * @param step the step whose gradient, dropout and optimizer the steps use
   * @param batches the trainer's batch copying
   */
  PairedSteps(Network net, GradientStep step, Batches batches) {
    this.step = step;
    this.ws = step.workspace();
    this.batches = batches;
    this.callerPass = net.halfStepPass();
    this.workerPass = net.halfStepPass();
  }

  /**
   * Runs the steps over {@code rows} training rows in mini-batches of {@code capacity}.
   *
   * @param pool a pool of two threads
   * @param rows training rows, in the trainer's shuffled order
   * @param capacity rows per mini-batch (the last may have fewer)
   * @param rate learning rate
   * @param epochNumber 1-based epoch, for error messages
   * @return {@code Σ_i w_i · loss_i} over the epoch
   * @throws InterruptedException if the calling thread was interrupted (between steps)
   * @throws DivergenceException if a loss or a gradient is not finite
   */
  double run(WorkerPool pool, int rows, int capacity, double rate, int epochNumber)
      throws InterruptedException {
    rowsInEpoch = rows;
    this.capacity = capacity;
    lr = rate;
    epoch = epochNumber;
    lossSum = 0;
    stepsDone = 0;
    interrupted = false;
    sumsReady = -1;
    deltasReady = -1;
    updateDone = -1;
    callerEnded = false;
    workerFailed = false;
    ws.setInputInBlocks(true);
    callerPass.bind(ws, step.dropout());
    workerPass.bind(ws, null);
    try {
      pool.runChunks(this, 2, 2); // the caller claims the first, the worker the second
    } finally {
      callerPass.unbind();
      workerPass.unbind();
    }
    if (interrupted) {
      throw new InterruptedException("training interrupted in epoch " + epoch + " after "
          + stepsDone + " mini-batches");
    }
    return lossSum;
  }

  /** The first step's {@code Σ w_i · loss_i} divided by its rows. */
  double firstLoss() {
    return firstLoss;
  }

  /** Steps run in the last {@link #run}. */
  int steps() {
    return stepsDone;
  }

  @Override
  public void run(int from, int to) {
    if (to - from > 1) { // a pool that lost its worker runs every chunk on its caller
      throw new IllegalStateException("two threads share the steps by halves; one cannot");
    }
    for (int k = from; k < to; k++) {
      if (k == 0) {
        callerSide();
      } else {
        workerSide();
      }
    }
  }

  private void callerSide() {
    double[] grad = step.gradient();
    try {
      for (int s = 0, start = 0; start < rowsInEpoch; s++, start += capacity) {
        if (Thread.currentThread().isInterrupted()) {
          interrupted = true;
          return;
        }
        int rows = Math.min(capacity, rowsInEpoch - start);
        batches.loadTargets(start, rows);
        step.beginShared(rows, lr);
        batches.copyHalf(0, start, rows);
        callerPass.forwardHalf(0, rows);
        if (!awaitWorker(s, true)) {
          return;
        }
        if (s > 0) {
          step.endShared(lr, epoch); // the last step's norms: the worker's share was done first
        }
        callerPass.forwardRest(rows);
        double loss = callerPass.backwardRest(rows, rows, grad, true);
        step.checkLossAndBeginUpdate(loss, lr, epoch);
        deltasReady = s;
        callerPass.gradientHalf(0, rows, grad, true);
        step.updateShare(0);
        if (s == 0) {
          firstLoss = loss / rows;
        }
        lossSum += loss;
        stepsDone++;
      }
      if (stepsDone > 0 && awaitWorker(stepsDone - 1, false)) {
        step.endShared(lr, epoch);
      }
    } finally {
      callerEnded = true;
    }
  }

  /**
   * Waits for the worker's partial sums of step {@code s} ({@code sums}), which it computes only
   * after its share of the update of step {@code s − 1}, or for that share of step {@code s}.
   *
   * @return false if the worker failed instead
   */
  private boolean awaitWorker(int s, boolean sums) {
    while ((sums ? sumsReady : updateDone) < s) {
      if (workerFailed) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  private void workerSide() {
    double[] grad = step.gradient();
    try {
      for (int s = 0, start = 0; start < rowsInEpoch; s++, start += capacity) {
        int rows = Math.min(capacity, rowsInEpoch - start);
        batches.copyHalf(1, start, rows);
        workerPass.forwardHalf(1, rows);
        sumsReady = s;
        while (deltasReady < s) {
          if (callerEnded) {
            return;
          }
          Thread.onSpinWait();
        }
        workerPass.gradientHalf(1, rows, grad, true);
        step.updateShare(1);
        updateDone = s;
      }
    } catch (RuntimeException | Error e) {
      workerFailed = true;
      throw e;
    }
  }
}
