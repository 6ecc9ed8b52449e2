package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import weka.classifiers.functions.backprop.model.Network;

/**
 * Chooses the L2 penalty λ₂ from a list of candidates by the error on a held-out part of the
 * training data: each candidate trains a fresh network (same seed, same initial weights, same
 * holdout) with early stopping, and the strongest candidate whose holdout error is within one
 * standard error of the lowest wins (see {@link #select}). The error is the misclassification
 * rate for a class target and the loss (squared error, …) for a numeric one. The candidates
 * train for the epochs of the configuration they are given; BackpropMLP's build gives them a
 * share of the final training's ({@code AutoSettings.selectionEpochs}), since they only rank
 * the penalties.
 * This is hold-out model selection (e.g. Hastie, Tibshirani &amp; Friedman, <i>The Elements of
 * Statistical Learning</i>, 2nd ed., §7.2) applied to the one hyper-parameter whose best value
 * differs most between data sets: noisy data (Pima diabetes) wants λ₂ ≈ 0.01, clean data with
 * sharp class boundaries (image segmentation, labor) wants 100 times less, and no single value
 * is within a point of the best on both.
 *
 * <p>The caller then trains its final network on all the data with the chosen value; the
 * candidates' networks are thrown away. A numeric target's loss is the data loss alone
 * (without the penalty), so a large λ₂ is not charged twice.
 *
 * <p>Why the error rate and not the cross-entropy for a class: the penalty shrinks the
 * confidence of every prediction, so on data with well-separated classes the weakest penalty
 * wins on cross-entropy by a margin of many standard errors, one small gain per easy row, even
 * where it classifies worse. The measurements behind this choice are in {@code
 * doc/defaults.md}.
 */
public final class PenaltySelection implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] candidates;
  private final double[] losses;
  private final double[] errors;
  private final int[] epochs;
  private final int chosen;
  private final double speculated;

  private PenaltySelection(double[] candidates, double[] losses, double[] errors, int[] epochs,
      int chosen, double speculated) {
    this.candidates = candidates;
    this.losses = losses;
    this.errors = errors;
    this.epochs = epochs;
    this.chosen = chosen;
    this.speculated = speculated;
  }

  /**
   * Trains one network per candidate on {@code 1 − holdout} of the data and keeps the strongest
   * value whose holdout error is within one standard error of the lowest (the strongest of all
   * when the holdout got no rows).
   *
   * @param candidates λ₂ values to try, each ≥ 0; at least one
   * @param networks makes a freshly initialized network (the same one every call)
   * @param config the training configuration; its λ₂ and holdout fraction are replaced
   * @param data the training data
   * @param holdout fraction of the rows held out to compare the candidates, in (0, 1)
   * @return the losses of all candidates and the chosen one
   * @throws InterruptedException if the calling thread is interrupted while training
   */
  public static PenaltySelection select(double[] candidates, Supplier<Network> networks,
      TrainerConfig config, Dataset data, double holdout) throws InterruptedException {
    return select(candidates, networks, config, data, holdout, null);
  }

  /**
   * The caller's final training for one λ₂, which {@link #select} may run alongside the
   * candidates (see there).
   */
  @FunctionalInterface
  public interface FinalTraining {
    /**
     * Trains the final model with this penalty to the end and keeps it for the caller.
     *
     * @param l2 the penalty
     * @throws InterruptedException if interrupted while training
     */
    void train(double l2) throws InterruptedException;

    /**
     * {@link #train(double)}, stopping early when {@code wanted} turns false (the candidates
     * chose another value); the training is then thrown away. Why: with the candidates on a
     * share of the epochs they finish well before the final training, and the rest of a
     * training that cannot be used would only delay the one that can.
     *
     * @param l2 the penalty
     * @param wanted whether the training is still wanted; checked between epochs
     * @throws InterruptedException if interrupted while training
     */
    default void train(double l2, BooleanSupplier wanted)
        throws InterruptedException {
      train(l2);
    }
  }

  /**
   * {@link #select(double[], Supplier, TrainerConfig, Dataset, double)}, and when the candidates train
   * concurrently, also the caller's final training with the strongest candidate, in parallel
   * with them: the one-standard-error rule picks the strongest penalty on most small data sets
   * (doc/defaults.md), whose runs are the ones that train concurrently. The final training
   * starts first; when the candidates' {@code config} has a share of its epochs (the default
   * recipe gives them 30 %, see {@code AutoSettings.selectionEpochs}), all of them train on the
   * second thread while it runs, and the whole selection costs about the time of the final
   * training alone. {@link #speculated()} tells whether
   * it ran and for which value; the caller trains again when the choice differs. When the last
   * candidate finishes with another choice while the final training still runs, that training
   * is told to stop ({@link FinalTraining#train(double, BooleanSupplier)})
   * and counts as not run, so the caller's training of the chosen value starts at once. A final
   * training that fails with a runtime exception counts as not run (the caller's own training
   * will report it, if it fails again).
   *
   * @param candidates λ₂ values to try, each ≥ 0; at least one
   * @param networks makes a freshly initialized network (the same one every call)
   * @param config the training configuration; its λ₂ and holdout fraction are replaced
   * @param data the training data
   * @param holdout fraction of the rows held out to compare the candidates, in (0, 1)
   * @param finalTraining the caller's final training, or null
   * @return the losses of all candidates and the chosen one
   * @throws InterruptedException if the calling thread is interrupted while training
   */
  public static PenaltySelection select(double[] candidates, Supplier<Network> networks,
      TrainerConfig config, Dataset data, double holdout, FinalTraining finalTraining)
      throws InterruptedException {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("no L2 candidates to choose from");
    }
    if (!(holdout > 0 && holdout < 1)) {
      throw new IllegalArgumentException("holdout fraction must be in (0, 1): " + holdout);
    }
    int k = candidates.length;
    double[] losses = new double[k];
    int[] epochs = new int[k];
    double[][] rowErrors = new double[k][];
    double[][] holdoutWeights = new double[1][]; // the same rows for every candidate
    int strongest = strongest(candidates, c -> true);
    double[] speculated = {Double.NaN};
    // the holdout errors and the choice, computed once by the task that finishes the last
    // candidate (every candidate's results are then in; the caller reads them after all tasks
    // have ended)
    double[][] errors = new double[1][];
    int[] chosen = {-1};
    // With a final training it is task 0, started first: the candidates train for a share of
    // its epochs (the caller's config), so while it runs on one thread they all fit on another.
    // When the last candidate has finished and the choice is not the strongest value, the
    // final training still running is no longer wanted and stops at its next epoch.
    int first = finalTraining != null ? 1 : 0;
    AtomicInteger pending = new AtomicInteger(k);
    AtomicBoolean wanted = new AtomicBoolean(true);
    IntConsumerWithInterrupt run = task -> {
      int c = task - first;
      if (c < 0) {
        try {
          finalTraining.train(candidates[strongest], wanted::get);
          if (wanted.get()) {
            speculated[0] = candidates[strongest];
          }
        } catch (RuntimeException e) {
          // not run; the caller trains again and reports the failure if there is one
        }
        return;
      }
      Trainer t = new Trainer(networks.get(),
          config.toBuilder().l2(candidates[c]).validationFraction(holdout).build(), data);
      while (t.runEpoch()) {
        // early stopping on the holdout ends the run
      }
      t.finish();
      losses[c] = t.bestValidationLoss();
      epochs[c] = t.epochsRun();
      rowErrors[c] = t.validationRowErrors();
      if (c == 0) {
        holdoutWeights[0] = t.validationRowWeights();
      }
      // the decrement publishes every candidate's results to the thread that sees zero
      if (pending.decrementAndGet() == 0) {
        errors[0] = meanErrors(rowErrors, holdoutWeights[0]);
        chosen[0] = choose(candidates, losses, errors[0], rowErrors, holdoutWeights[0]);
        if (chosen[0] != strongest) {
          wanted.set(false);
        }
      }
    };
    int tasks = finalTraining != null ? k + 1 : k;
    int lanes = lanes(tasks, networks, config, data);
    if (lanes == 1) {
      for (int c = 0; c < k; c++) {
        run.accept(c + first);
      }
    } else {
      runConcurrently(tasks, lanes, run);
    }
    return new PenaltySelection(candidates.clone(), losses, errors[0], epochs, chosen[0],
        speculated[0]);
  }

  /**
   * The index of the chosen candidate: the strongest whose holdout error is within one standard
   * error of the lowest (ties of the lowest broken by the loss), or the strongest of all when
   * the holdout has no rows.
   */
  private static int choose(double[] candidates, double[] losses, double[] errors,
      double[][] rowErrors, double[] w) {
    if (w.length == 0) {
      // too few rows for a holdout: nothing to compare on, so the strongest penalty is the
      // cautious choice for data this small
      return strongest(candidates, c -> true);
    }
    int best = 0;
    for (int c = 0; c < candidates.length; c++) {
      if (errors[c] < errors[best] || (errors[c] == errors[best] && losses[c] < losses[best])) {
        best = c;
      }
    }
    // One-standard-error rule (Breiman, Friedman, Olshen & Stone 1984; ESL §7.10): the
    // strongest penalty whose holdout error is within one standard error of the best's. The
    // error is that of the paired per-row difference (all candidates share the holdout rows),
    // so small holdouts, where the winner is mostly luck, fall back to more regularization.
    final int b = best;
    return strongest(candidates,
        c -> meanDifference(rowErrors[c], rowErrors[b], w)
            <= standardError(rowErrors[c], rowErrors[b], w));
  }

  /** Each candidate's weighted mean holdout error. */
  private static double[] meanErrors(double[][] rowErrors, double[] w) {
    double[] errors = new double[rowErrors.length];
    for (int c = 0; c < errors.length; c++) {
      errors[c] = weightedMean(rowErrors[c], w);
    }
    return errors;
  }

  /** One task: a candidate's training run, or the caller's final training. */
  @FunctionalInterface
  private interface IntConsumerWithInterrupt {
    void accept(int task) throws InterruptedException;
  }

  /**
   * How many candidates train at once: all available threads (up to one per candidate) when a
   * single run would use one thread anyway (small networks, see {@link Trainer}), else one at a
   * time so that each run keeps its threads. The runs do not interact, so the result is the
   * same either way.
   */
  private static int lanes(int k, Supplier<Network> networks, TrainerConfig config,
      Dataset data) {
    TrainerConfig cfg = config;
    if (k == 1 || cfg.threads() <= 1) {
      return 1;
    }
    int batchRows = Math.max(1, Math.min(cfg.miniBatch(), data.rows()));
    int perRun = Trainer.threadsWorthUsing(networks.get().numParameters(), batchRows, cfg.threads());
    return perRun == 1 ? Math.min(k, cfg.threads()) : 1;
  }

  /**
   * Runs the candidates on {@code lanes} threads and waits for all of them. A failure in one run
   * is rethrown here; an interrupt of the calling thread interrupts the runs (they stop within a
   * mini-batch), and no thread outlives the call.
   */
  private static void runConcurrently(int k, int lanes, IntConsumerWithInterrupt run)
      throws InterruptedException {
    java.util.List<Thread> threads =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        lanes, r -> {
          Thread t = new Thread(r, "BackpropMLP-l2-selection");
          t.setDaemon(true);
          threads.add(t);
          return t;
        });
    try {
      java.util.List<java.util.concurrent.Future<Void>> runs = new java.util.ArrayList<>();
      for (int c = 0; c < k; c++) {
        final int cc = c;
        runs.add(pool.submit(() -> {
          run.accept(cc);
          return null;
        }));
      }
      for (java.util.concurrent.Future<Void> f : runs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          if (cause instanceof InterruptedException) {
            throw (InterruptedException) cause;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      pool.shutdownNow(); // interrupts the runs; no thread starts after this
      boolean interrupted = Thread.interrupted();
      // Join the threads themselves: the pool reports termination while its last worker is
      // still finishing, and the promise is that none outlives this call.
      for (Thread t : threads.toArray(new Thread[0])) {
        while (t.isAlive()) {
          try {
            t.join();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Index of the largest candidate that passes the test (ties: the first). */
  private static int strongest(double[] candidates, java.util.function.IntPredicate ok) {
    int s = -1;
    for (int c = 0; c < candidates.length; c++) {
      if (ok.test(c) && (s < 0 || candidates[c] > candidates[s])) {
        s = c;
      }
    }
    return s;
  }

  /** Weighted mean of {@code a}; 0 without weight. */
  static double weightedMean(double[] a, double[] w) {
    return meanDifference(a, null, w);
  }

  /** Weighted mean of {@code a − b} ({@code b} null: of {@code a}); 0 without weight. */
  static double meanDifference(double[] a, double[] b, double[] w) {
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += w[i] * (b == null ? a[i] : a[i] - b[i]);
      wsum += w[i];
    }
    return wsum > 0 ? sum / wsum : 0;
  }

  /**
   * Standard error of the weighted mean of {@code a − b}: the weighted standard deviation over
   * the square root of Kish's effective sample size (Σw)²/Σw².
   */
  static double standardError(double[] a, double[] b, double[] w) {
    double mean = meanDifference(a, b, w);
    double wsum = 0;
    double w2sum = 0;
    double var = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i] - mean;
      var += w[i] * d * d;
      wsum += w[i];
      w2sum += w[i] * w[i];
    }
    if (!(wsum > 0)) {
      return 0;
    }
    double effective = wsum * wsum / w2sum;
    return Math.sqrt(var / wsum / effective);
  }

  /** The chosen λ₂. */
  public double chosen() {
    return candidates[chosen];
  }

  /**
   * The λ₂ the caller's final training ran with during the selection, or NaN if it did not run
   * (no final training given, candidates trained one after another, or it failed).
   */
  public double speculated() {
    return speculated;
  }

  /** The candidates, in the order tried. */
  public double[] candidates() {
    return candidates.clone();
  }

  /** Each candidate's lowest validation loss (+∞ when the holdout got no rows). */
  public double[] losses() {
    return losses.clone();
  }

  /**
   * Each candidate's holdout error, the criterion of the choice: misclassification rate (class
   * target) or mean loss (numeric target); 0 when the holdout got no rows.
   */
  public double[] errors() {
    return errors.clone();
  }

  /** Epochs each candidate ran before early stopping or the epoch limit. */
  public int[] epochs() {
    return epochs.clone();
  }
}
