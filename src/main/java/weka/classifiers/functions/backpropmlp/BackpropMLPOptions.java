package weka.classifiers.functions.backpropmlp;

import static weka.classifiers.functions.backpropmlp.OptionChecks.atLeast;
import static weka.classifiers.functions.backpropmlp.OptionChecks.bad;
import static weka.classifiers.functions.backpropmlp.OptionChecks.nonNegativeFinite;
import static weka.classifiers.functions.backpropmlp.OptionChecks.notNull;
import static weka.classifiers.functions.backpropmlp.OptionChecks.penalties;
import static weka.classifiers.functions.backpropmlp.OptionChecks.unitInterval;

import java.util.ArrayList;
import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Initializer;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Schedule;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.OptionMetadata;

/**
 * The options of {@link weka.classifiers.functions.BackpropMLP}, as an abstract superclass in the
 * manner of Weka's own ({@code SingleClassifierEnhancer}, {@code RandomizableClassifier}): the
 * bean properties with their {@link OptionMetadata} (command-line flag, GUI name, order, tip),
 * the check of every value when it is set, {@code getOptions}/{@code setOptions}, and the
 * values the automatic settings take for a given data set ({@link EngineConfig} translates them
 * into the engine's {@link TrainerConfig}; {@link OptionTexts} holds the tip texts and {@link
 * OptionHelp} words them for {@code -h}). Each tip text ends by naming its flag;
 * cross-references name the GUI property and the flag.
 *
 * <p>Why a superclass: the classifier then holds only what it does with the options, and the
 * options stay in one place that the GUI, the command line and the engine configuration all
 * read. The defaults are the engine's ({@link TrainerConfig}'s {@code DEFAULT_*} constants,
 * {@link AutoSettings}) wherever the engine has one, so the two cannot drift apart.
 */
public abstract class BackpropMLPOptions extends AbstractClassifier {

  private static final long serialVersionUID = 2L;

  /** The {@code -lr}, {@code -mini-batch} and {@code -epochs} value for the automatic choice. */
  public static final int AUTOMATIC = 0;

  /** The {@code -dropout} value that asks for the automatic choice ({@link #effectiveDropout}). */
  public static final double AUTOMATIC_DROPOUT = -1;

  /**
   * Default λ₂ candidates, chosen by 10-fold cross-validation (doc/defaults.md): noisy sets want
   * 0.01, clean ones 100 times less, and the holdout picks between them.
   */
  public static final String DEFAULT_L2 = "0.0001,0.001,0.01";

  private String hiddenLayers = LayerSpec.AUTO;
  private Activation activation = Activation.RELU;
  private LossChoice loss = LossChoice.AUTO;
  private Initializer initializer = Initializer.AUTO;
  private OptimizerType optimizer = TrainerConfig.DEFAULT_OPTIMIZER;
  private double learningRate = AUTOMATIC;
  private double momentum = TrainerConfig.DEFAULT_MOMENTUM;
  private boolean nesterov;
  private int miniBatch = AUTOMATIC;
  private int epochs = AUTOMATIC;
  private Schedule schedule = TrainerConfig.DEFAULT_SCHEDULE;
  private int warmup;
  private double clipNorm;
  private double l1;
  private String l2 = DEFAULT_L2;
  /**
   * {@link #l2} parsed: one value = fixed penalty, several = candidates for selection; null until
   * first needed. Transient: a {@code double[]} in the serialized form made every copy through
   * Weka's {@code SerializedObject} (one per fold of a cross-validation) look up a class named
   * "D" on the whole class path, and fail (about 22 µs with the test class path's jars).
   */
  private transient double[] l2Values;
  private double dropout = AUTOMATIC_DROPOUT;
  private double labelSmoothing;
  private ClassWeighting classWeights = ClassWeighting.NONE;
  private double validationPercent;
  private int patience = TrainerConfig.DEFAULT_PATIENCE;
  private Normalization normalization = Normalization.AUTO;
  private int seed = TrainerConfig.DEFAULT_SEED;
  private int threads;
  private String curveFile = "";
  private int reservoirSize = 10000;
  private boolean resume;

  /** The annotated properties of this class. */
  private static final AnnotatedOptions OPTIONS = new AnnotatedOptions(BackpropMLPOptions.class);

  /**
   * Every option: this class's, then those of {@link AbstractClassifier} that differ from their
   * defaults.
   *
   * @return the options
   */
  @Override
  public String[] getOptions() {
    List<String> out = new ArrayList<>(OPTIONS.get(this));
    AnnotatedOptions.appendClassifierOptions(this, out);
    return out.toArray(new String[0]);
  }

  /** @return the options' help for the command line, wrapped, each naming its GUI property */
  @Override
  public java.util.Enumeration<weka.core.Option> listOptions() {
    return OptionHelp.forCommandLine(super.listOptions(), getClass());
  }

  /**
   * Parses options strictly: a bad value raises an exception naming the option and the allowed
   * values, an unknown option is refused, and an absent option is reset to its default.
   *
   * @param options the options
   * @throws Exception for an unknown option or an invalid value
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    OPTIONS.set(this, options);
    AnnotatedOptions.setClassifierOptions(this, options);
  }

  /** @return the hidden layer specification, {@code "none"} for no hidden layer */
  @OptionMetadata(
      displayName = "hiddenLayers",
      description = OptionTexts.HIDDEN_LAYERS,
      commandLineParamName = "hidden",
      commandLineParamSynopsis = "-hidden <spec>",
      displayOrder = 1)
  public String getHiddenLayers() {
    return hiddenLayers;
  }

  /** @param spec hidden layer specification, see {@link #getHiddenLayers()} */
  public void setHiddenLayers(String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.equalsIgnoreCase("none") || s.equals("0")) { // "0": MultilayerPerceptron's word for it
      s = "";
    }
    try {
      LayerSpec.parse(s, activation, AutoSettings.HIDDEN_UNITS);
    } catch (IllegalArgumentException e) {
      throw EngineErrors.hiddenLayers(e);
    }
    hiddenLayers = s.isEmpty() ? "none" : s;
  }

  /** @return the activation of hidden layers that do not name their own */
  @OptionMetadata(
      displayName = "activation",
      description = OptionTexts.ACTIVATION,
      commandLineParamName = "activation",
      commandLineParamSynopsis =
          "-activation <RELU|LEAKY_RELU|ELU|GELU|TANH|SIGMOID|SOFTPLUS|IDENTITY>",
      displayOrder = 2)
  public Activation getActivation() {
    return activation;
  }

  /** @param a default hidden activation */
  public void setActivation(Activation a) {
    activation = notNull("activation", "activation", a);
  }

  /** @return the training loss, or AUTO to choose it from the class */
  @OptionMetadata(
      displayName = "loss",
      description = OptionTexts.LOSS,
      commandLineParamName = "loss",
      commandLineParamSynopsis = "-loss <AUTO|CROSS_ENTROPY|BINARY_CROSS_ENTROPY|SQUARED_ERROR"
          + "|ABSOLUTE_ERROR|HUBER>",
      displayOrder = 3)
  public LossChoice getLoss() {
    return loss;
  }

  /** @param l training loss */
  public void setLoss(LossChoice l) {
    loss = notNull("loss", "loss", l);
  }

  /** @return the initialization scheme of the weights */
  @OptionMetadata(
      displayName = "initializer",
      description = OptionTexts.INITIALIZER,
      commandLineParamName = "init",
      commandLineParamSynopsis = "-init <AUTO|XAVIER_UNIFORM|XAVIER_NORMAL|HE_UNIFORM|HE_NORMAL>",
      displayOrder = 4)
  public Initializer getInitializer() {
    return initializer;
  }

  /** @param i initialization scheme */
  public void setInitializer(Initializer i) {
    initializer = notNull("init", "initializer", i);
  }

  /** @return the update rule */
  @OptionMetadata(
      displayName = "optimizer",
      description = OptionTexts.OPTIMIZER,
      commandLineParamName = "optimizer",
      commandLineParamSynopsis = "-optimizer <SGD|ADAM|ADAMW|RMSPROP|ADAGRAD>",
      displayOrder = 10)
  public OptimizerType getOptimizer() {
    return optimizer;
  }

  /** @param o the update rule */
  public void setOptimizer(OptimizerType o) {
    optimizer = notNull("optimizer", "optimizer", o);
  }

  /** @return the step size η, or {@link #AUTOMATIC} for the automatic choice */
  @OptionMetadata(
      displayName = "learningRate",
      description = OptionTexts.LEARNING_RATE,
      commandLineParamName = "lr",
      commandLineParamSynopsis = "-lr <number>",
      displayOrder = 11)
  public double getLearningRate() {
    return learningRate;
  }

  /** @param v step size, finite and positive, or 0 for the automatic choice */
  public void setLearningRate(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw bad("lr", "learningRate", "must be a finite number > 0, or 0 for automatic", v);
    }
    learningRate = v;
  }

  /** @return the SGD momentum μ */
  @OptionMetadata(
      displayName = "momentum",
      description = OptionTexts.MOMENTUM,
      commandLineParamName = "momentum",
      commandLineParamSynopsis = "-momentum <number>",
      displayOrder = 12)
  public double getMomentum() {
    return momentum;
  }

  /** @param v momentum in [0, 1) */
  public void setMomentum(double v) {
    momentum = unitInterval("momentum", "momentum", v);
  }

  /** @return whether SGD uses Nesterov momentum */
  @OptionMetadata(
      displayName = "nesterov",
      description = OptionTexts.NESTEROV,
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

  /** @return examples per gradient step, or {@link #AUTOMATIC} for the automatic choice */
  @OptionMetadata(
      displayName = "miniBatchSize",
      description = OptionTexts.MINI_BATCH_SIZE,
      commandLineParamName = "mini-batch",
      commandLineParamSynopsis = "-mini-batch <int>",
      displayOrder = 14)
  public int getMiniBatchSize() {
    return miniBatch;
  }

  /** @param v examples per step, at least 1, or 0 for the automatic choice */
  public void setMiniBatchSize(int v) {
    if (v < 0) {
      throw bad("mini-batch", "miniBatchSize", "must be an integer >= 1, or 0 for automatic", v);
    }
    miniBatch = v;
  }

  /** @return the maximum number of epochs, or {@link #AUTOMATIC} for the automatic choice */
  @OptionMetadata(
      displayName = "maxEpochs",
      description = OptionTexts.MAX_EPOCHS,
      commandLineParamName = "epochs",
      commandLineParamSynopsis = "-epochs <int>",
      displayOrder = 15)
  public int getMaxEpochs() {
    return epochs;
  }

  /** @param v maximum epochs, at least 1, or 0 for the automatic choice */
  public void setMaxEpochs(int v) {
    if (v < 0) {
      throw bad("epochs", "maxEpochs", "must be an integer >= 1, or 0 for automatic", v);
    }
    epochs = v;
  }

  /** @return the learning-rate schedule */
  @OptionMetadata(
      displayName = "schedule",
      description = OptionTexts.SCHEDULE,
      commandLineParamName = "schedule",
      commandLineParamSynopsis = "-schedule <CONSTANT|STEP|EXPONENTIAL|COSINE>",
      displayOrder = 16)
  public Schedule getSchedule() {
    return schedule;
  }

  /** @param s learning-rate schedule */
  public void setSchedule(Schedule s) {
    schedule = notNull("schedule", "schedule", s);
  }

  /** @return the epochs of linear learning-rate warm-up */
  @OptionMetadata(
      displayName = "warmupEpochs",
      description = OptionTexts.WARMUP_EPOCHS,
      commandLineParamName = "warmup",
      commandLineParamSynopsis = "-warmup <int>",
      displayOrder = 17)
  public int getWarmupEpochs() {
    return warmup;
  }

  /** @param v warm-up epochs, at least 0 */
  public void setWarmupEpochs(int v) {
    warmup = atLeast("warmup", "warmupEpochs", v, 0);
  }

  /** @return the largest gradient norm let through, 0 = no clipping */
  @OptionMetadata(
      displayName = "gradientClipNorm",
      description = OptionTexts.GRADIENT_CLIP_NORM,
      commandLineParamName = "clip",
      commandLineParamSynopsis = "-clip <number>",
      displayOrder = 18)
  public double getGradientClipNorm() {
    return clipNorm;
  }

  /** @param v maximum gradient norm, 0 = off */
  public void setGradientClipNorm(double v) {
    clipNorm = nonNegativeFinite("clip", "gradientClipNorm", v);
  }

  /** @return the L1 penalty λ₁ */
  @OptionMetadata(
      displayName = "l1",
      description = OptionTexts.L1,
      commandLineParamName = "l1",
      commandLineParamSynopsis = "-l1 <number>",
      displayOrder = 20)
  public double getL1() {
    return l1;
  }

  /** @param v L1 penalty */
  public void setL1(double v) {
    l1 = nonNegativeFinite("l1", "l1", v);
  }

  /** @return the L2 penalty λ₂, or comma-separated candidates to choose from */
  @OptionMetadata(
      displayName = "l2",
      description = OptionTexts.L2,
      commandLineParamName = "l2",
      commandLineParamSynopsis = "-l2 <number[,number...]>",
      displayOrder = 21)
  public String getL2() {
    return l2;
  }

  /** @param v one L2 penalty, or comma-separated candidates to choose from */
  public void setL2(String v) {
    l2Values = penalties("l2", "l2", v);
    l2 = v.trim();
  }

  /** @return the dropout probability, or {@link #AUTOMATIC_DROPOUT} for the automatic choice */
  @OptionMetadata(
      displayName = "dropout",
      description = OptionTexts.DROPOUT,
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
      throw bad("dropout", "dropout", "must be in [0, 1), or -1 for automatic", v);
    }
    dropout = v;
  }

  /** @return the label smoothing ε */
  @OptionMetadata(
      displayName = "labelSmoothing",
      description = OptionTexts.LABEL_SMOOTHING,
      commandLineParamName = "label-smoothing",
      commandLineParamSynopsis = "-label-smoothing <number>",
      displayOrder = 23)
  public double getLabelSmoothing() {
    return labelSmoothing;
  }

  /** @param v label smoothing */
  public void setLabelSmoothing(double v) {
    labelSmoothing = unitInterval("label-smoothing", "labelSmoothing", v);
  }

  /** @return how instances are re-weighted by class */
  @OptionMetadata(
      displayName = "classWeights",
      description = OptionTexts.CLASS_WEIGHTS,
      commandLineParamName = "class-weights",
      commandLineParamSynopsis = "-class-weights <NONE|BALANCED>",
      displayOrder = 24)
  public ClassWeighting getClassWeights() {
    return classWeights;
  }

  /** @param c class weighting */
  public void setClassWeights(ClassWeighting c) {
    classWeights = notNull("class-weights", "classWeights", c);
  }

  /** @return the percentage held out for early stopping, 0 = none */
  @OptionMetadata(
      displayName = "validationPercent",
      description = OptionTexts.VALIDATION_PERCENT,
      commandLineParamName = "validation",
      commandLineParamSynopsis = "-validation <percent>",
      displayOrder = 30)
  public double getValidationPercent() {
    return validationPercent;
  }

  /** @param v holdout percentage */
  public void setValidationPercent(double v) {
    if (!(v >= 0 && v < 100)) {
      throw bad("validation", "validationPercent", "must be a percentage in [0, 100)", v);
    }
    validationPercent = v;
  }

  /** @return the epochs without improvement before early stopping */
  @OptionMetadata(
      displayName = "patience",
      description = OptionTexts.PATIENCE,
      commandLineParamName = "patience",
      commandLineParamSynopsis = "-patience <int>",
      displayOrder = 31)
  public int getPatience() {
    return patience;
  }

  /** @param v patience in epochs */
  public void setPatience(int v) {
    patience = atLeast("patience", "patience", v, 1);
  }

  /** @return how numeric inputs are rescaled */
  @OptionMetadata(
      displayName = "normalization",
      description = OptionTexts.NORMALIZE,
      commandLineParamName = "normalize",
      commandLineParamSynopsis = "-normalize <AUTO|STANDARDIZE|MINMAX|MAXABS|NONE>",
      displayOrder = 40)
  public Normalization getNormalization() {
    return normalization;
  }

  /** @param n input normalization */
  public void setNormalization(Normalization n) {
    normalization = notNull("normalize", "normalization", n);
  }

  /** @return the random seed */
  @OptionMetadata(
      displayName = "seed",
      description = OptionTexts.SEED,
      commandLineParamName = "seed",
      commandLineParamSynopsis = "-seed <int>",
      displayOrder = 50)
  public int getSeed() {
    return seed;
  }

  /** @param s the random seed */
  public void setSeed(int s) {
    seed = s;
  }

  /** @return the threads to use, 0 = all processors */
  @OptionMetadata(
      displayName = "threads",
      description = OptionTexts.THREADS,
      commandLineParamName = "threads",
      commandLineParamSynopsis = "-threads <int>",
      displayOrder = 51)
  public int getThreads() {
    return threads;
  }

  /** @param v number of threads, 0 = all processors */
  public void setThreads(int v) {
    if (v < 0 || v > OptionChecks.MAX_THREADS) {
      throw bad("threads", "threads", "must be an integer in [0, " + OptionChecks.MAX_THREADS
          + "] (0 = all processors)", v);
    }
    threads = v;
  }

  /** @return the CSV file for the training curve, empty for none */
  @OptionMetadata(
      displayName = "curveFile",
      description = OptionTexts.CURVE_FILE,
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

  /** @return the rows kept for the epochs after row-by-row training, 0 = none */
  @OptionMetadata(
      displayName = "reservoirSize",
      description = OptionTexts.RESERVOIR_SIZE,
      commandLineParamName = "reservoir",
      commandLineParamSynopsis = "-reservoir <rows>",
      displayOrder = 56)
  public int getReservoirSize() {
    return reservoirSize;
  }

  /** @param v reservoir rows, 0 = none */
  public void setReservoirSize(int v) {
    reservoirSize = atLeast("reservoir", "reservoirSize", v, 0);
  }

  /** @return whether the training state is kept for IterativeClassifier calls to continue */
  @OptionMetadata(
      displayName = "resume",
      description = OptionTexts.RESUME,
      commandLineParamName = "resume",
      commandLineParamSynopsis = "-resume",
      commandLineParamIsFlag = true,
      displayOrder = 60)
  public boolean getResume() {
    return resume;
  }

  /** @param r whether to keep the training state for IterativeClassifier calls to continue */
  public void setResume(boolean r) {
    resume = r;
  }

  /**
   * The GUI tip text of the resume property, the same text as the command line's help.
   *
   * @return the tip text of {@link #getResume()}, which IterativeClassifier asks for: the same as
   *     {@code -h} gives (a shorter text of its own had left out what a build, a saved model and
   *     Weka's -continue-iterating do with it)
   */
  public String resumeTipText() {
    return OptionTexts.RESUME;
  }

  // ---- the values in force: automatic settings resolved (EngineConfig: the engine's config) ----

  /**
   * The mini-batch size training uses: the option, or the automatic size for these rows.
   *
   * @param rows training rows, or {@link AutoSettings#UNKNOWN_ROWS} row by row
   * @return the mini-batch size in force ({@link AutoSettings#miniBatch(int, int, int)})
   */
  protected int effectiveMiniBatch(int rows) {
    return AutoSettings.miniBatch(miniBatch, rows, reservoirSize);
  }

  /**
   * The learning rate training uses: the option if positive, else the automatic rate for these rows
   * and this optimizer.
   *
   * @param rows training rows, or {@link AutoSettings#UNKNOWN_ROWS} row by row
   * @return the learning rate: the option, or {@link AutoSettings#learningRate(int,
   *     weka.classifiers.functions.backprop.optim.OptimizerType)} if automatic
   */
  protected double effectiveLearningRate(int rows) {
    return learningRate > 0 ? learningRate : AutoSettings.learningRate(rows, optimizer);
  }

  /**
   * The dropout probability training uses: the option, or the automatic dropout for these inputs
   * and rows.
   *
   * @return the dropout option, or {@link AutoSettings#dropout(int, int)} of these encoded
   *     inputs and training rows ({@link AutoSettings#UNKNOWN_ROWS} row by row) if automatic
   */
  protected double effectiveDropout(int inputs, int rows) {
    return dropout != AUTOMATIC_DROPOUT ? dropout : AutoSettings.dropout(inputs, rows);
  }

  /** @return the number of threads to use: the option, or all processors when it is 0 */
  protected int effectiveThreads() {
    return threads > 0 ? threads : WorkerPool.processors();
  }

  /** @return the λ₂ candidates, in the order given; one value means a fixed penalty */
  protected double[] l2Candidates() {
    return l2Values().clone();
  }

  /** {@link #l2Values}, parsed from {@link #l2} on first use (and after deserialization). */
  private double[] l2Values() {
    if (l2Values == null) {
      l2Values = penalties("l2", "l2", l2);
    }
    return l2Values;
  }

  /**
   * The penalty for training without a selection (row by row, and on each partition of a
   * distributed job, where no common holdout exists): the only value, or the strongest
   * candidate, the cautious choice for a model that sees its data once or in parts.
   * @return λ₂
   */
  protected double fixedL2() {
    return java.util.Arrays.stream(l2Values()).max().orElse(0); // the values are all >= 0
  }

  /** @return the fraction held out to choose among λ₂ candidates: the validation %, or 20 % */
  protected double selectionHoldout() {
    return validationPercent > 0 ? validationPercent / 100 : 0.2;
  }
}
