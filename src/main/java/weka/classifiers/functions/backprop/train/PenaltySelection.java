package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.classifiers.functions.backprop.model.Network;

/**
 * Chooses the L2 penalty λ₂ from a list of candidates by the error on a held-out part of the
 * training data: each candidate trains a fresh network (same seed, same initial weights, same
 * holdout) with early stopping, and the strongest candidate whose holdout error is within one
 * standard error of the lowest wins (see {@link #select}). The candidates are taken from the
 * strongest penalty down, and the walk stops at the first one whose holdout error is not below
 * that of a stronger one: the weaker candidates after it are not trained ({@code Runs.onPath}).
 * The error is the misclassification rate for a class target and the loss (squared error, …)
 * for a numeric one. The candidates train for the epochs of the configuration they are given;
 * BackpropMLP's build gives them a share of the final training's ({@code
 * AutoSettings.selectionEpochs}), since they only rank the penalties. This is hold-out model
 * selection (e.g. Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical
 * Learning</i>, 2nd ed., §7.2) applied to the one hyper-parameter whose best value differs most
 * between data sets: noisy data (Pima diabetes) wants λ₂ ≈ 0.01, clean data with sharp class
 * boundaries (image segmentation, labor) wants 100 times less, and no single value is within a
 * point of the best on both.
 *
 * <p>The caller then trains its final network on all the data with the chosen value, afresh or,
 * on larger data, continuing from the chosen candidate's network ({@link #takeChosenNetwork});
 * the other candidates' networks are thrown away. A numeric target's loss is the data loss alone
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
  /** Whether the holdout got no row, so nothing was compared (false in older saved models). */
  private final boolean emptyHoldout;
  /** The chosen candidate's trained network until {@link #takeChosenNetwork}; never saved. */
  private transient Network chosenNetwork;
  /** Whether the final training continued from it (false in older saved models). */
  private boolean continued;

  private PenaltySelection(double[] candidates, double[] losses, double[] errors, int[] epochs,
      int chosen, double speculated, boolean emptyHoldout) {
    this.candidates = candidates;
    this.losses = losses;
    this.errors = errors;
    this.epochs = epochs;
    this.chosen = chosen;
    this.speculated = speculated;
    this.emptyHoldout = emptyHoldout;
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
   * {@link #select(double[], Supplier, TrainerConfig, Dataset, double)}, and when the candidates
   * train concurrently, also the caller's final training, on the first thread that finds no
   * candidate left to take, with the value the candidates finished by then point to: the
   * strongest one not yet more than a standard error worse than the best finished one (the
   * strongest of all when none has finished, as on a machine with a thread per candidate and
   * one more). The candidates are taken strongest first, so on two threads and three
   * candidates the final training starts once the two strongest have run and trains the
   * choice unless the weakest beats it by more than a standard error. {@link #speculated()}
   * tells whether it ran to its end and for which value; the caller trains again when the
   * choice differs. A final training whose value the finishing candidates rule out is told to
   * stop ({@link FinalTraining#train(double, BooleanSupplier)}) and counts as not run; while
   * candidates remain, the next value they point to is tried, and after the last one the
   * caller's training of the choice starts at once. A final training that fails with a
   * runtime exception counts as not run (the caller's own training will report it, if it
   * fails again). Which value ran alongside depends on the threads' timing; the model the
   * caller ends with does not.
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
    return select(candidates, networks, config, data, holdout, finalTraining, false);
  }

  /**
   * {@link #select(double[], Supplier, TrainerConfig, Dataset, double, FinalTraining)}, and
   * with {@code keepChosen} the chosen candidate's network for {@link #takeChosenNetwork}: the
   * finished candidates' networks are then kept until the choice is made, a copy of the
   * parameters each.
   *
   * @param candidates λ₂ values to try, each ≥ 0; at least one
   * @param networks makes a freshly initialized network (the same one every call)
   * @param config the training configuration; its λ₂ and holdout fraction are replaced
   * @param data the training data
   * @param holdout fraction of the rows held out to compare the candidates, in (0, 1)
   * @param finalTraining the caller's final training, or null
   * @param keepChosen whether to keep the chosen candidate's network
   * @return the losses of all candidates and the chosen one
   * @throws InterruptedException if the calling thread is interrupted while training
   */
  public static PenaltySelection select(double[] candidates, Supplier<Network> networks,
      TrainerConfig config, Dataset data, double holdout, FinalTraining finalTraining,
      boolean keepChosen) throws InterruptedException {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("no L2 candidates to choose from");
    }
    if (!(holdout > 0 && holdout < 1)) {
      throw new IllegalArgumentException("holdout fraction must be in (0, 1): " + holdout);
    }
    int lanes = lanes(finalTraining != null ? candidates.length + 1 : candidates.length,
        networks, config, data);
    Runs runs = new Runs(candidates, networks, config, data, holdout, keepChosen);
    if (lanes == 1) {
      try {
        for (int c; (c = runs.claim()) >= 0; ) {
          runs.train(c);
        }
      } catch (InterruptedException e) {
        throw interruptedChoosing(candidates, e);
      }
    } else {
      runConcurrently(lanes, candidates, () -> runs.lane(finalTraining));
    }
    return runs.result();
  }

  /**
   * The candidates' runs and what they have found so far, shared by the lanes that train them.
   * Training happens outside the lock; recording a finished run, the provisional choice and the
   * speculative final training's value happen under it.
   */
  private static final class Runs {
    private final double[] candidates;
    private final Supplier<Network> networks;
    private final TrainerConfig config;
    private final Dataset data;
    private final double holdout;
    /** Candidate indices by decreasing λ₂: the order in which the lanes take them. */
    private final int[] order;
    /** Position in {@link #order} of the next candidate to take. */
    private int next;
    private final AtomicBoolean speculating = new AtomicBoolean();
    private final double[] losses;
    private final int[] epochs;
    private final double[][] rowErrors;
    private final boolean[] finished;
    /** Each finished candidate's network at its best holdout epoch, when they are kept. */
    private final Network[] trained;
    /** The holdout rows' weights, the same for every candidate; set by the first to finish. */
    private double[] weights;
    private int pending;
    /**
     * The value the runs finished so far point to ({@link #choose}): the strongest candidate
     * not yet shown to be more than one standard error worse than the best finished one. It
     * only moves to weaker values as runs finish (up to the noise of the standard errors), and
     * once all have finished it is the choice.
     */
    private volatile int provisional;
    private double speculated = Double.NaN;
    /**
     * Set once the runs finished so far end the path ({@link #onPath}): the weaker candidates
     * are then not taken, and one already running stops at its next epoch.
     */
    private volatile boolean pathEnded;

    Runs(double[] candidates, Supplier<Network> networks, TrainerConfig config, Dataset data,
        double holdout, boolean keepTrained) {
      this.candidates = candidates.clone();
      this.networks = networks;
      this.config = config;
      this.data = data;
      this.holdout = holdout;
      int k = candidates.length;
      this.order = java.util.stream.IntStream.range(0, k).boxed()
          .sorted((a, b) -> Double.compare(candidates[b], candidates[a]))
          .mapToInt(Integer::intValue).toArray();
      this.losses = new double[k];
      this.epochs = new int[k];
      this.rowErrors = new double[k][];
      this.finished = new boolean[k];
      this.trained = keepTrained ? new Network[k] : null;
      this.pending = k;
      this.provisional = strongest(candidates, c -> true);
    }

    /** @return the next candidate to train, or −1 when every one has been taken */
    synchronized int claim() {
      return pathEnded || next == order.length ? -1 : order[next++];
    }

    /** Trains candidate {@code c} with early stopping on the holdout and records its results. */
    void train(int c) throws InterruptedException {
      Trainer t = new Trainer(networks.get(),
          config.toBuilder().l2(candidates[c]).validationFraction(holdout).build(), data);
      boolean ended;
      while (!(ended = pathEnded) && t.runEpoch()) {
        // early stopping on the holdout ends the run
      }
      t.finish();
      synchronized (this) {
        epochs[c] = t.epochsRun();
        pending--;
        if (ended && !t.isFinished()) {
          return; // cut short by the path's end: not a finished run
        }
        losses[c] = t.bestValidationLoss();
        rowErrors[c] = t.validationRowErrors();
        if (weights == null) {
          weights = t.validationRowWeights();
        }
        finished[c] = true;
        if (trained != null) {
          trained[c] = t.network();
        }
        boolean[] onPath = onPath();
        provisional = choose(candidates, losses, rowErrors, weights, finished, onPath);
        if (!onPath[order[order.length - 1]]) {
          pathEnded = true;
          pending -= order.length - next; // never to be taken
        }
      }
    }

    /**
     * The candidates the choice may take: walked from the strongest ({@link #order}), the path
     * ends at the first finished candidate whose holdout error is not below the lowest of the
     * stronger ones, all of which have finished; the weaker candidates after it are left out,
     * whether they ran or not. Until such a candidate is known, every one is on the path. Why:
     * along a path of penalties from strong to weak the holdout error falls while the weaker
     * penalty lets the network fit more signal and rises once it fits noise; where a weaker
     * penalty has stopped helping, a still weaker one is not expected to help more. With the
     * default three candidates the weakest was not needed in two builds of three over 30 data
     * sets (doc/defaults.md, "The candidates end where a weaker penalty stops helping").
     * Computed from the finished runs alone, so the choice does not depend on how many ran at
     * once.
     */
    private boolean[] onPath() {
      double[] errorsInOrder = new double[order.length];
      boolean[] finishedInOrder = new boolean[order.length];
      for (int i = 0; i < order.length; i++) {
        int c = order[i];
        finishedInOrder[i] = finished[c];
        errorsInOrder[i] =
            finished[c] ? PairedErrors.weightedMean(rowErrors[c], weights) : Double.NaN;
      }
      int length = pathLength(errorsInOrder, finishedInOrder);
      boolean[] on = new boolean[order.length];
      for (int i = 0; i < length; i++) {
        on[order[i]] = true;
      }
      return on;
    }

    /**
     * One lane: candidates while any is left to take, then, on the first lane to find none
     * left, the caller's final training with the provisional value. Why this order: on two
     * threads and three candidates the second lane to finish would otherwise wait for the
     * third candidate; it trains the value the first two point to instead, which is the final
     * choice unless the weakest candidate beats it by more than a standard error. A final
     * training whose value the candidates rule out while it runs is let go, and the next
     * provisional value is tried while candidates remain (after the last one the caller trains
     * the choice). The earlier schedule started it at once with the strongest value and threw
     * it away on every data set that chose a weaker one, after 70 % of a training's CPU time
     * (doc/defaults.md).
     */
    void lane(FinalTraining finalTraining) throws InterruptedException {
      for (int c; (c = claim()) >= 0; ) {
        train(c);
      }
      if (finalTraining == null || !speculating.compareAndSet(false, true)) {
        return;
      }
      while (true) {
        int value = provisional;
        try {
          finalTraining.train(candidates[value], () -> provisional == value);
        } catch (RuntimeException e) {
          return; // not run; the caller trains again and reports the failure if there is one
        }
        synchronized (this) {
          if (provisional == value) {
            speculated = candidates[value];
            return;
          }
          if (pending == 0) {
            return; // the choice is another value: the caller trains it
          }
        }
      }
    }

    /** The selection, once every run has ended. */
    PenaltySelection result() {
      boolean[] onPath = onPath();
      double[] errors = new double[candidates.length];
      for (int c = 0; c < errors.length; c++) {
        if (!onPath[c]) { // run or not, cut short or not: as if never taken
          losses[c] = Double.NaN;
          epochs[c] = 0;
        }
        errors[c] = onPath[c] ? PairedErrors.weightedMean(rowErrors[c], weights) : Double.NaN;
      }
      int chosen = choose(candidates, losses, rowErrors, weights, finished, onPath);
      PenaltySelection result = new PenaltySelection(candidates, losses, errors, epochs, chosen,
          speculated, weights != null && weights.length == 0);
      result.chosenNetwork = trained != null && finished[chosen] ? trained[chosen] : null;
      return result;
    }
  }

  /**
   * The index of the chosen candidate among those {@code finished} and {@code onPath}: the
   * strongest whose holdout error is within one standard error of the lowest (ties of the lowest
   * broken by the loss), where a candidate on the path not finished counts as within; the
   * strongest of all when none has finished or the holdout has no rows. With every candidate on
   * the path finished this is the choice.
   */
  static int choose(double[] candidates, double[] losses, double[][] rowErrors,
      double[] w, boolean[] finished, boolean[] onPath) {
    int best = -1;
    double bestError = 0;
    for (int c = 0; c < candidates.length; c++) {
      if (!finished[c] || !onPath[c]) {
        continue;
      }
      double e = PairedErrors.weightedMean(rowErrors[c], w);
      if (best < 0 || e < bestError || (e == bestError && losses[c] < losses[best])) {
        best = c;
        bestError = e;
      }
    }
    if (best < 0 || w.length == 0) {
      // nothing to compare on; with too few rows for a holdout the strongest penalty is the
      // cautious choice for data this small
      return strongest(candidates, c -> true);
    }
    // One-standard-error rule (Breiman, Friedman, Olshen & Stone 1984; ESL §7.10): the
    // strongest penalty whose holdout error is within one standard error of the best's. The
    // error is that of the paired per-row difference (all candidates share the holdout rows),
    // so small holdouts, where the winner is mostly luck, fall back to more regularization.
    // The best itself always qualifies (its difference from itself is 0), so the choice is never
    // −1 even where every comparison is false, as a NaN error or standard error makes it.
    final int b = best;
    return strongest(candidates, c -> c == b || onPath[c] && (!finished[c]
        || PairedErrors.meanDifference(rowErrors[c], rowErrors[b], w)
            <= PairedErrors.standardError(rowErrors[c], rowErrors[b], w)));
  }

  /**
   * How many candidates, from the strongest, are on the path ({@code Runs.onPath}): up to and
   * including the first whose holdout error is not below the lowest of the stronger ones, once
   * it and all of those have finished; all of them while no such candidate is known.
   *
   * @param errors holdout errors in path order (strongest penalty first); unfinished ones are
   *     not read
   * @param finished which of them have finished
   * @return the path's length, from 1 to {@code errors.length}
   */
  static int pathLength(double[] errors, boolean[] finished) {
    double lowest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < errors.length; i++) {
      if (!finished[i]) {
        return errors.length; // a stronger candidate still running: nothing is known yet
      }
      if (i > 0 && !(errors[i] < lowest)) {
        return i + 1;
      }
      lowest = Math.min(lowest, errors[i]);
    }
    return errors.length;
  }

  /**
   * The interrupt of a selection, saying so: a candidate's own message ("interrupted in epoch
   * 1") read as if the model's training had stopped there.
   *
   * @param candidates the λ₂ values being compared
   * @param cause the interrupt as it was noticed
   * @return the exception to throw, with {@code cause} as its cause
   */
  private static InterruptedException interruptedChoosing(double[] candidates,
      InterruptedException cause) {
    InterruptedException named = new InterruptedException("training interrupted while choosing"
        + " the L2 penalty among " + java.util.Arrays.toString(candidates));
    named.initCause(cause);
    return named;
  }

  /** One lane's work, which may be interrupted. */
  @FunctionalInterface
  private interface Lane {
    void run() throws InterruptedException;
  }

  /**
   * Parameters × training rows under which the candidates and the final training run one after
   * another on one lane ({@link #oneLaneWorthIt}).
   */
  static final long ONE_LANE_WORK = 200_000;

  /**
   * How many lanes train at once: all available threads (up to one per task) when a single
   * run would use one thread anyway (small networks, see {@link Trainer}) and the build is not
   * tiny ({@link #oneLaneWorthIt}), else one, so that each run keeps its threads. The runs do
   * not interact, so the result is the same either way. Never more than {@link
   * WorkerPool#mostThreads()}, the cap of {@code -threads} everywhere else: 40 candidates with
   * {@code -threads 1000} had started 40 threads.
   */
  static int lanes(int k, Supplier<Network> networks, TrainerConfig config, Dataset data) {
    TrainerConfig cfg = config;
    if (k == 1 || cfg.threads() <= 1) {
      return 1;
    }
    Network net = networks.get();
    int params = net.numParameters();
    if (oneLaneWorthIt(params, data.rows())) {
      return 1;
    }
    int batchRows = Math.max(1, Math.min(cfg.miniBatch(), data.rows()));
    int perRun = Trainer.threadsWorthUsing(params, batchRows, cfg.threads());
    int allowed = Math.min(cfg.threads(), WorkerPool.mostThreads());
    return perRun == 1 ? Math.min(Math.min(k, allowed), lanesThatFit(net, batchRows)) : 1;
  }

  /**
   * How many runs fit at once in 80 % of the free heap, at least 1: each lane holds a network
   * and its training state ({@link MemoryEstimate}), which the memory check before the build
   * counted once; lanes beyond what fits had made the same build run out of memory or not
   * depending on {@code -threads}. The result is the same for any number of lanes.
   */
  static int lanesThatFit(Network net, int batchRows) {
    long perRun = MemoryEstimate.forRun(net, batchRows);
    long free = MemoryEstimate.freeHeap();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (0.8 * free) / perRun));
  }

  /**
   * Whether a build is so small that one lane serves it best: fewer than {@value
   * #ONE_LANE_WORK} parameters × training rows, e.g. iris's 131 parameters (4-16-3) on 135
   * rows, a 4-64-3 network on 150 rows, wine's 887 on 160; not vote's 2,242 on 391 or
   * diabetes' 354 on 691. Why: in a JVM that has run the learner before, a second lane (the
   * speculative final training beside the last candidates) bought no wall time on the eight
   * smallest builds measured (iris, cpu, servo, glass, wine, labor, zoo, the held-out crabs)
   * and cost 10–25 % more CPU, while on vote and boston it bought a tenth to a fifth of the
   * wall time (bench/README.md, "Fifteenth session").
   *
   * @param params the network's parameters
   * @param rows training rows
   * @return whether to train on one lane
   */
  static boolean oneLaneWorthIt(int params, int rows) {
    return (long) params * rows < ONE_LANE_WORK;
  }

  /**
   * Runs {@code lanes} copies of {@code lane} on their own threads and waits for all of them.
   * A failure in one is rethrown here; an interrupt of the calling thread interrupts the runs
   * (they stop within a mini-batch) and is thrown as an {@link InterruptedException} that names
   * the selection (the waiting call's own has no message, and an interrupted build must say where
   * it stopped), and no thread outlives the call.
   */
  private static void runConcurrently(int lanes, double[] candidates, Lane lane)
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
      for (int l = 0; l < lanes; l++) {
        runs.add(pool.submit(() -> {
          Kernels.takeThreadBuffers();
          try {
            lane.run();
          } finally {
            Kernels.returnThreadBuffers();
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<Void> f : runs) {
        try {
          f.get();
        } catch (InterruptedException e) {
          throw interruptedChoosing(candidates, e);
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

  /**
   * Hands the chosen candidate's network, at its best holdout epoch, to a final training that
   * continues from it ({@code AutoSettings.continuedEpochs}), and records that it did for the
   * model's description ({@link #continued()}); the selection keeps no reference to it.
   *
   * @return the network, or null where it was not kept ({@code keepChosen}), was already taken,
   *     or the choice fell back to the strongest value without a finished run
   */
  public Network takeChosenNetwork() {
    Network net = chosenNetwork;
    chosenNetwork = null;
    continued |= net != null;
    return net;
  }

  /** Whether the final training continued from the chosen candidate's network. */
  public boolean continued() {
    return continued;
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

  /**
   * Whether the holdout got no row (a data set of a handful of rows: the holdout is taken per
   * class and rounded), so the candidates could not be compared and the strongest was kept.
   */
  public boolean emptyHoldout() {
    return emptyHoldout;
  }

  /** The candidates, in the order tried. */
  public double[] candidates() {
    return candidates.clone();
  }

  /**
   * Each candidate's lowest validation loss (+∞ when the holdout got no rows; NaN for one past
   * the path's end, which does not count).
   */
  public double[] losses() {
    return losses.clone();
  }

  /**
   * Each candidate's holdout error, the criterion of the choice: misclassification rate (class
   * target) or mean loss (numeric target); 0 when the holdout got no rows; NaN for one past the
   * path's end, which does not count.
   */
  public double[] errors() {
    return errors.clone();
  }

  /**
   * Epochs each candidate ran before early stopping or the epoch limit; 0 for one past the
   * path's end (even if a lane had started it).
   */
  public int[] epochs() {
    return epochs.clone();
  }
}
