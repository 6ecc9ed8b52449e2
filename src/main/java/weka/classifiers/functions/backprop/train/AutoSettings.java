package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * The settings chosen from the data when the user leaves them automatic: mini-batch size and
 * learning rate from the number of training rows, dropout from the numbers of encoded inputs and
 * training rows, and the text settings (epochs, mini-batch, learning rate, λ₂) for wide, sparse
 * inputs such as a bag of words ({@link #isText(int, double)}).
 * One place for these rules, so that training, the memory estimate and the model's description
 * agree on them. How each rule was measured is in {@code doc/defaults.md}.
 */
public final class AutoSettings {

  private AutoSettings() {}

  /** The row count of row-by-row training, where the number of rows is not known. */
  public static final int UNKNOWN_ROWS = -1;

  /** Training sets with fewer rows than this get the small-data step settings. */
  public static final int SMALL_DATA_ROWS = 500;

  /** Encoded inputs from which the automatic dropout is on. */
  public static final int DROPOUT_INPUTS = 20;

  /** Dropout probability of the automatic choice. */
  public static final double DROPOUT = 0.3;

  /**
   * Mini-batch size for {@code rows} training rows: 8 below {@value #SMALL_DATA_ROWS} rows, else
   * 32 (and 32 for {@link #UNKNOWN_ROWS}). Why: with 32-row batches a set of a few hundred rows
   * gets too few updates per epoch to converge in the default epochs; four times as many, noisier
   * steps at a larger rate do, and cost no more time per epoch on such data, while on large sets
   * the small-data setting is worse.
   *
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @return examples per step
   */
  public static int miniBatch(int rows) {
    return isSmallData(rows) ? 8 : 32;
  }

  /**
   * Learning rate for {@code rows} training rows: 0.01 below {@value #SMALL_DATA_ROWS} rows, else
   * 0.003 (and 0.003 for {@link #UNKNOWN_ROWS}); see {@link #miniBatch(int)} for why.
   *
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @return the base learning rate
   */
  public static double learningRate(int rows) {
    return isSmallData(rows) ? 0.01 : 0.003;
  }

  /**
   * How many times {@link #learningRate(int)} the automatic rate of {@code -optimizer ADAGRAD}
   * is. Why: AdaGrad divides each step by the root of all the squared gradients so far (Duchi,
   * Hazan &amp; Singer 2011), so its steps shrink over a run where Adam's do not, and at Adam's
   * rate with the cosine schedule it stopped short: 10-fold CV with the defaults otherwise, 0.01
   * against 0.1 on the sets it was chosen on, iris 90.7 against 96.0 %, cpu correlation 0.799
   * against 0.958, diabetes 75.7 against 76.6 %, glass 67.8 against 69.2 %; then, unseen by that
   * choice, vote 96.3 against 97.0 %, breast-cancer 72.4 both, sonar 83.7 against 86.1 %, wine
   * 98.3 both, and segment-challenge (1,500 rows: 0.003 against 0.03) 91.9 against 96.7 %.
   */
  public static final double ADAGRAD_RATE_FACTOR = 10;

  /**
   * The automatic learning rate for {@code rows} training rows and an optimizer: {@link
   * #learningRate(int)}, times {@link #ADAGRAD_RATE_FACTOR} for AdaGrad.
   *
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @param optimizer the update rule
   * @return the base learning rate
   */
  public static double learningRate(int rows, OptimizerType optimizer) {
    return learningRate(rows) * (optimizer == OptimizerType.ADAGRAD ? ADAGRAD_RATE_FACTOR : 1);
  }

  /**
   * Training rows per encoded input from which the automatic dropout is off again
   * ({@link #dropout(int, int)}).
   */
  public static final int DROPOUT_MAX_ROWS_PER_INPUT = 100;

  /**
   * Dropout probability for a network with {@code inputs} encoded columns trained on {@code
   * rows} rows: {@value #DROPOUT} from {@value #DROPOUT_INPUTS} inputs on, unless there are at
   * least {@value #DROPOUT_MAX_ROWS_PER_INPUT} training rows per input; else 0. Why the number
   * of inputs: dropout regularizes by keeping units from co-adapting (Srivastava et al. 2014),
   * which needs many inputs to co-adapt over; with few inputs the hidden layer's width is the
   * model's capacity rather than its redundancy, and dropout costs accuracy (and time per step).
   * Why the rows: with that many rows per input the data constrain the first layer's weights
   * well enough that dropout's noise only biases the fit (satellite, 119 rows per input: 90.4 %
   * with dropout, 91.1 without; Fashion-MNIST, 77, gains with it); measured in
   * doc/defaults.md, "Dropout off where rows are plentiful". Row by row ({@link #UNKNOWN_ROWS})
   * the number of rows is not known, and the rule of the inputs alone applies.
   *
   * @param inputs encoded input columns
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @return the drop probability
   */
  public static double dropout(int inputs, int rows) {
    if (inputs < DROPOUT_INPUTS) {
      return 0;
    }
    boolean plentiful = rows != UNKNOWN_ROWS
        && rows >= (long) DROPOUT_MAX_ROWS_PER_INPUT * inputs;
    return plentiful ? 0 : DROPOUT;
  }

  /** Most hidden units of the automatic width ({@link #hiddenUnits}): the width of wide inputs. */
  public static final int HIDDEN_UNITS = 64;

  /** Fewest hidden units of the automatic width ({@link #hiddenUnits}). */
  public static final int MIN_HIDDEN_UNITS = 16;

  /** Hidden units per encoded input of the automatic width ({@link #hiddenUnits}). */
  public static final int HIDDEN_UNITS_PER_INPUT = 4;

  /**
   * Width of the one hidden layer of {@code -hidden auto} for {@code inputs} encoded columns:
   * {@value #HIDDEN_UNITS_PER_INPUT} units per input, at least {@value #MIN_HIDDEN_UNITS} and at
   * most {@value #HIDDEN_UNITS} (from 16 inputs on, as every width was before the rule). Why:
   * on data with a handful of inputs 64 units cost up to three times the training time of 16
   * and gained nothing on the classification sets of the accuracy table (iris, glass, wine,
   * diabetes, breast-w; cpu and servo in r), while boston's regression lost a little with every
   * halving, which four units per input keep from it (52 for its 13 inputs). The measurements
   * are in doc/defaults.md, "The hidden layer's width from the inputs".
   *
   * @param inputs encoded input columns
   * @return the hidden units
   */
  public static int hiddenUnits(int inputs) {
    long units = (long) HIDDEN_UNITS_PER_INPUT * Math.max(0, inputs);
    return (int) Math.max(MIN_HIDDEN_UNITS, Math.min(HIDDEN_UNITS, units));
  }

  /** Share of the epoch budget that each λ₂ candidate trains for ({@link #selectionEpochs}). */
  public static final double SELECTION_EPOCH_SHARE = 0.3;

  /**
   * Epochs of each λ₂ candidate when a list of penalties is chosen from ({@code
   * PenaltySelection}): {@value #SELECTION_EPOCH_SHARE} of the final training's {@code epochs},
   * rounded up, at least 1. The candidates run the same schedule compressed into these epochs
   * (a cosine decay reaches zero at their end), with the usual early stopping on the holdout.
   * Why: the candidates only rank the penalties, and their ranking at 30 epochs is nearly always
   * the one at 100 (the same value is chosen), while they were two thirds of the default
   * recipe's time on the small data sets of the accuracy table. In 10×10 cross-validation
   * 30 epochs instead of 100 changed iris by −0.07 points, glass −0.28, labor 0, cpu's
   * correlation −0.001 (doc/defaults.md has the whole table).
   *
   * @param epochs the final training's epoch budget, ≥ 1
   * @return the candidates' epoch budget
   */
  public static int selectionEpochs(int epochs) {
    return roundedUp(epochs * SELECTION_EPOCH_SHARE);
  }

  /**
   * {@code x} rounded up, at least 1; a product such as 100 × 0.3 = 30.000000000000004 counts
   * as the whole number it stands for.
   */
  private static int roundedUp(double x) {
    return Math.max(1, (int) Math.ceil(x - 1e-9));
  }

  /**
   * Candidate training rows up to which {@link #selectionEpochs(int, int)} keeps the whole
   * share of the epochs; above it the candidates get the same number of row visits instead.
   */
  public static final int SELECTION_ROWS = 10_000;

  /**
   * Epochs of each λ₂ candidate that trains on {@code candidateRows} rows: {@link
   * #selectionEpochs(int)}, and on more than {@value #SELECTION_ROWS} rows that many epochs
   * scaled by {@code SELECTION_ROWS / candidateRows} (rounded up, at least 1), so that no
   * candidate visits more rows than 30 % of the epochs over {@value #SELECTION_ROWS} rows
   * would. Why: on large data sets an epoch is thousands of steps, the holdout loss ranks the
   * penalties long before the 30th epoch, and the candidates cost 0.7 of the final training
   * (shuttle's 30,933 candidate rows: 10 epochs instead of 30; Fashion-MNIST's 48,000: 7). The
   * final training is untouched, so where the same λ₂ is chosen the model is the same bit for
   * bit: on letter, shuttle and Fashion-MNIST (the accuracy table's three sets this large) and
   * on two large sets kept aside for the check, the choice did not change, while a budget of
   * 5,000 rows changed Fashion-MNIST's (doc/defaults.md).
   *
   * @param epochs the final training's epoch budget, ≥ 1
   * @param candidateRows the rows each candidate trains on (the data less the holdout)
   * @return the candidates' epoch budget
   */
  public static int selectionEpochs(int epochs, int candidateRows) {
    int share = selectionEpochs(epochs);
    if (candidateRows <= SELECTION_ROWS) {
      return share;
    }
    return roundedUp(share * (double) SELECTION_ROWS / candidateRows);
  }

  /** Fewest training rows on which the final training continues from the chosen candidate. */
  public static final int CONTINUE_MIN_ROWS = 1000;

  /**
   * Epochs of a final training that continues from the chosen λ₂ candidate's network instead of
   * a fresh one, or 0 where it starts afresh: the final budget {@code epochs} less the
   * candidates' {@link #selectionEpochs(int, int)}, on {@value #CONTINUE_MIN_ROWS} training rows
   * or more where the candidates get their whole share ({@code candidateRows} up to {@value
   * #SELECTION_ROWS}). The chosen candidate has then run the first 30 % of the budget, with the
   * chosen penalty, on 80 % of the rows; the final training goes on from its best holdout epoch
   * on all the rows with the schedule restarted, a warm restart (Loshchilov &amp; Hutter 2017,
   * "SGDR: stochastic gradient descent with warm restarts", ICLR), and the build trains 30
   * epochs less. Measured in 10-fold cross-validation (doc/defaults.md, "The final training
   * continues from the chosen candidate"): dna, satellite, segment-challenge, digits and the
   * held-out titanic and spambase within 0.15 points of a fresh final training, fourteen
   * held-out generated sets −0.02 on average. Not below: vowel, soybean and diabetes lost
   * 0.26-0.40 points, and small sets up to 2.4 to keeping the candidate or continuing it ten
   * epochs (glass). Not above: where the candidates' epochs are cut for large data the saving
   * shrinks with them (7 % on Fashion-MNIST), which lost 0.4 points. Not shorter, nor with the
   * candidate's Adam moments kept instead of a fresh optimizer: 40 epochs lost up to a point on
   * the held-out real sets either way, and the kept moments gained nothing at 70 (doc/defaults.md,
   * "The continued training keeping Adam's state, or shorter").
   *
   * @param epochs the final training's epoch budget, ≥ 1
   * @param rows the training rows
   * @param candidateRows the rows each candidate trains on (the data less the holdout)
   * @return the epochs of the continued training, or 0 to train a fresh network
   */
  public static int continuedEpochs(int epochs, int rows, int candidateRows) {
    if (rows < CONTINUE_MIN_ROWS || candidateRows > SELECTION_ROWS) {
      return 0;
    }
    return Math.max(0, epochs - selectionEpochs(epochs, candidateRows));
  }

  /**
   * Early-stopping patience of each λ₂ candidate: the final training's {@code patience} scaled
   * by the same {@value #SELECTION_EPOCH_SHARE} as its epochs ({@link #selectionEpochs}), rounded
   * up, at least 1 (the default 20 becomes 6). Why: the candidates run the whole schedule
   * compressed into 30 % of the epochs, so 20 epochs without a better holdout loss is two thirds
   * of their budget, and on most small sets they spent it waiting: their holdout loss was
   * lowest at epoch 2–6 (glass, vote, diabetes, breast-cancer, sonar) and the last 20 epochs
   * changed nothing. A candidate whose best epoch is followed by {@code patience} epochs without
   * improvement ends with the same weights and holdout errors under any shorter patience down to
   * this one, so the choice changes only where the holdout loss improves again after a plateau
   * of 6 to 20 epochs (measured in doc/defaults.md).
   *
   * @param patience the final training's patience, ≥ 1
   * @return the candidates' patience
   */
  public static int selectionPatience(int patience) {
    return selectionEpochs(patience);
  }

  /** Encoded inputs from which sparse data count as text-like ({@link #isText(int, double)}). */
  public static final int TEXT_INPUTS = 1000;

  /** Largest fraction of non-zero inputs of text-like data ({@link #isText(int, double)}). */
  public static final double TEXT_DENSITY = 0.10;

  /** Least epochs of text-like data when {@code -epochs} is left at its default. */
  public static final int TEXT_EPOCHS = 5;

  /** Least optimizer steps of text-like data when {@code -epochs} is left at its default. */
  public static final int TEXT_MIN_STEPS = 500;

  /** Mini-batch size of text-like data when {@code -mini-batch} is automatic. */
  public static final int TEXT_MINI_BATCH = 128;

  /** Learning rate of text-like data when {@code -lr} is automatic. */
  public static final double TEXT_LEARNING_RATE = 0.01;

  /** The λ₂ of text-like data, fixed (no selection), when {@code -l2} is left at its default. */
  public static final double TEXT_L2 = 1e-4;

  /**
   * Whether inputs this wide and this sparse get the text settings: at least {@value
   * #TEXT_INPUTS} encoded inputs of which at most {@value #TEXT_DENSITY} are non-zero on
   * average. Why: a bag of words has thousands of columns, nearly all zero in each document, and
   * as many weights per hidden unit as words; such a network fits the training documents within
   * a few passes of a corpus of thousands, and further epochs add nothing but time (the usual
   * recipe for bag-of-words MLPs: one wide hidden layer, dropout, few epochs, large batches, and
   * what the spam and Debian corpora of doc/text.md showed). No dense data set of the
   * accuracy table has that many inputs, so their settings do not change. Measured in {@code
   * doc/text.md}.
   *
   * @param inputs encoded input columns
   * @param density fraction of non-zero encoded inputs over the training rows; 1 for dense data
   * @return whether the text settings apply
   */
  public static boolean isText(int inputs, double density) {
    return inputs >= TEXT_INPUTS && density <= TEXT_DENSITY;
  }

  /**
   * Epochs of text-like data when {@code -epochs} is left at its default: {@value #TEXT_EPOCHS},
   * or more on a small corpus, enough for {@value #TEXT_MIN_STEPS} optimizer steps. Why steps
   * rather than epochs: a few epochs suffice when each has many mini-batches, but on a few hundred
   * documents {@value #TEXT_EPOCHS} epochs of {@value #TEXT_MINI_BATCH}-row batches are only some
   * 30 steps, too few for Adam to fit the first layer's many weights (measured on 720-document
   * samples of the spam and Debian corpora, doc/text.md).
   *
   * @param rows training rows
   * @param miniBatch examples per step
   * @return the number of epochs
   */
  public static int textEpochs(int rows, int miniBatch) {
    long stepsPerEpoch = Math.max(1, (rows + (long) miniBatch - 1) / Math.max(1, miniBatch));
    long forSteps = (TEXT_MIN_STEPS + stepsPerEpoch - 1) / stepsPerEpoch;
    return (int) Math.max(TEXT_EPOCHS, forSteps);
  }

  /** Rows a stream sees per new row of its steps ({@link #streamMiniBatch}). */
  public static final int STREAM_ROWS_PER_BATCH_ROW = 300;

  /** Learning rate of a stream pass whose batch grows ({@link #streamMiniBatch}), lr automatic. */
  public static final double STREAM_LEARNING_RATE = 0.005;

  /**
   * The new rows per step of a stream that started from an untrained network, once it has seen
   * {@code rowsSoFar} rows: {@code rowsSoFar / }{@value #STREAM_ROWS_PER_BATCH_ROW}, at least 1
   * and at most {@code full} (one row per step for the first 599 rows, 32 from row 9,600). Where
   * the stream keeps a reservoir, each step is topped up to {@code full} rows with rows drawn
   * from it ({@code StreamingTrainer.EarlierRows}). Why: a stream's model is used while it
   * learns (the KnowledgeFlow's incremental evaluator tests each row on it before training on
   * it), and steps of 32 new rows at the rate 0.003 were too few to learn from a short stream:
   * prequential accuracy of 33 % on iris, 55 % on segment-challenge and 66 % on diabetes, where
   * NaiveBayesUpdateable had 86, 79 and 73 %. A step for each of the first rows (at the rate
   * {@value #STREAM_LEARNING_RATE}) learns from them, and the batch of new rows grows as rows
   * become plentiful, so a long stream takes its usual steps. Measured in doc/defaults.md,
   * "Learning while streaming".
   *
   * @param rowsSoFar rows of the stream so far, the current one included
   * @param full the mini-batch the growth ends at, ≥ 1
   * @return the new rows of the step being filled, in [1, full]
   */
  public static int streamMiniBatch(long rowsSoFar, int full) {
    return (int) Math.max(1, Math.min(full, rowsSoFar / STREAM_ROWS_PER_BATCH_ROW));
  }

  /** Most rows of a row-by-row step where the reservoir is smaller ({@link #miniBatch}). */
  public static final int STREAM_STEP_ROWS = 10_000;

  /**
   * The mini-batch in force: the option, row by row at most the larger of the reservoir and
   * {@value #STREAM_STEP_ROWS} rows; for the automatic 0, {@link #miniBatch(int)}. Why the cap:
   * a stream buffers its step's rows, and "at least the number of training instances" (full-batch
   * gradient descent) names no row count there; {@code -mini-batch 2147483647} on the command
   * line, which trains row by row first, had been refused as a buffer of terabytes.
   *
   * @param option the mini-batch option: at least 1, or 0 for automatic
   * @param rows training rows, or {@link #UNKNOWN_ROWS} (any negative) row by row
   * @param reservoir the reservoir option (rows, 0 = none)
   * @return rows per step
   */
  public static int miniBatch(int option, int rows, int reservoir) {
    if (option <= 0) {
      return miniBatch(rows);
    }
    return rows < 0 ? Math.min(option, Math.max(reservoir, STREAM_STEP_ROWS)) : option;
  }

  /** Steps on earlier rows alone that follow each step of a stream's first rows. */
  public static final int STREAM_REPLAY_STEPS = 3;

  /**
   * Rows at a stream's start whose steps are followed by replay steps ({@link
   * #streamReplaySteps}): those whose steps take one new row ({@link #streamMiniBatch}).
   */
  public static final int STREAM_REPLAY_ROWS = 2 * STREAM_ROWS_PER_BATCH_ROW;

  /**
   * Least reservoir (the {@code -reservoir} option) whose rows are replayed ({@link
   * #streamReplaySteps}): the rows of the replay phase. Why: a smaller one holds a few rows that
   * every replay step repeats (with {@code -reservoir 32}, soybean's test-then-train accuracy
   * fell from 66.2 to 61.1 %, diabetes' from 70.1 to 68.6 %).
   */
  public static final int STREAM_REPLAY_RESERVOIR = STREAM_REPLAY_ROWS;

  /**
   * Steps on rows drawn from the reservoir alone that follow the step of a growing stream's
   * row number {@code rowsSoFar}: {@value #STREAM_REPLAY_STEPS} while the steps take one new
   * row (the first 599 rows), else none. Why: a network needs more steps than a stream's first
   * rows give to catch up with what they show (naive Bayes only counts them); rehearsing the
   * sample of them took test-then-train accuracy on short streams from 77 to 85 % (iris), 68 to
   * 76 % (labor) and, on streams kept aside, 46 to 56 % (450 rows of LED24) and 60 to 75 % (450
   * of RandomRBF), at a cost of some 57,000 row visits per stream (doc/defaults.md).
   *
   * @param rowsSoFar rows of the stream so far, the current one included
   * @return the replay steps
   */
  public static int streamReplaySteps(long rowsSoFar) {
    return rowsSoFar < STREAM_REPLAY_ROWS ? STREAM_REPLAY_STEPS : 0;
  }

  /**
   * The optimizer steps of one pass over {@code rows} rows of a stream whose batch grows by
   * {@link #streamMiniBatch} from the start (a partial batch at the end makes one step too).
   *
   * @param rows rows of the pass
   * @param full the mini-batch the growth ends at, ≥ 1
   * @return the steps
   */
  public static long streamSteps(long rows, int full) {
    long steps = 0;
    long seen = 0;
    int buffered = 0;
    while (seen < rows && streamMiniBatch(seen + 1, full) < full) {
      seen++;
      if (++buffered >= streamMiniBatch(seen, full)) {
        steps++;
        buffered = 0;
      }
    }
    long rest = rows - seen + buffered; // from here every step takes `full` rows
    return steps + (rest + full - 1) / full;
  }

  private static boolean isSmallData(int rows) {
    return rows >= 0 && rows < SMALL_DATA_ROWS;
  }
}
