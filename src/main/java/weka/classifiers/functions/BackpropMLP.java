package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Initializer;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.DivergenceException;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.classifiers.functions.backprop.train.Schedule;
import weka.classifiers.functions.backprop.train.StreamingTrainer;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.classifiers.functions.backpropmlp.AnnotatedOptions;
import weka.classifiers.functions.backpropmlp.ClassWeighting;
import weka.classifiers.functions.backpropmlp.InstanceEncoder;
import weka.classifiers.functions.backpropmlp.LossChoice;
import weka.classifiers.functions.backpropmlp.ModelAverager;
import weka.classifiers.functions.backpropmlp.ModelSummary;
import weka.classifiers.functions.backpropmlp.Normalization;
import weka.classifiers.functions.backpropmlp.TargetEncoder;
import weka.classifiers.rules.ZeroR;
import weka.core.AdditionalMeasureProducer;
import weka.core.Aggregateable;
import weka.core.BatchPredictor;
import weka.core.Capabilities.Capability;
import weka.core.Capabilities;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;

/**
 * A multilayer perceptron trained by backpropagation with mini-batch gradient descent, as a Weka
 * classifier for nominal classes (classification) and numeric classes (regression).
 *
 * <p>This class only adapts Weka's world to the engine in {@code weka.classifiers.functions.backprop}:
 * it validates options, encodes {@link Instances} into dense rows, builds a {@link Network} and
 * runs a {@link Trainer}, one epoch per {@link #next()} call, and turns network outputs back into
 * Weka predictions. Every option is a bean property annotated with {@link OptionMetadata}, which
 * gives the command-line flag, the GUI label, the order and the tip text in one place.
 */
public class BackpropMLP extends AbstractClassifier
    implements IterativeClassifier, BatchPredictor, WeightedInstancesHandler, Randomizable,
        TechnicalInformationHandler, AdditionalMeasureProducer, UpdateableClassifier,
        UpdateableBatchProcessor, Aggregateable<BackpropMLP> {

  private static final long serialVersionUID = 7261730391251876311L;

  /** Fraction of the free heap a new network and its training buffers may claim. */
  private static final double HEAP_BUDGET = 0.8;

  // ---- options (defaults chosen by 10-fold CV on test-data, see README) ----
  private String hiddenLayers = "64";
  private Activation activation = Activation.RELU;
  private LossChoice loss = LossChoice.AUTO;
  private Initializer initializer = Initializer.AUTO;
  private OptimizerType optimizer = OptimizerType.ADAM;
  /** 0 = automatic, see {@link #effectiveLearningRate}. */
  private double learningRate = 0;
  private double momentum = 0.9;
  private boolean nesterov;
  /** 0 = automatic, see {@link #effectiveMiniBatch}. */
  private int miniBatch = 0;
  private int epochs = 100;
  private Schedule schedule = Schedule.COSINE;
  private int warmup;
  private double clipNorm;
  private double l1;
  private String l2 = DEFAULT_L2;
  /** {@link #l2} parsed: one value = fixed penalty, several = candidates for selection. */
  private double[] l2Values = parsePenalties("l2", DEFAULT_L2);
  /** Whether {@link #initializeClassifier} runs inside {@link #buildClassifier}. */
  private transient boolean wholeBuild;
  /** Rows the automatic step settings of the last build were chosen for; −1 row by row. */
  private int stepRows = -1;
  /** The λ₂ the last batch build trained with (chosen, or the only value); NaN before. */
  private double trainedL2 = Double.NaN;
  /** −1 = automatic, see {@link #effectiveDropout}. */
  private double dropout = AUTOMATIC_DROPOUT;
  private double labelSmoothing;
  private ClassWeighting classWeights = ClassWeighting.NONE;
  private double validationPercent = 0;
  private int patience = 20;
  private Normalization normalization = Normalization.STANDARDIZE;
  private int seed = 1;
  private int threads;
  private String curveFile = "";
  private int reservoirSize = 10000;
  private boolean resume;

  // ---- model ----
  private Instances header;
  private InstanceEncoder encoder;
  private TargetEncoder target;
  private Network network;
  private TrainingHistory history;
  private int trainingRows;
  private int validationRows;
  private boolean stoppedEarly;
  /** Used instead of a network when the data leave no input column (e.g. only the class). */
  private ZeroR fallback;

  // ---- training state, kept between next() calls (and after done() when resuming) ----
  private transient Trainer trainer;
  private transient volatile Instances lastCheckedHeader;

  // ---- row-by-row training (UpdateableClassifier) and aggregation (Aggregateable) ----
  /** Rows trained on since the model was built or last aggregated: its weight in an average. */
  private long rowsSinceAggregation;
  /** Rows trained on row by row in total. */
  private long streamedRows;
  private transient StreamingTrainer streamer;
  /** How the last batch build chose λ₂ among candidates; null with a single value. */
  private PenaltySelection selection;
  private transient double[] rowX;
  private transient double[] rowY;
  private transient ModelAverager averager;
  /** Uniform sample of the streamed rows (Vitter's algorithm R), trained on at batchFinished. */
  private transient Instances reservoir;
  private transient org.apache.commons.math3.random.RandomGenerator reservoirRng;
  private transient long reservoirSeen;

  private static final AnnotatedOptions OPTIONS = new AnnotatedOptions(BackpropMLP.class);

  /**
   * Describes the classifier for the GUI.
   *
   * @return a short plain-language description
   */
  public String globalInfo() {
    return "A multilayer perceptron (feed-forward neural network) trained by backpropagation"
        + " with mini-batch gradient descent. Use it for classification (nominal class, softmax"
        + " outputs and cross-entropy) or regression (numeric class) when a linear model is not"
        + " flexible enough. Any number of hidden layers, each with its own activation; SGD with"
        + " momentum or Nesterov, Adam, AdamW, RMSProp and AdaGrad; L1/L2 penalties, dropout,"
        + " gradient clipping, learning-rate schedules and early stopping on a stratified"
        + " holdout. Numeric inputs are standardized, nominal ones one-hot encoded, missing"
        + " values imputed with an indicator input. Training with the same seed gives the same"
        + " model every time, on any number of threads. It can also learn row by row from data"
        + " too large to load (UpdateableClassifier) and be trained on partitions whose models"
        + " are averaged (Aggregateable, for Weka's distributed packages).\n\nFor more"
        + " information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation info = new TechnicalInformation(TechnicalInformation.Type.ARTICLE);
    info.setValue(TechnicalInformation.Field.AUTHOR, "D. E. Rumelhart and G. E. Hinton and R. J. Williams");
    info.setValue(TechnicalInformation.Field.TITLE, "Learning representations by back-propagating errors");
    info.setValue(TechnicalInformation.Field.JOURNAL, "Nature");
    info.setValue(TechnicalInformation.Field.VOLUME, "323");
    info.setValue(TechnicalInformation.Field.PAGES, "533-536");
    info.setValue(TechnicalInformation.Field.YEAR, "1986");
    addPaper(info, "D. P. Kingma and J. Ba", "Adam: A Method for Stochastic Optimization",
        "International Conference on Learning Representations (ICLR)", "2015");
    addPaper(info, "I. Loshchilov and F. Hutter", "Decoupled Weight Decay Regularization",
        "International Conference on Learning Representations (ICLR)", "2019");
    addPaper(info, "I. Sutskever and J. Martens and G. Dahl and G. Hinton",
        "On the importance of initialization and momentum in deep learning",
        "International Conference on Machine Learning (ICML)", "2013");
    addPaper(info, "X. Glorot and Y. Bengio",
        "Understanding the difficulty of training deep feedforward neural networks",
        "International Conference on Artificial Intelligence and Statistics (AISTATS)", "2010");
    addPaper(info, "K. He and X. Zhang and S. Ren and J. Sun",
        "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
        "IEEE International Conference on Computer Vision (ICCV)", "2015");
    addPaper(info, "R. Pascanu and T. Mikolov and Y. Bengio",
        "On the difficulty of training recurrent neural networks",
        "International Conference on Machine Learning (ICML)", "2013");
    addPaper(info, "N. Srivastava and G. Hinton and A. Krizhevsky and I. Sutskever and R. Salakhutdinov",
        "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
        "Journal of Machine Learning Research 15:1929-1958", "2014");
    return info;
  }

  private static void addPaper(TechnicalInformation info, String author, String title, String venue, String year) {
    TechnicalInformation t = info.add(TechnicalInformation.Type.INPROCEEDINGS);
    t.setValue(TechnicalInformation.Field.AUTHOR, author);
    t.setValue(TechnicalInformation.Field.TITLE, title);
    t.setValue(TechnicalInformation.Field.BOOKTITLE, venue);
    t.setValue(TechnicalInformation.Field.YEAR, year);
  }

  // =====================================================================================
  // Options
  // =====================================================================================

  @Override
  public Enumeration<Option> listOptions() {
    return super.listOptions();
  }

  @Override
  public String[] getOptions() {
    List<String> out = new ArrayList<>(OPTIONS.get(this));
    if (getDebug()) {
      out.add("-output-debug-info");
    }
    if (getDoNotCheckCapabilities()) {
      out.add("-do-not-check-capabilities");
    }
    if (getNumDecimalPlaces() != NUM_DECIMAL_PLACES_DEFAULT) {
      out.add("-num-decimal-places");
      out.add("" + getNumDecimalPlaces());
    }
    if (!BATCH_SIZE_DEFAULT.equals(getBatchSize())) {
      out.add("-batch-size");
      out.add(getBatchSize());
    }
    return out.toArray(new String[0]);
  }

  /**
   * Parses options strictly: a bad value raises an exception naming the option and the allowed
   * values, and an absent option is reset to its default. See {@link #listOptions()}.
   *
   * @param options the options
   * @throws Exception for an unknown option or an invalid value
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    OPTIONS.set(this, options);
    // AbstractClassifier's own options. super.setOptions is deliberately not called: its
    // generic Option.setOptionsForHierarchy pass would visit this class's annotated flags again
    // and reset them to false, since they have already been consumed from the array.
    setDebug(Utils.getFlag("output-debug-info", options));
    setDoNotCheckCapabilities(Utils.getFlag("do-not-check-capabilities", options));
    String decimals = Utils.getOption("num-decimal-places", options);
    setNumDecimalPlaces(decimals.isEmpty() ? NUM_DECIMAL_PLACES_DEFAULT : Integer.parseInt(decimals));
    String batch = Utils.getOption("batch-size", options);
    setBatchSize(batch.isEmpty() ? BATCH_SIZE_DEFAULT : batch);
    Utils.checkForRemainingOptions(options);
  }

  private static IllegalArgumentException bad(String flag, String what, Object got) {
    return new IllegalArgumentException("-" + flag + " " + what + ", got " + got);
  }

  private static double nonNegativeFinite(String flag, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw bad(flag, "must be a finite number >= 0", v);
    }
    return v;
  }

  private static double unitInterval(String flag, double v) {
    if (!(v >= 0 && v < 1)) {
      throw bad(flag, "must be in [0, 1)", v);
    }
    return v;
  }

  private static <T> T notNull(String flag, T v) {
    if (v == null) {
      throw bad(flag, "must be set", "null");
    }
    return v;
  }

  @OptionMetadata(
      displayName = "hiddenLayers",
      description = "Hidden layer sizes, comma-separated, input side first; each may name its own"
          + " activation, e.g. \"64:RELU,32:TANH\". Empty or \"none\" = no hidden layer (a"
          + " softmax/linear model). Widths 1.." + LayerSpec.MAX_WIDTH + ".",
      commandLineParamName = "hidden",
      commandLineParamSynopsis = "-hidden <spec>",
      displayOrder = 1)
  public String getHiddenLayers() {
    return hiddenLayers;
  }

  /** @param spec hidden layer specification, see {@link #getHiddenLayers()} */
  public void setHiddenLayers(String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.equalsIgnoreCase("none")) {
      s = "";
    }
    try {
      LayerSpec.parse(s, activation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-hidden: " + e.getMessage(), e);
    }
    hiddenLayers = s.isEmpty() ? "none" : s;
  }

  @OptionMetadata(
      displayName = "activation",
      description = "Activation of hidden layers that do not name their own: RELU, LEAKY_RELU,"
          + " ELU, GELU, TANH, SIGMOID, SOFTPLUS or IDENTITY.",
      commandLineParamName = "activation",
      commandLineParamSynopsis = "-activation <RELU|LEAKY_RELU|ELU|GELU|TANH|SIGMOID|SOFTPLUS|IDENTITY>",
      displayOrder = 2)
  public Activation getActivation() {
    return activation;
  }

  /** @param a default hidden activation */
  public void setActivation(Activation a) {
    activation = notNull("activation", a);
  }

  @OptionMetadata(
      displayName = "loss",
      description = "Training loss. AUTO = softmax cross-entropy for a nominal class, squared"
          + " error for a numeric class. BINARY_CROSS_ENTROPY uses sigmoid outputs (one unit for"
          + " a two-valued class). SQUARED_ERROR, ABSOLUTE_ERROR and HUBER suit a numeric class"
          + " (on a nominal class they fit sigmoid outputs to one-hot targets).",
      commandLineParamName = "loss",
      commandLineParamSynopsis = "-loss <AUTO|CROSS_ENTROPY|BINARY_CROSS_ENTROPY|SQUARED_ERROR|ABSOLUTE_ERROR|HUBER>",
      displayOrder = 3)
  public LossChoice getLoss() {
    return loss;
  }

  /** @param l training loss */
  public void setLoss(LossChoice l) {
    loss = notNull("loss", l);
  }

  @OptionMetadata(
      displayName = "initializer",
      description = "Initial weights: AUTO = He normal before rectifier-family activations,"
          + " Glorot/Xavier uniform otherwise; or XAVIER_UNIFORM, XAVIER_NORMAL, HE_UNIFORM,"
          + " HE_NORMAL. Biases start at 0.",
      commandLineParamName = "init",
      commandLineParamSynopsis = "-init <AUTO|XAVIER_UNIFORM|XAVIER_NORMAL|HE_UNIFORM|HE_NORMAL>",
      displayOrder = 4)
  public Initializer getInitializer() {
    return initializer;
  }

  /** @param i initialization scheme */
  public void setInitializer(Initializer i) {
    initializer = notNull("init", i);
  }

  @OptionMetadata(
      displayName = "optimizer",
      description = "Update rule: SGD (plain; with momentum > 0 classical momentum, with"
          + " nesterov Nesterov momentum), ADAM, ADAMW (L2 becomes decoupled weight decay),"
          + " RMSPROP or ADAGRAD.",
      commandLineParamName = "optimizer",
      commandLineParamSynopsis = "-optimizer <SGD|ADAM|ADAMW|RMSPROP|ADAGRAD>",
      displayOrder = 10)
  public OptimizerType getOptimizer() {
    return optimizer;
  }

  /** @param o the update rule */
  public void setOptimizer(OptimizerType o) {
    optimizer = notNull("optimizer", o);
  }

  @OptionMetadata(
      displayName = "learningRate",
      description = "Step size η (> 0), or 0 = automatic: 0.01 for training sets under 500 rows,"
          + " else 0.003 (and 0.003 row by row). Typical: 0.001-0.01 for ADAM/ADAMW/RMSPROP,"
          + " 0.01-0.1 for SGD and ADAGRAD. Too large makes training diverge.",
      commandLineParamName = "lr",
      commandLineParamSynopsis = "-lr <number>",
      displayOrder = 11)
  public double getLearningRate() {
    return learningRate;
  }

  /** @param v step size, finite and positive, or 0 for the automatic choice */
  public void setLearningRate(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw bad("lr", "must be a finite number > 0, or 0 for automatic", v);
    }
    learningRate = v;
  }

  @OptionMetadata(
      displayName = "momentum",
      description = "Momentum coefficient μ in [0, 1) for SGD (ignored by the adaptive"
          + " optimizers); 0 = plain SGD.",
      commandLineParamName = "momentum",
      commandLineParamSynopsis = "-momentum <number>",
      displayOrder = 12)
  public double getMomentum() {
    return momentum;
  }

  /** @param v momentum in [0, 1) */
  public void setMomentum(double v) {
    momentum = unitInterval("momentum", v);
  }

  @OptionMetadata(
      displayName = "nesterov",
      description = "Use Nesterov's accelerated form of momentum with SGD.",
      commandLineParamName = "nesterov",
      commandLineParamSynopsis = "-nesterov",
      commandLineParamIsFlag = true,
      displayOrder = 13)
  public boolean getNesterov() {
    return nesterov;
  }

  /** @param v Nesterov flag */
  public void setNesterov(boolean v) {
    nesterov = v;
  }

  @OptionMetadata(
      displayName = "miniBatchSize",
      description = "Training examples per gradient step (>= 1): 1 = per-example SGD, at least"
          + " the number of training instances = full-batch gradient descent; 0 = automatic: 8"
          + " for training sets under 500 rows, else 32 (and 32 row by row).",
      commandLineParamName = "mini-batch",
      commandLineParamSynopsis = "-mini-batch <int>",
      displayOrder = 14)
  public int getMiniBatchSize() {
    return miniBatch;
  }

  /** @param v examples per step, at least 1, or 0 for the automatic choice */
  public void setMiniBatchSize(int v) {
    if (v < 0) {
      throw bad("mini-batch", "must be an integer >= 1, or 0 for automatic", v);
    }
    miniBatch = v;
  }

  @OptionMetadata(
      displayName = "maxEpochs",
      description = "Maximum passes over the training data (>= 1); early stopping may end"
          + " training sooner.",
      commandLineParamName = "epochs",
      commandLineParamSynopsis = "-epochs <int>",
      displayOrder = 15)
  public int getMaxEpochs() {
    return epochs;
  }

  /** @param v maximum epochs, at least 1 */
  public void setMaxEpochs(int v) {
    if (v < 1) {
      throw bad("epochs", "must be an integer >= 1", v);
    }
    epochs = v;
  }

  @OptionMetadata(
      displayName = "schedule",
      description = "Learning-rate schedule over the epochs: CONSTANT, STEP (halved after 25%,"
          + " 50% and 75% of the epochs),"
          + " EXPONENTIAL (down to 1%) or COSINE (annealed to 0).",
      commandLineParamName = "schedule",
      commandLineParamSynopsis = "-schedule <CONSTANT|STEP|EXPONENTIAL|COSINE>",
      displayOrder = 16)
  public Schedule getSchedule() {
    return schedule;
  }

  /** @param s learning-rate schedule */
  public void setSchedule(Schedule s) {
    schedule = notNull("schedule", s);
  }

  @OptionMetadata(
      displayName = "warmupEpochs",
      description = "Epochs (>= 0) of linear learning-rate warm-up before the schedule starts.",
      commandLineParamName = "warmup",
      commandLineParamSynopsis = "-warmup <int>",
      displayOrder = 17)
  public int getWarmupEpochs() {
    return warmup;
  }

  /** @param v warm-up epochs, at least 0 */
  public void setWarmupEpochs(int v) {
    if (v < 0) {
      throw bad("warmup", "must be an integer >= 0", v);
    }
    warmup = v;
  }

  @OptionMetadata(
      displayName = "gradientClipNorm",
      description = "Rescale the gradient whenever its global L2 norm exceeds this value"
          + " (>= 0; 0 = no clipping). Guards against exploding gradients.",
      commandLineParamName = "clip",
      commandLineParamSynopsis = "-clip <number>",
      displayOrder = 18)
  public double getGradientClipNorm() {
    return clipNorm;
  }

  /** @param v maximum gradient norm, 0 = off */
  public void setGradientClipNorm(double v) {
    clipNorm = nonNegativeFinite("clip", v);
  }

  @OptionMetadata(
      displayName = "l1",
      description = "L1 penalty λ₁ (>= 0) on the weights (not biases): adds λ₁·Σ|w| per mini-batch"
          + " objective; drives weights to exactly 0.",
      commandLineParamName = "l1",
      commandLineParamSynopsis = "-l1 <number>",
      displayOrder = 20)
  public double getL1() {
    return l1;
  }

  /** @param v L1 penalty */
  public void setL1(double v) {
    l1 = nonNegativeFinite("l1", v);
  }

  /**
   * Default λ₂ candidates. Chosen from 10-fold CV over public data sets (README, "Accuracy with
   * default options"): noisy sets want 0.01, clean ones 100 times less; the holdout picks.
   */
  static final String DEFAULT_L2 = "0.0001,0.001,0.01";

  @OptionMetadata(
      displayName = "l2",
      description = "L2 penalty λ₂ (>= 0) on the weights (not biases): adds (λ₂/2)·Σw² to the"
          + " objective; with ADAMW it is the decoupled weight decay per step instead. A"
          + " comma-separated list means: train once per value on 80 % of the data (or 100 − the"
          + " validation % when that is set), keep the strongest value whose error rate on the"
          + " rest (loss for a numeric class) is within one standard error of the lowest, then"
          + " train on all the data with it. Row-by-row training uses the largest value.",
      commandLineParamName = "l2",
      commandLineParamSynopsis = "-l2 <number[,number...]>",
      displayOrder = 21)
  public String getL2() {
    return l2;
  }

  /** @param v one L2 penalty, or comma-separated candidates to choose from */
  public void setL2(String v) {
    l2Values = parsePenalties("l2", v);
    l2 = v.trim();
  }

  /**
   * Parses a comma-separated list of penalties, each finite and ≥ 0.
   *
   * @param flag option name for messages
   * @param v the list
   * @return the values, in order
   */
  private static double[] parsePenalties(String flag, String v) {
    String[] parts = notNull(flag, v).trim().split("\\s*,\\s*");
    if (v.trim().isEmpty()) {
      throw bad(flag, "a number >= 0 or a comma-separated list of them", "\"" + v + "\"");
    }
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = nonNegativeFinite(flag, Double.parseDouble(parts[i]));
      } catch (NumberFormatException e) {
        throw bad(flag, "a number >= 0 or a comma-separated list of them", "\"" + v + "\"");
      }
    }
    return out;
  }

  /**
   * The penalty for training without a selection (row by row, and on each partition of a
   * distributed job, where no common holdout exists): the only value, or the strongest
   * candidate, the cautious choice for a model that sees its data once or in parts.
   */
  private double fixedL2() {
    double max = 0;
    for (double v : l2Values) {
      max = Math.max(max, v);
    }
    return max;
  }

  /** Fraction held out to choose among λ₂ candidates: the validation % if set, else 20 %. */
  private double selectionHoldout() {
    return validationPercent > 0 ? validationPercent / 100 : 0.2;
  }

  @OptionMetadata(
      displayName = "dropout",
      description = "Probability in [0, 1) of zeroing each hidden unit during training"
          + " (inverted dropout; off at prediction time). 0 = off; -1 = automatic: 0.3 for"
          + " data with at least 20 inputs (a nominal attribute counts its one-hot columns),"
          + " else off.",
      commandLineParamName = "dropout",
      commandLineParamSynopsis = "-dropout <number>",
      displayOrder = 22)
  public double getDropout() {
    return dropout;
  }

  /** @param v dropout probability in [0, 1), or −1 for the automatic choice */
  public void setDropout(double v) {
    if (v == AUTOMATIC_DROPOUT) {
      dropout = v;
      return;
    }
    if (!(v >= 0 && v < 1)) {
      throw bad("dropout", "must be in [0, 1), or -1 for automatic", v);
    }
    dropout = v;
  }

  @OptionMetadata(
      displayName = "labelSmoothing",
      description = "Label smoothing ε in [0, 1) for the cross-entropy losses: targets become"
          + " (1-ε)·one-hot + ε/K. 0 = off.",
      commandLineParamName = "label-smoothing",
      commandLineParamSynopsis = "-label-smoothing <number>",
      displayOrder = 23)
  public double getLabelSmoothing() {
    return labelSmoothing;
  }

  /** @param v label smoothing */
  public void setLabelSmoothing(double v) {
    labelSmoothing = unitInterval("label-smoothing", v);
  }

  @OptionMetadata(
      displayName = "classWeights",
      description = "NONE, or BALANCED: re-weight instances so every class carries the same"
          + " total weight (for imbalanced nominal classes).",
      commandLineParamName = "class-weights",
      commandLineParamSynopsis = "-class-weights <NONE|BALANCED>",
      displayOrder = 24)
  public ClassWeighting getClassWeights() {
    return classWeights;
  }

  /** @param c class weighting */
  public void setClassWeights(ClassWeighting c) {
    classWeights = notNull("class-weights", c);
  }

  @OptionMetadata(
      displayName = "validationPercent",
      description = "Percentage of the training data in [0, 100) held out (stratified for a"
          + " nominal class) for early stopping; 0 = train on everything for all epochs.",
      commandLineParamName = "validation",
      commandLineParamSynopsis = "-validation <percent>",
      displayOrder = 30)
  public double getValidationPercent() {
    return validationPercent;
  }

  /** @param v holdout percentage */
  public void setValidationPercent(double v) {
    if (!(v >= 0 && v < 100)) {
      throw bad("validation", "must be a percentage in [0, 100)", v);
    }
    validationPercent = v;
  }

  @OptionMetadata(
      displayName = "patience",
      description = "Early stopping: stop after this many epochs (>= 1) without a lower"
          + " validation loss, then restore the best weights.",
      commandLineParamName = "patience",
      commandLineParamSynopsis = "-patience <int>",
      displayOrder = 31)
  public int getPatience() {
    return patience;
  }

  /** @param v patience in epochs */
  public void setPatience(int v) {
    if (v < 1) {
      throw bad("patience", "must be an integer >= 1", v);
    }
    patience = v;
  }

  @OptionMetadata(
      displayName = "normalization",
      description = "Rescaling of numeric inputs: STANDARDIZE (z-scores), MINMAX (to [0, 1]) or"
          + " NONE. A numeric class is always standardized internally.",
      commandLineParamName = "normalize",
      commandLineParamSynopsis = "-normalize <STANDARDIZE|MINMAX|NONE>",
      displayOrder = 40)
  public Normalization getNormalization() {
    return normalization;
  }

  /** @param n input normalization */
  public void setNormalization(Normalization n) {
    normalization = notNull("normalize", n);
  }

  @OptionMetadata(
      displayName = "seed",
      description = "Random seed for the initial weights, the shuffling and the holdout: the"
          + " same seed and data give the same model.",
      commandLineParamName = "seed",
      commandLineParamSynopsis = "-seed <int>",
      displayOrder = 50)
  @Override
  public int getSeed() {
    return seed;
  }

  @Override
  public void setSeed(int s) {
    seed = s;
  }

  @OptionMetadata(
      displayName = "threads",
      description = "Threads for training and batch prediction (>= 0; 0 = all available"
          + " processors). The model is bit-for-bit the same whatever the number.",
      commandLineParamName = "threads",
      commandLineParamSynopsis = "-threads <int>",
      displayOrder = 51)
  public int getThreads() {
    return threads;
  }

  /** @param v number of threads, 0 = all processors */
  public void setThreads(int v) {
    if (v < 0 || v > 4096) {
      throw bad("threads", "must be an integer in [0, 4096] (0 = all processors)", v);
    }
    threads = v;
  }

  /** The number of threads to actually use. */
  private int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  @OptionMetadata(
      displayName = "curveFile",
      description = "If not empty, write the per-epoch training curve (training and validation"
          + " loss, validation accuracy or RMSE, learning rate, gradient norm per layer) to this"
          + " CSV file after training.",
      commandLineParamName = "curve-file",
      commandLineParamSynopsis = "-curve-file <path>",
      displayOrder = 55)
  public String getCurveFile() {
    return curveFile;
  }

  /** @param path CSV file for the training curve, empty for none */
  public void setCurveFile(String path) {
    curveFile = path == null ? "" : path.trim();
  }

  @OptionMetadata(
      displayName = "reservoirSize",
      description = "Row-by-row training (UpdateableClassifier: Weka's command line with -t,"
          + " the KnowledgeFlow's incremental mode, distributed map tasks) keeps a uniform random"
          + " sample of at most this many rows (>= 0) and, when the stream ends, trains maxEpochs"
          + " further epochs on it. 0 = a single pass over the stream. Memory: rows x encoded"
          + " width doubles.",
      commandLineParamName = "reservoir",
      commandLineParamSynopsis = "-reservoir <rows>",
      displayOrder = 56)
  public int getReservoirSize() {
    return reservoirSize;
  }

  /** @param v reservoir rows, 0 = none */
  public void setReservoirSize(int v) {
    if (v < 0) {
      throw bad("reservoir", "must be an integer >= 0", v);
    }
    reservoirSize = v;
  }

  @OptionMetadata(
      displayName = "resume",
      description = "Keep the training state after building so that a later build (or"
          + " IterativeClassifier iterations) continues from the current weights for another"
          + " maxEpochs epochs; makes the model larger while set.",
      commandLineParamName = "resume",
      commandLineParamSynopsis = "-resume",
      commandLineParamIsFlag = true,
      displayOrder = 60)
  @Override
  public boolean getResume() {
    return resume;
  }

  @Override
  public void setResume(boolean r) {
    resume = r;
  }

  /**
   * Tip text for {@link #getResume()}.
   *
   * @return the tip
   */
  public String resumeTipText() {
    return "Keep the training state after building so that training can continue later.";
  }

  // =====================================================================================
  // Capabilities and training
  // =====================================================================================

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.NUMERIC_CLASS);
    result.enable(Capability.DATE_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    // 0: building on an empty header initializes a network for row-by-row training
    result.setMinimumNumberInstances(0);
    return result;
  }

  @Override
  public void buildClassifier(Instances data) throws Exception {
    wholeBuild = true;
    try {
      initializeClassifier(data);
    } finally {
      wholeBuild = false;
    }
    while (next()) {
      // one epoch per iteration
    }
    done();
  }

  /**
   * Prepares training: checks the data, learns the input and target encodings, builds and
   * initializes the network. When {@link #getResume()} is set and a previous build left its
   * training state, training instead continues from the current weights.
   *
   * @param data training data
   * @throws Exception if the data cannot be used, with the reason
   */
  @Override
  public void initializeClassifier(Instances data) throws Exception {
    try {
      initialize(data);
    } catch (DivergenceException e) {
      throw advised(e);
    }
  }

  /**
   * A divergence reported by the engine, with the remedy in this classifier's terms: the
   * command-line flag and the property's name in the GUI.
   */
  private static DivergenceException advised(DivergenceException e) {
    return e.hasAdvice() ? e : e.withAdvice(String.format(Locale.ROOT,
        "use a lower -lr (learningRate), e.g. %.3g, or clip gradients with -clip 1"
            + " (gradientClipNorm)", e.suggestedLearningRate()));
  }

  private void initialize(Instances data) throws Exception {
    if (resume && trainer != null && header != null && header.equalHeaders(data)) {
      trainer.setMaxEpochs(trainer.epochsRun() + epochs);
      return;
    }
    clearModel();
    getCapabilities().testWithFail(data);
    if (data.numInstances() == 0) {
      initializeForStream(data);
      return;
    }
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    if (train.numInstances() == 0) {
      throw new IllegalArgumentException(
          "BackpropMLP: no training instances with a known class value (" + data.numInstances()
              + " instances, all with a missing class)");
    }
    loss.resolve(train.classAttribute().isNominal()); // refuse a loss the class cannot take first

    InstanceEncoder enc = InstanceEncoder.fit(train, normalization);
    if (enc.width() == 0) {
      // Nothing to learn from but the class distribution: predict it, as ZeroR does.
      ZeroR prior = new ZeroR();
      prior.buildClassifier(train);
      header = new Instances(train, 0);
      fallback = prior;
      return;
    }
    int n = train.numInstances();
    Network net = newNetwork(enc.width(), train, n);
    TargetEncoder tgt = TargetEncoder.fit(train, net.outputs());
    Dataset dataset = encode(train, enc, tgt, net.outputs());
    double chosenL2 = fixedL2();
    Trainer t = null;
    if (l2Values.length > 1) {
      int width = enc.width();
      // Within buildClassifier the final training may run alongside the candidates (see
      // PenaltySelection); a caller driving the epochs itself through next() gets them all.
      Trainer[] early = new Trainer[1];
      PenaltySelection.FinalTraining finalTraining = !wholeBuild || getDebug() ? null : v -> {
        Trainer ft =
            new Trainer(newNetwork(width, train, n), trainerConfig(n, width).l2(v).build(), dataset);
        while (ft.runEpoch()) {
          // all epochs, as next() would run them
        }
        early[0] = ft;
      };
      selection = PenaltySelection.select(l2Values, () -> newNetwork(width, train, n),
          trainerConfig(n, width).build(), dataset, selectionHoldout(), finalTraining);
      chosenL2 = selection.chosen();
      if (selection.speculated() == chosenL2) {
        t = early[0];
        net = t.network();
      }
    }
    if (t == null) {
      t = new Trainer(net, trainerConfig(n, enc.width()).l2(chosenL2).build(), dataset);
    }
    trainedL2 = chosenL2;

    header = new Instances(train, 0);
    encoder = enc;
    target = tgt;
    network = net;
    trainer = t;
    history = t.history();
    trainingRows = t.trainingRows();
    validationRows = t.validationRows();
    stepRows = n;
    rowsSinceAggregation = n;
  }

  /**
   * Builds the network for {@code inputs} encoded columns and the class of {@code head}: output
   * transform and units from the loss, hidden layers from the options, refused before
   * allocation if it would not fit the heap. Its initial weights depend only on the seed and
   * the architecture.
   *
   * @param rows training rows (bound the mini-batch buffers in the memory estimate); −1 row by row
   */
  private Network newNetwork(int inputs, Instances head, int rows) {
    boolean nominal = head.classAttribute().isNominal();
    Loss resolved = loss.resolve(nominal);
    OutputLayer out =
        new OutputLayer(LossChoice.outputFor(resolved, nominal), resolved, labelSmoothing);
    int outputs = LossChoice.outputsFor(resolved, head.numClasses(), nominal);
    LayerSpec layers = LayerSpec.parse(hiddenLayersSpec(), activation);
    checkMemory(inputs, layers, outputs, rows);
    Network net = new Network(inputs, layers, outputs, out);
    net.initialize(initializer, Seeds.stream(seed, Seeds.INIT));
    return net;
  }

  /**
   * Encodes instances (without missing class) into the engine's dense dataset: features,
   * targets, weights (balanced by class if asked) and class labels.
   */
  private Dataset encode(Instances train, InstanceEncoder enc, TargetEncoder tgt, int outputs) {
    int n = train.numInstances();
    boolean nominal = train.classAttribute().isNominal();
    double[] x = enc.encodeAll(train);
    double[] y = new double[n * outputs];
    double[] w = new double[n];
    int[] labels = nominal ? new int[n] : null;
    for (int i = 0; i < n; i++) {
      Instance inst = train.instance(i);
      tgt.encode(inst.classValue(), y, i * outputs);
      w[i] = checkedWeight(inst, "instance " + (i + 1));
      if (labels != null) {
        labels[i] = (int) inst.classValue();
      }
    }
    if (labels != null && classWeights == ClassWeighting.BALANCED) {
      balance(w, labels, train.numClasses());
    }
    return new Dataset(x, enc.width(), y, outputs, w, labels);
  }

  /**
   * An instance's weight, refused unless finite and non-negative.
   *
   * @param inst the instance
   * @param which how to name it in the message
   * @return the weight
   */
  private static double checkedWeight(Instance inst, String which) {
    double w = inst.weight();
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException(
          "BackpropMLP: " + which + " has weight " + w + "; weights must be finite and >= 0");
    }
    return w;
  }

  /** Training sets with fewer rows than this get the small-data step settings. */
  static final int SMALL_DATA_ROWS = AutoSettings.SMALL_DATA_ROWS;

  /** The mini-batch size for {@code rows} training rows: the option, or when it is 0, {@link
   * AutoSettings#miniBatch(int)}. */
  int effectiveMiniBatch(int rows) {
    return miniBatch > 0 ? miniBatch : AutoSettings.miniBatch(rows);
  }

  /** The learning rate for {@code rows} training rows: the option, or when it is 0, {@link
   * AutoSettings#learningRate(int)}. */
  double effectiveLearningRate(int rows) {
    return learningRate > 0 ? learningRate : AutoSettings.learningRate(rows);
  }

  /** The {@code -dropout} value that asks for {@link #effectiveDropout}. */
  static final double AUTOMATIC_DROPOUT = -1;

  /** Inputs (encoded columns) from which the automatic dropout is on. */
  static final int DROPOUT_INPUTS = AutoSettings.DROPOUT_INPUTS;

  /** Dropout probability of the automatic choice. */
  static final double DEFAULT_DROPOUT = AutoSettings.DROPOUT;

  /** The dropout probability for a network with {@code inputs} encoded columns: the option, or
   * when it is −1, {@link AutoSettings#dropout(int)}. */
  double effectiveDropout(int inputs) {
    return dropout != AUTOMATIC_DROPOUT ? dropout : AutoSettings.dropout(inputs);
  }

  /**
   * The engine's hyper-parameters from this classifier's options.
   *
   * @param rows training rows, which the automatic step settings depend on; −1 for row-by-row
   *     training
   * @param inputs encoded input columns, which the automatic dropout depends on
   */
  private TrainerConfig.Builder trainerConfig(int rows, int inputs) {
    return TrainerConfig.builder()
        .epochs(epochs)
        .miniBatch(effectiveMiniBatch(rows))
        .learningRate(effectiveLearningRate(rows))
        .optimizer(optimizer)
        .momentum(momentum)
        .nesterov(nesterov)
        .l1(l1)
        .l2(fixedL2())
        .clipNorm(clipNorm)
        .validationFraction(validationPercent / 100)
        .patience(patience)
        .seed(seed)
        .dropout(effectiveDropout(inputs))
        .schedule(schedule)
        .warmup(warmup)
        .threads(effectiveThreads());
  }

  /**
   * Builds an untrained network from the header alone, for row-by-row training. The initial
   * weights depend only on the seed and the header, so that every partition of a distributed
   * job starts from the same point (averaging networks that started apart does not work).
   */
  private void initializeForStream(Instances data) {
    Instances head = new Instances(data, 0);
    loss.resolve(head.classAttribute().isNominal()); // refuse a loss the class cannot take first
    InstanceEncoder enc = InstanceEncoder.forStream(head, normalization);
    if (enc.width() == 0) {
      throw new IllegalArgumentException(
          "BackpropMLP: the header has no input attribute besides the class; nothing to learn");
    }
    Network net = newNetwork(enc.width(), head, -1);
    header = head;
    encoder = enc;
    target = TargetEncoder.forStream(head, net.outputs());
    network = net;
    trainedL2 = fixedL2();
    rowsSinceAggregation = 0;
    streamedRows = 0;
  }

  /**
   * Trains on one more instance: it joins a mini-batch buffer, and each full buffer makes one
   * optimizer step (at the base learning rate). Works after building on an empty header (the
   * streaming route) and after a normal build (fine-tuning). Instances with a missing class are
   * skipped.
   *
   * @param instance the new training instance, with the training header
   * @throws Exception if no model was built or the header differs
   */
  @Override
  public void updateClassifier(Instance instance) throws Exception {
    checkTrained();
    if (fallback != null) {
      throw new IllegalStateException("BackpropMLP: this model has no input attribute to update");
    }
    checkHeader(instance.dataset(), instance.numAttributes());
    if (instance.classIsMissing()) {
      return;
    }
    double w = checkedWeight(instance, "the instance");
    if (!target.isNominal() && !Double.isFinite(instance.classValue())) {
      throw new IllegalArgumentException(
          "BackpropMLP: the numeric class value " + instance.classValue() + " is not finite");
    }
    if (streamer == null) {
      streamer = new StreamingTrainer(network, trainerConfig(-1, encoder.width()).build());
      rowX = new double[encoder.width()];
      rowY = new double[network.outputs()];
    }
    encoder.observe(instance);
    target.observe(instance.classValue());
    encoder.encode(instance, rowX, 0);
    target.encode(instance.classValue(), rowY, 0);
    try {
      streamer.add(rowX, 0, rowY, 0, w);
    } catch (DivergenceException e) {
      clearModel();
      throw advised(e);
    } catch (RuntimeException | InterruptedException e) {
      clearModel();
      throw e;
    }
    rowsSinceAggregation++;
    streamedRows++;
    sample(instance);
  }

  /**
   * Algorithm R (Vitter 1985): the i-th streamed row replaces a random slot with probability
   * {@code R / i}, so the reservoir is a uniform sample of everything seen.
   */
  private void sample(Instance instance) {
    // Only a model that started from the header keeps a reservoir: fine-tuning a batch-built
    // model with a few new rows must not end in many epochs on just those rows.
    if (reservoirSize == 0 || !encoder.isStreaming()) {
      return;
    }
    if (reservoir == null) {
      reservoir = new Instances(header, Math.min(reservoirSize, 1024));
      reservoirRng = Seeds.stream(seed, Seeds.SHUFFLE + 100);
      reservoirSeen = 0;
    }
    reservoirSeen++;
    if (reservoir.numInstances() < reservoirSize) {
      reservoir.add(instance);
    } else {
      long slot = (long) (reservoirRng.nextDouble() * reservoirSeen);
      if (slot < reservoirSize) {
        reservoir.set((int) slot, instance);
      }
    }
  }

  /**
   * Ends a stream: trains on the rows still waiting in the mini-batch buffer, then (unless
   * {@code -reservoir 0}) runs up to maxEpochs epochs over the reservoir, a uniform sample of
   * at most {@code -reservoir} streamed rows. Why a reservoir: one pass of mini-batch SGD is
   * far from converged, yet keeping the whole stream would defeat streaming; a bounded uniform
   * sample gives small data sets (up to the reservoir size) the same training as a batch build
   * and large ones a representative refinement, in bounded memory. In a distributed job these
   * are the partition's local epochs; further rounds ({@code -num-iterations}) start from the
   * averaged model.
   *
   * @throws Exception if training fails
   */
  @Override
  public void batchFinished() throws Exception {
    if (streamer != null) {
      try {
        streamer.flush();
      } catch (DivergenceException e) {
        clearModel();
        throw advised(e);
      }
    }
    if (reservoir != null && reservoir.numInstances() > 0) {
      Instances sample = reservoir;
      reservoir = null;
      int outputs = network.outputs();
      // the epochs continue the row-by-row training, with its step settings
      Trainer t = new Trainer(network, trainerConfig(-1, encoder.width()).build(),
          encode(sample, encoder, target, outputs));
      try {
        while (t.runEpoch()) {
          // epochs over the reservoir
        }
      } catch (DivergenceException e) {
        clearModel();
        throw advised(e);
      } catch (RuntimeException | InterruptedException e) {
        clearModel();
        throw e;
      }
      t.finish();
      history = t.history();
      trainingRows = t.trainingRows();
      validationRows = t.validationRows();
      stoppedEarly = t.stoppedEarly();
    }
  }

  /**
   * Adds another model, trained on another partition from the same initial weights, to a
   * weighted average (weights: rows each model trained on since it was built or last
   * aggregated). Call {@link #finalizeAggregation()} after the last one. The first call also
   * enters this model itself.
   *
   * @param other a model with the same options and header
   * @return this model
   * @throws Exception if the models cannot be averaged, with the reason
   */
  @Override
  public BackpropMLP aggregate(BackpropMLP other) throws Exception {
    checkTrained();
    other.checkTrained();
    if (fallback != null || other.fallback != null) {
      throw new IllegalArgumentException(
          "BackpropMLP: models without input attributes cannot be aggregated");
    }
    String msg = header.equalHeadersMsg(other.header);
    if (msg != null) {
      throw new IllegalArgumentException(
          "BackpropMLP: cannot aggregate models trained on different headers: " + msg);
    }
    if (averager == null) {
      flushQuietly();
      averager = new ModelAverager(network, encoder);
      averager.add(network, encoder, target, rowsSinceAggregation);
    }
    other.flushQuietly();
    averager.add(other.network, other.encoder, other.target, other.rowsSinceAggregation);
    streamedRows += other.streamedRows;
    return this;
  }

  /**
   * Replaces this model's weights by the weighted average of the aggregated models, in the
   * pooled normalization statistics. Optimizer state (momentum, Adam moments) is reset rather
   * than averaged: the moments of different partitions describe different trajectories, and
   * Adam's bias correction makes a fresh start cheap.
   *
   * @throws Exception if nothing was aggregated
   */
  @Override
  public void finalizeAggregation() throws Exception {
    if (averager == null) {
      throw new IllegalStateException("BackpropMLP: aggregate() was not called");
    }
    averager.finish(network, encoder, target);
    averager = null;
    reservoir = null;
    if (streamer != null) {
      streamer.restart();
    }
    trainer = null;
    rowsSinceAggregation = 0;
    lastCheckedHeader = null;
  }

  private void flushQuietly() throws Exception {
    if (streamer != null) {
      streamer.flush();
    }
  }

  /** The hidden layer text with "none" mapped to the empty specification. */
  private String hiddenLayersSpec() {
    return "none".equalsIgnoreCase(hiddenLayers) ? "" : hiddenLayers;
  }

  /** Multiplies weights so each class present carries the same total weight. */
  private static void balance(double[] w, int[] labels, int classes) {
    double[] classWeight = new double[classes];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      classWeight[labels[i]] += w[i];
      total += w[i];
    }
    int present = 0;
    for (double cw : classWeight) {
      if (cw > 0) {
        present++;
      }
    }
    for (int i = 0; i < w.length; i++) {
      double cw = classWeight[labels[i]];
      w[i] = cw > 0 ? w[i] * total / (present * cw) : 0;
    }
  }

  /**
   * Refuses a network whose parameters, optimizer state and training buffers would not fit in
   * the heap, before allocating anything.
   */
  private void checkMemory(int inputs, LayerSpec layers, int outputs, int rows) {
    long params = Network.parameterCount(inputs, layers, outputs);
    // parameters + gradient + best copy + up to two optimizer moments
    long bytes = params * 8L * 5;
    long widest = Math.max(inputs, outputs);
    long units = inputs + outputs;
    for (int i = 0; i < layers.depth(); i++) {
      widest = Math.max(widest, layers.width(i));
      units += layers.width(i);
    }
    int batch = rows < 0 ? effectiveMiniBatch(rows) : Math.min(effectiveMiniBatch(rows), rows);
    bytes += 4L * 8 * Math.max(1, batch) * units;
    Runtime rt = Runtime.getRuntime();
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > HEAP_BUDGET * available) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "BackpropMLP: the network %d-%s-%d has %,d parameters and needs about %,d MB for"
              + " training, but only %,d MB of heap are available; use smaller -hidden layers"
              + " or start Java with a larger -Xmx",
          inputs, layers, outputs, params, bytes >> 20, available >> 20));
    }
  }

  /**
   * Runs one epoch.
   *
   * @return whether another epoch may follow
   * @throws Exception if interrupted or if training diverges
   */
  @Override
  public boolean next() throws Exception {
    if (fallback != null) {
      return false;
    }
    if (trainer == null) {
      if (network != null) {
        return false; // training finished with done(); set resume to continue it
      }
      throw new IllegalStateException("call initializeClassifier before next()");
    }
    if (trainer.isFinished()) {
      return false;
    }
    try {
      trainer.runEpoch();
    } catch (DivergenceException e) {
      clearModel();
      throw advised(e);
    } catch (RuntimeException | InterruptedException e) {
      clearModel();
      throw e;
    }
    if (getDebug()) {
      int e = history.epochs() - 1;
      System.err.printf(Locale.ROOT, "BackpropMLP epoch %d: train loss %.6f, validation loss %.6f,"
          + " validation %s %.4f%n", e + 1, history.trainLoss(e), history.validationLoss(e),
          target.outputs() > 0 && header.classAttribute().isNominal() ? "accuracy" : "RMSE",
          history.validationMetric(e));
    }
    stoppedEarly = trainer.stoppedEarly();
    return !trainer.isFinished();
  }

  /**
   * Ends training: restores the best validation weights and, unless resuming, drops the
   * training data and optimizer state.
   */
  @Override
  public void done() throws Exception {
    if (trainer != null) {
      stoppedEarly = trainer.stoppedEarly(); // also when the epochs ran during the selection
      trainer.finish();
      if (!resume) {
        trainer = null;
      }
    }
    if (!curveFile.isEmpty() && history != null) {
      ModelSummary.writeCurve(history, header.classAttribute().isNominal(), target.scale(),
          new java.io.File(curveFile));
    }
  }

  private void clearModel() {
    selection = null;
    trainedL2 = Double.NaN;
    stepRows = -1;
    header = null;
    encoder = null;
    target = null;
    network = null;
    history = null;
    trainer = null;
    lastCheckedHeader = null;
    stoppedEarly = false;
    fallback = null;
    streamer = null;
    averager = null;
    reservoir = null;
    rowsSinceAggregation = 0;
    streamedRows = 0;
  }

  // =====================================================================================
  // Prediction
  // =====================================================================================

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    checkTrained();
    checkHeader(instance.dataset(), instance.numAttributes());
    if (fallback != null) {
      return fallback.distributionForInstance(instance);
    }
    Workspace ws = new Workspace(network, 1, false);
    encoder.encode(instance, ws.activations(0), 0);
    double[] out = new double[network.outputs()];
    network.predict(ws.activations(0), 1, ws, out);
    double[] dist = new double[header.classAttribute().isNominal() ? header.numClasses() : 1];
    target.decode(out, 0, dist);
    return dist;
  }

  /**
   * Predicts a whole set at once: encodes it into one matrix and runs the network on blocks of
   * {@link #getBatchSize()} rows, far faster than instance-by-instance prediction.
   *
   * @param insts instances with the training header
   * @return one distribution (or one-element numeric prediction) per instance
   * @throws Exception if the model is not built or the header differs
   */
  @Override
  public double[][] distributionsForInstances(Instances insts) throws Exception {
    checkTrained();
    checkHeader(insts, insts.numAttributes());
    if (fallback != null) {
      return fallback.distributionsForInstances(insts);
    }
    int n = insts.numInstances();
    int block = Math.max(1, Math.min(n, parseBatchSize()));
    int blocks = (n + block - 1) / block;
    double[][] result = new double[n][];
    WorkerPool.RangeTask task = (from, to) -> predictBlocks(insts, from, to, block, result);
    int t = Math.min(effectiveThreads(), blocks);
    if (t <= 1) {
      task.run(0, blocks);
    } else {
      try (WorkerPool pool = new WorkerPool(t)) {
        pool.run(task, blocks, 1);
      }
    }
    return result;
  }

  /** Predicts blocks {@code [from, to)} of {@code block} rows each into {@code result}. */
  private void predictBlocks(Instances insts, int from, int to, int block, double[][] result) {
    int n = insts.numInstances();
    int width = encoder.width();
    int outputs = network.outputs();
    Workspace ws = new Workspace(network, block, false);
    double[] x = new double[block * width];
    double[] out = new double[block * outputs];
    int classes = header.classAttribute().isNominal() ? header.numClasses() : 1;
    for (int b = from; b < to; b++) {
      int start = b * block;
      int rows = Math.min(block, n - start);
      for (int r = 0; r < rows; r++) {
        encoder.encode(insts.instance(start + r), x, r * width);
      }
      network.predict(x, rows, ws, out);
      for (int r = 0; r < rows; r++) {
        double[] dist = new double[classes];
        target.decode(out, r * outputs, dist);
        result[start + r] = dist;
      }
    }
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private int parseBatchSize() {
    try {
      return Math.max(1, Integer.parseInt(getBatchSize().trim()));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  private void checkTrained() {
    if (network == null && fallback == null) {
      throw new IllegalStateException("BackpropMLP: no model has been built yet");
    }
  }

  private void checkHeader(Instances data, int numAttributes) {
    if (data == null) {
      if (numAttributes != header.numAttributes()) {
        throw new IllegalArgumentException(
            "BackpropMLP: the instance has " + numAttributes + " attributes, the training data"
                + " had " + header.numAttributes());
      }
      return;
    }
    if (data == lastCheckedHeader) {
      return;
    }
    String msg = header.equalHeadersMsg(data);
    if (msg != null) {
      throw new IllegalArgumentException(
          "BackpropMLP: the data to predict does not match the training header: " + msg);
    }
    lastCheckedHeader = data;
  }

  // =====================================================================================
  // Reporting
  // =====================================================================================

  /** The per-epoch training record of the last build, or null before one. */
  public TrainingHistory getTrainingHistory() {
    return history;
  }

  /** The trained network (live object), or null before a build. */
  public Network getNetwork() {
    return network;
  }

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> v = new Vector<>();
    Collections.addAll(v, "measureEpochsRun", "measureBestEpoch", "measureFinalTrainingLoss",
        "measureBestValidationLoss", "measureNumParameters", "measureStoppedEarly",
        "measureL2");
    return v.elements();
  }

  @Override
  public double getMeasure(String name) {
    switch (name) {
      case "measureEpochsRun":
        return history == null ? 0 : history.epochs();
      case "measureBestEpoch":
        return history == null ? 0 : history.bestEpoch() + 1;
      case "measureFinalTrainingLoss":
        return history == null ? Double.NaN : history.finalTrainLoss();
      case "measureBestValidationLoss":
        return history == null ? Double.NaN : history.bestValidationLoss();
      case "measureNumParameters":
        return network == null ? 0 : network.numParameters();
      case "measureStoppedEarly":
        return stoppedEarly ? 1 : 0;
      case "measureL2":
        return trainedL2;
      default:
        throw new IllegalArgumentException(name + " not supported (BackpropMLP)");
    }
  }

  @Override
  public String toString() {
    if (fallback != null) {
      return "BackpropMLP: the training data have no input attribute to learn from; predicting"
          + " the class distribution of the training data instead.\n\n" + fallback;
    }
    if (network == null) {
      return "BackpropMLP: no model built yet.";
    }
    if (history == null) {
      return ModelSummary.describeStream(network, header, String.join(" ", getOptions()),
          streamedRows, streamer == null ? Double.NaN : streamer.meanLoss());
    }
    String options = String.join(" ", getOptions()) + automaticSettings();
    return ModelSummary.describe(network, history, header, options, trainingRows,
        validationRows, stoppedEarly, target.scale(), getNumDecimalPlaces())
        + (selection != null ? "\n" + ModelSummary.describeSelection(selection,
            header.classAttribute().isNominal(), getNumDecimalPlaces()) : "")
        + (streamedRows > 0 ? "\nTrained row by row on " + streamedRows + " streamed rows before"
            + " these epochs, which ran on a uniform reservoir sample of them.\n" : "");
  }

  /**
   * The settings chosen automatically for the last build (step settings, dropout), as a note
   * on the options.
   */
  private String automaticSettings() {
    List<String> chosen = new ArrayList<>();
    if (miniBatch == 0) {
      chosen.add("mini-batch " + effectiveMiniBatch(stepRows));
    }
    if (learningRate == 0) {
      chosen.add("lr " + effectiveLearningRate(stepRows));
    }
    if (dropout == AUTOMATIC_DROPOUT) {
      double p = effectiveDropout(network.inputs());
      chosen.add(p > 0 ? "dropout " + p : "no dropout");
    }
    if (chosen.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, " (automatic%s and %d inputs: %s)",
        stepRows < 0 ? " row by row" : " for " + stepRows + " rows", network.inputs(),
        String.join(", ", chosen));
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1.0.0 $");
  }

  /**
   * Runs the classifier from the command line, e.g.
   * {@code java weka.classifiers.functions.BackpropMLP -t iris.arff}.
   *
   * @param args Weka's usual evaluation options followed by this classifier's options
   */
  public static void main(String[] args) {
    runClassifier(new BackpropMLP(), args);
  }
}
