package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.TrainerConfig;

/**
 * The tip texts of {@link BackpropMLPOptions}' options, one constant each, in the options'
 * display order: what the Explorer shows on hovering a property and on its "More" page, and what
 * {@link OptionHelp} words for the command line's {@code -h}. Each ends by naming its flag.
 *
 * <p>Why a class of their own: the options class then holds the values, their checks and their
 * metadata, and these texts (an eighth of its lines) can grow without pushing it over the size
 * limit. They are compile-time constants, as annotation values must be.
 */
public final class OptionTexts {

  private OptionTexts() {}

  /**
   * The note on the text settings, appended to the tip texts of the four options they set ({@code
   * -epochs}, {@code -mini-batch}, {@code -lr}, {@code -l2}).
   */
  public static final String TEXT = " Wide, sparse data (at least " + AutoSettings.TEXT_INPUTS
      + " inputs, at most " + (int) (100 * AutoSettings.TEXT_DENSITY) + "% non-zero, e.g. text"
      + " from StringToWordVector) get the text settings where this is left at its default: "
      + AutoSettings.TEXT_EPOCHS + " epochs (more on a small corpus, for at least "
      + AutoSettings.TEXT_MIN_STEPS + " steps), mini-batch " + AutoSettings.TEXT_MINI_BATCH
      + ", lr " + AutoSettings.TEXT_LEARNING_RATE + ", L2 " + AutoSettings.TEXT_L2
      + " without selection.";

  /** Tip text of {@code -hidden}. */
  public static final String HIDDEN_LAYERS =
      "Hidden layer sizes, comma-separated, input side first; each may name its own"
      + " activation, as in \"64:RELU,32:TANH\". Empty, \"none\" or \"0\" (as"
      + " MultilayerPerceptron's -H 0) = no hidden layer (a softmax/linear model). Widths 1.."
      + LayerSpec.MAX_WIDTH
      + ", or \"auto\" (the default): 4 units per encoded input, at least 16 and at most 64."
      + " Command line: -hidden.";

  /** Tip text of {@code -activation}. */
  public static final String ACTIVATION =
      "Activation of hidden layers that do not name their own: RELU, LEAKY_RELU, ELU, GELU,"
      + " TANH, SIGMOID, SOFTPLUS or IDENTITY. Command line: -activation.";

  /** Tip text of {@code -loss}. */
  public static final String LOSS =
      "Training loss. AUTO = softmax cross-entropy for a nominal class, squared error for a"
      + " numeric class. BINARY_CROSS_ENTROPY uses sigmoid outputs (one unit for a two-valued"
      + " class). SQUARED_ERROR, ABSOLUTE_ERROR and HUBER suit a numeric class (on a nominal"
      + " class they fit sigmoid outputs to one-hot targets). Command line: -loss.";

  /** Tip text of {@code -init}. */
  public static final String INITIALIZER =
      "Initial weights: AUTO = He normal before rectifier-family activations, Glorot/Xavier"
      + " uniform otherwise; or XAVIER_UNIFORM, XAVIER_NORMAL, HE_UNIFORM, HE_NORMAL. Biases"
      + " start at 0. Command line: -init.";

  /** Tip text of {@code -optimizer}. */
  public static final String OPTIMIZER =
      "Update rule: SGD (plain; with momentum (-momentum) > 0 classical momentum, with"
      + " nesterov (-nesterov) Nesterov's), ADAM, ADAMW (L2 becomes decoupled weight decay),"
      + " RMSPROP or ADAGRAD. Command line: -optimizer.";

  /** Tip text of {@code -lr}. */
  public static final String LEARNING_RATE =
      "Step size (> 0), or 0 = automatic (the default). Automatic: 0.01 for training sets"
      + " under " + AutoSettings.SMALL_DATA_ROWS + " rows, else 0.003, ten times that for"
      + " ADAGRAD, whose steps shrink as a run goes on (row by row: "
      + AutoSettings.STREAM_LEARNING_RATE
      + " where the mini-batch grows, see miniBatchSize; otherwise the rate above for an"
      + " unknown number of rows, 0.003 or 0.03 for ADAGRAD). Typical:"
      + " 0.001-0.01 for ADAM/ADAMW/RMSPROP, 0.01-0.1 for SGD and ADAGRAD. Too large makes"
      + " training diverge." + TEXT + " Command line: -lr.";

  /** Tip text of {@code -momentum}. */
  public static final String MOMENTUM =
      "Momentum coefficient in [0, 1) for SGD (ignored by the adaptive optimizers); 0 ="
      + " plain SGD. Command line: -momentum.";

  /** Tip text of {@code -nesterov}. */
  public static final String NESTEROV =
      "Use Nesterov's accelerated form of momentum with SGD. Command line: -nesterov.";

  /** Tip text of {@code -mini-batch}. */
  public static final String MINI_BATCH_SIZE =
      "Training examples per gradient step (>= 1): 1 = per-example SGD, at least the number"
      + " of training instances = full-batch gradient descent (row by row at most"
      + " max(reservoir, " + AutoSettings.STREAM_STEP_ROWS
      + ")); 0 = automatic: 8 for training sets under " + AutoSettings.SMALL_DATA_ROWS
      + " rows, else 32 (row by row: 32; a dense stream that starts untrained steps on one"
      + " new row per " + AutoSettings.STREAM_ROWS_PER_BATCH_ROW
      + " seen, topped up from a reservoir of 32+)." + TEXT + " Command line: -mini-batch.";

  /** Tip text of {@code -epochs}. */
  public static final String MAX_EPOCHS =
      "Maximum passes over the training data (>= 1, or 0 = automatic: "
      + TrainerConfig.DEFAULT_EPOCHS + "); early stopping may end training sooner." + TEXT
      + " Command line: -epochs.";

  /** Tip text of {@code -schedule}. */
  public static final String SCHEDULE =
      "Learning-rate schedule over the epochs: CONSTANT, STEP (halved after 25%, 50% and"
      + " 75% of the epochs), EXPONENTIAL (down to 1%) or COSINE (annealed to 0). Command"
      + " line: -schedule.";

  /** Tip text of {@code -warmup}. */
  public static final String WARMUP_EPOCHS =
      "Epochs (>= 0) of linear learning-rate warm-up before the schedule starts. Command"
      + " line: -warmup.";

  /** Tip text of {@code -clip}. */
  public static final String GRADIENT_CLIP_NORM =
      "Rescale the gradient whenever its global L2 norm exceeds this value (>= 0; 0 = no"
      + " clipping). Guards against exploding gradients. Command line: -clip.";

  /** Tip text of {@code -l1}. */
  public static final String L1 =
      "L1 penalty lambda1 (>= 0) on the weights (not biases): adds lambda1 * sum(|w|) to"
      + " each mini-batch's objective, whose subgradient pushes weights towards 0 (they end"
      + " near it, not exactly at it). Useful values are small (0.0001-0.01): 0.1 can leave"
      + " the model predicting the class prior. Command line: -l1.";

  /** Tip text of {@code -l2}. */
  public static final String L2 =
      "L2 penalty lambda2 (>= 0) on the weights (not biases): adds lambda2/2 * sum(w^2) to"
      + " the objective; with ADAMW it is the decoupled weight decay per step instead. A list"
      + " means: train once per value, strongest first, on 80 % of the data (100 minus"
      + " -validation when set) for at most 30 % of the epochs (beyond 10,000 such rows fewer;"
      + " each run ends early after 30 % of -patience epochs without a lower loss on the rest),"
      + " stop at the first value whose error rate on the rest (loss for a numeric class) is not"
      + " below a stronger one's, keep the strongest within one standard error of the lowest,"
      + " then train on all the data with it (from 1,000 rows, candidates of at most 10,000"
      + " rows and no -validation, continuing that value's run for the rest of the epochs)."
      + " Row-by-row steps use the largest; a"
      + " stream's epochs over its reservoir choose on the reservoir." + TEXT
      + " Command line: -l2.";

  /** Tip text of {@code -dropout}. */
  public static final String DROPOUT =
      "Probability in [0, 1) of zeroing each hidden unit during training (inverted dropout;"
      + " off at prediction time). 0 = off; -1 = automatic: " + AutoSettings.DROPOUT
      + " for data with at least " + AutoSettings.DROPOUT_INPUTS
      + " inputs (a nominal attribute counts its one-hot columns, one if it has two values)"
      + " and under " + AutoSettings.DROPOUT_MAX_ROWS_PER_INPUT
      + " training rows per input, else off. Command line: -dropout.";

  /** Tip text of {@code -label-smoothing}. */
  public static final String LABEL_SMOOTHING =
      "Label smoothing epsilon in [0, 1) for the cross-entropy losses: targets become (1 -"
      + " epsilon) * one-hot + epsilon / K. 0 = off. Command line: -label-smoothing.";

  /** Tip text of {@code -class-weights}. */
  public static final String CLASS_WEIGHTS =
      "NONE, or BALANCED: re-weight instances so every class carries the same total weight"
      + " (for imbalanced nominal classes). Command line: -class-weights.";

  /** Tip text of {@code -validation}. */
  public static final String VALIDATION_PERCENT =
      "Percentage of the training data in [0, 100) held out (stratified for a nominal"
      + " class) for early stopping; 0 = train on everything for all epochs. Command line:"
      + " -validation.";

  /** Tip text of {@code -patience}. */
  public static final String PATIENCE =
      "Early stopping: stop after this many epochs (>= 1) without a lower validation loss,"
      + " then restore the best weights. Command line: -patience.";

  /** Tip text of {@code -normalize}. */
  public static final String NORMALIZE = "Rescaling of numeric inputs: AUTO (meaning"
      + " STANDARDIZE for dense data, MAXABS when the data take the sparse route: wide or"
      + " SparseInstance data with at most 25% non-zeros; numbers beside a nominal attribute of"
      + " many values standardized there too), STANDARDIZE (z-scores), MINMAX (to"
      + " [0, 1]), MAXABS (divide by the largest |value|, zeros stay zero) or NONE. STANDARDIZE"
      + " and MINMAX always train on dense rows. A numeric class is always standardized"
      + " internally (by its median and median absolute deviation for the HUBER and"
      + " ABSOLUTE_ERROR losses). Command line: -normalize.";

  /** Tip text of {@code -seed}. */
  public static final String SEED =
      "Random seed for the initial weights, the shuffling and the holdout: the same seed"
      + " and data give the same model. Command line: -seed.";

  /** Tip text of {@code -threads}. */
  public static final String THREADS = "Threads for training and batch prediction (0 to "
      + OptionChecks.MAX_THREADS
      + "; 0 = all available processors; at most the larger of 8 and 4 per processor start)."
      + " The model is bit-for-bit the same whatever the number. Command line: -threads.";

  /** Tip text of {@code -curve-file}. */
  public static final String CURVE_FILE = "If not empty, write the per-epoch training curve"
      + " (training and validation loss, validation accuracy or RMSE, learning rate, gradient"
      + " norm per layer; for a numeric class the losses computed on the class as the model"
      + " scales it, its description says how, the RMSE in its units) to this CSV file after"
      + " each build. Under cross-validation every fold's build rewrites it after the full"
      + " model's, so for the model's own curve evaluate with -no-cv or a test set (or save the"
      + " table in the Explorer's MLP curves tab). Command line: -curve-file.";

  /** Tip text of {@code -reservoir}. */
  public static final String RESERVOIR_SIZE =
      "Row-by-row training (UpdateableClassifier: Weka's command line with -t, the"
      + " KnowledgeFlow's incremental mode, distributed map tasks) keeps a uniform random"
      + " sample of at most this many rows (>= 0) and, when the stream ends, trains maxEpochs"
      + " (-epochs) further epochs on it. 0 = a single pass over the stream. Memory: the rows"
      + " kept, and on sparse data their encoded copy at the end. Command line: -reservoir.";

  /** Tip text of {@code -resume}. */
  public static final String RESUME =
      "Keep the training state so that IterativeClassifier iterations (the Explorer's"
      + " Continue iterating; initializeClassifier, next, done) continue on the same rows for"
      + " another maxEpochs (-epochs) epochs, the schedule starting again; the other options"
      + " stay the build's. A build always trains afresh. A saved or copied model carries the"
      + " state (its encoded rows and optimizer moments). Weka's -continue-iterating cannot"
      + " use it: Weka streams the file's rows into a model read with -l instead."
      + " Command line: -resume.";
}
